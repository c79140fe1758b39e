package dev.homeostat.testbed.detect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.homeostat.reports.OutPaths;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes runs in NAB's results layout, so NAB's own scorer can be run on them:
 * {@code DIR/<detector>/<category>/<detector>_<file>.csv} with {@code timestamp,value,anomaly_score,label}
 * (label: 1 inside a window, by timestamp, as NAB's runner writes it), and {@code DIR/thresholds.json} in
 * NAB's {@code config/thresholds.json} format with the thresholds and raw scores found here (entries of
 * other detectors already in the file are kept). Everything is first written to a temporary folder inside
 * DIR and moved into place at the end, so a failed export leaves no half-written detector folder.
 */
public final class NabExport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    public static final String THRESHOLDS = "thresholds.json";

    private NabExport() { }

    public static void write(Path dir, NabDataset dataset, List<NabEvaluation.Run> runs, List<NabScorer.Result> results) {
        Path target = dir.toAbsolutePath();
        Path tmp = null;
        try {
            if (Files.exists(target) && !Files.isDirectory(target)) {
                throw new IllegalArgumentException("--export " + dir + ": exists and is not a folder; give a folder (NAB's results/ works)");
            }
            Files.createDirectories(target);
            tmp = Files.createTempDirectory(target, ".export-");
            for (NabEvaluation.Run run : runs) writeRun(tmp, dataset, run);
            ObjectNode thresholds = existingThresholds(target.resolve(THRESHOLDS));
            for (NabScorer.Result r : results) {
                ObjectNode detector = thresholds.putObject(r.exportName());
                for (NabProfile p : NabProfile.values()) {
                    detector.putObject(p.label()).put("score", r.profiles().get(p).raw()).put("threshold", r.profiles().get(p).threshold());
                }
            }
            JSON.writeValue(tmp.resolve(THRESHOLDS).toFile(), thresholds);
            for (NabEvaluation.Run run : runs) {
                Path into = OutPaths.child(target, run.candidate().exportName());
                deleteTree(into);
                Files.move(tmp.resolve(run.candidate().exportName()), into, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(tmp.resolve(THRESHOLDS), target.resolve(THRESHOLDS), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("--export: cannot write " + dir, e);
        } finally {
            if (tmp != null) deleteTree(tmp);
        }
    }

    private static void writeRun(Path root, NabDataset dataset, NabEvaluation.Run run) throws IOException {
        String name = run.candidate().exportName();
        for (int s = 0; s < dataset.series().size(); s++) {
            NabSeries series = dataset.series().get(s);
            String file = series.name().substring(series.name().indexOf('/') + 1);
            Path folder = OutPaths.child(root, name);
            if (!series.category().isEmpty()) folder = OutPaths.child(folder, series.category());
            Path out = OutPaths.child(folder, name + "_" + file);
            Files.createDirectories(out.getParent());
            double[] scores = run.anomalyScores().get(s);
            int[] labels = series.labels();
            try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                w.write("timestamp,value,anomaly_score,label\n");
                for (int i = 0; i < series.size(); i++) {
                    // Double.toString round-trips: NAB's pandas reads back the very same doubles
                    w.write(NabTime.format(series.times()[i]) + "," + series.values()[i] + "," + scores[i] + "," + labels[i] + "\n");
                }
            }
        }
    }

    private static ObjectNode existingThresholds(Path file) {
        if (!Files.isRegularFile(file)) return JSON.createObjectNode();
        try {
            if (JSON.readTree(file.toFile()) instanceof ObjectNode node) return node;
        } catch (IOException e) {
            throw new IllegalArgumentException("--export: " + file + " is not a JSON object of thresholds (" + e.getMessage().lines().findFirst().orElse("")
                    + "); move it away or export to another folder", e);
        }
        throw new IllegalArgumentException("--export: " + file + " is not a JSON object of thresholds; move it away or export to another folder");
    }

    private static void deleteTree(Path path) {
        if (!Files.exists(path)) return;
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        } catch (IOException e) {
            throw new UncheckedIOException("--export: cannot remove " + path, e);
        }
    }
}
