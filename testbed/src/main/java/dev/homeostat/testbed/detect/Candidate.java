package dev.homeostat.testbed.detect;

import dev.homeostat.detectors.Detector;
import dev.homeostat.detectors.DetectorRegistry;
import dev.homeostat.detectors.DetectorSpec;

/**
 * A row of the evaluation: a label for the tables, the name its results are exported under (NAB's results
 * layout needs a plain name: letters, digits and '-'), and how to make a fresh detector for one series.
 */
public record Candidate(String label, String exportName, Instances instances) {
    /** A fresh detector for one series (detectors keep per-series state); {@code seed} is split per series from the run's seed. */
    @FunctionalInterface
    public interface Instances {
        Detector create(NabSeries series, long seed);
    }

    public Candidate {
        if (label == null || label.isBlank()) throw new IllegalArgumentException("candidate: label is required");
        if (exportName == null || !exportName.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("candidate '" + label + "': export name '" + exportName + "' must be letters, digits and '-'");
        }
        if (instances == null) throw new IllegalArgumentException("candidate '" + label + "': instances are required");
    }

    /** A detector of the registry, by spec; exported as the spec with every other character turned into '-' ({@code mad:k=5.5} → {@code mad-k-5p5}). */
    public static Candidate of(DetectorSpec spec) {
        return new Candidate(spec.toString(), exportName(spec.toString()), (series, seed) -> DetectorRegistry.create(spec, seed));
    }

    /** A NAB-safe name: NAB splits result file names on '_' and '.', so neither may appear. */
    static String exportName(String text) {
        String name = text.replace('.', 'p').replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return name.isEmpty() ? "detector" : name;
    }
}
