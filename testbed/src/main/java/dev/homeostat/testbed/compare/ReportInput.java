package dev.homeostat.testbed.compare;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homeostat.reports.ReportJson;
import dev.homeostat.reports.ReportWriter;
import dev.homeostat.reports.SuiteReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads one side of a comparison, with errors that say which side, which file and what to give instead.
 * A folder is read as {@code folder/report.json}, so {@code homeostat compare out/base out/new} works too.
 */
public final class ReportInput {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportInput() { }

    /** {@code role} is {@code BASE} or {@code NEW}, as the usage line names the parameters. */
    public static SuiteReport read(Path path, String role) {
        Path file = Files.isDirectory(path) ? path.resolve(ReportWriter.REPORT_JSON) : path;
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(role + " " + file + ": file not found; give the report.json that "
                    + "`homeostat run` wrote (e.g. out/ci/report.json)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (JacksonException e) {
            throw new IllegalArgumentException(role + " " + file + ": not JSON (" + dev.homeostat.reports.JsonText.problem(e)
                    + "); give the report.json that `homeostat run` wrote", e);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException(role + " " + file + ": not UTF-8 text; give the report.json that `homeostat run` wrote", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !root.has("schemaVersion")) {
            throw new IllegalArgumentException(role + " " + file + ": not a report.json (no schemaVersion field); "
                    + "give the report.json that `homeostat run` wrote");
        }
        String version = root.get("schemaVersion").asText();
        if (!SuiteReport.SCHEMA_VERSION.equals(version) && !SuiteReport.PREVIOUS_SCHEMA_VERSION.equals(version)) {
            throw new IllegalArgumentException(role + " " + file + ": schemaVersion \"" + version + "\", but this build "
                    + "compares schemas \"" + SuiteReport.PREVIOUS_SCHEMA_VERSION + "\" and \"" + SuiteReport.SCHEMA_VERSION
                    + "\"; re-run the suite with this homeostat or compare with the homeostat that wrote it");
        }
        try {
            return ReportJson.read(file);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(role + " " + e.getMessage(), e);
        }
    }
}
