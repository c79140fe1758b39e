package dev.homeostat.testbed.detect;

import dev.homeostat.detectors.DetectorSpec;
import dev.homeostat.detectors.Verdict;
import java.util.List;

/**
 * NAB's baselines, as its own detectors define them: {@code null} (0.5 on every row: it never alarms at
 * NAB's best threshold, and NAB normalises every score by it), {@code random} ({@code random.seed(42)} before
 * each file, then {@code random.uniform(0, 1)} per row, in CPython's exact numbers) and
 * {@code windowedGaussian} (the registry's {@code windowed-gaussian} with NAB's window of 6400 and step of 100).
 * Their export names are NAB's, so NAB's scorer finds {@code null} to normalise by.
 */
public final class Baselines {
    /** The seed NAB's random detector sets before every file. */
    public static final long NAB_RANDOM_SEED = 42;
    public static final String NULL = "null";

    private Baselines() { }

    public static Candidate nullDetector() {
        return new Candidate(NULL, NULL, (series, seed) -> (time, values) -> new Verdict(0.5, 1, false, "", 0.5));
    }

    /** NAB's random detector; {@code pythonSeed} other than 42 gives the same detector under another seed. */
    public static Candidate random(long pythonSeed) {
        String label = pythonSeed == NAB_RANDOM_SEED ? "random" : "random:seed=" + pythonSeed;
        return new Candidate(label, Candidate.exportName(label), (series, seed) -> {
            var rng = new PythonRandom(pythonSeed);
            return (time, values) -> {
                double u = rng.random();
                return new Verdict(u, 1, false, "", u);
            };
        });
    }

    public static Candidate windowedGaussian() {
        Candidate c = Candidate.of(DetectorSpec.parse("windowed-gaussian"));
        return new Candidate("windowedGaussian", "windowedGaussian", c.instances());
    }

    /** null, random (NAB's seed) and windowedGaussian, in table order. */
    public static List<Candidate> all() { return List.of(nullDetector(), random(NAB_RANDOM_SEED), windowedGaussian()); }
}
