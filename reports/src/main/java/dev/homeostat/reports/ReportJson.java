package dev.homeostat.reports;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * report.json: properties in declared order, map entries sorted by key, doubles rounded to 6 decimals
 * (NaN and infinities as null), two-space indentation, {@code \n} line ends and a trailing newline, so the
 * same report gives the same bytes on every machine.
 */
public final class ReportJson {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new SimpleModule("report-doubles")
                    .addSerializer(Double.class, new RoundedDouble())
                    .addSerializer(Double.TYPE, new RoundedDouble()))
            .build();

    private static final DefaultPrettyPrinter PRETTY = prettyPrinter();

    private ReportJson() { }

    private static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter lf = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        printer.indentObjectsWith(lf);
        printer.indentArraysWith(lf);
        return printer;
    }

    public static String toJson(SuiteReport report) {
        Objects.requireNonNull(report, "report");
        try {
            return MAPPER.writer(PRETTY).writeValueAsString(report) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise report of suite " + report.suite(), e);
        }
    }

    /**
     * Reads a report.json back (e.g. for {@code homeostat compare}); values are the rounded ones written. A report
     * of the previous schema reads too: its scenarios' newer fields are null (n/a), its status follows its passed.
     */
    public static SuiteReport read(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            JsonNode tree = MAPPER.readTree(Files.readString(file));
            if (tree == null || !tree.isObject()) {
                throw new IllegalArgumentException(file + ": not a report.json (expected a JSON object with schemaVersion, suite, scenarios)");
            }
            String version = tree.path("schemaVersion").asText("");
            if (version.equals(SuiteReport.PREVIOUS_SCHEMA_VERSION)) {
                ((ObjectNode) tree).put("schemaVersion", SuiteReport.SCHEMA_VERSION);
            } else if (!version.equals(SuiteReport.SCHEMA_VERSION)) {
                throw new IllegalArgumentException(file + ": report schema " + (version.isEmpty() ? "(none)" : "\"" + version + "\"")
                        + " is not one this build reads (" + SuiteReport.PREVIOUS_SCHEMA_VERSION + " or " + SuiteReport.SCHEMA_VERSION
                        + "); write it again with this build's homeostat run");
            }
            if (!tree.path("scenarios").isArray()) {
                throw new IllegalArgumentException(file + ": no scenarios list; a report.json holds {schemaVersion, suite, scenarios: [...]}");
            }
            return MAPPER.treeToValue(tree, SuiteReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not a report.json of schema " + SuiteReport.SCHEMA_VERSION
                    + " (" + JsonText.problem(e) + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Rounds half-even to 6 decimals and prints plainly (no exponent), keeping at least one decimal. */
    static String format(double value) {
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros();
        if (rounded.scale() < 1) {
            rounded = rounded.setScale(1, RoundingMode.UNNECESSARY);
        }
        return rounded.toPlainString();
    }

    private static final class RoundedDouble extends StdSerializer<Double> {
        RoundedDouble() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (value.isNaN() || value.isInfinite()) {
                gen.writeNull();
            } else {
                gen.writeNumber(format(value));
            }
        }
    }
}
