package dev.homeostat.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every registered detector keeps, checked on each {@link DetectorRegistry} entry's example
 * spec — so a detector added to the registry is held to it without anyone adding it to a list: finite
 * scores and anomaly scores in [0, 1] on any input, no alarm on a constant series, a clear step found,
 * gaps (NaN, null, empty) normal and harmless, and the same seed and data giving the same verdicts.
 *
 * <p>Two detectors read vectors with a meaning, and get inputs of that shape: {@code lifecycle} (a pod's
 * container status: restarts, ready, oomKilled, crashLoopBackOff; its "step" is a burst of restarts) and
 * {@code classifier} (a pod's six signals; its "step" is a CPU stress it was trained on, and its constant is
 * a healthy pod — a supervised model has no opinion on an arbitrary constant vector). A static
 * {@code threshold} alarms on constants beyond its bound by design, so it gets constants inside it.
 */
class DetectorContractTest {
    /** Observations of noise before a step: past every default warm-up and training window (knn-cad's is 750). */
    private static final int WARM_UP = 1000;
    /** Longer than any default rest period (knn-cad's 150, skyline's 144): a report on noise just before the step may hold it that long. */
    private static final int STEP_WITHIN = 200;
    private static final double[] CONSTANTS = {0.0, -0.0, 1.0, 0.3, -7.5, 1e-300, -1e6, 5e8, 1e300, Double.MAX_VALUE, -Double.MAX_VALUE};

    @TempDir static Path dir;
    private static Path model;

    @BeforeAll
    static void trainClassifier() throws Exception {
        model = dir.resolve("failure.bin");
        Files.write(model, FailureFixtures.model(1, 10).toBytes());
    }

    static Stream<String> examples() {
        return DetectorRegistry.entries().stream().map(DetectorRegistry.Entry::example);
    }

    private static Detector create(String example, long seed) {
        String spec = example.startsWith("classifier") ? "classifier:model=" + model : example;
        return DetectorRegistry.create(DetectorSpec.parse(spec), seed);
    }

    private static String name(String example) { return DetectorSpec.parse(example).name(); }

    /** One observation of a healthy target at step i, in the detector's input shape. */
    private static double[] healthy(String example, int i, SplittableRandom r) {
        return switch (name(example)) {
            case "lifecycle" -> new double[] {3, 1, 0, 0};
            case "classifier" -> FailureFixtures.observation("normal", i, r);
            default -> new double[] {Series.gaussian(r)};
        };
    }

    /** One observation after a clear step at step i (j steps into it). */
    private static double[] stepped(String example, int i, int j, SplittableRandom r) {
        return switch (name(example)) {
            case "lifecycle" -> new double[] {3 + 2 * (j + 1), j % 2 == 0 ? 0 : 1, 0, 0};  // two restarts per observation
            case "classifier" -> FailureFixtures.observation("StressChaos/cpu", i, r);
            default -> new double[] {Series.gaussian(r) + 20};
        };
    }

    private static void assertWellFormed(String example, Verdict v, String when) {
        assertThat(v).as("%s: %s", example, when).isNotNull();
        assertThat(v.score()).as("%s: score %s", example, when).isFinite();
        assertThat(v.threshold()).as("%s: threshold %s", example, when).isFinite();
        assertThat(v.anomalyScore()).as("%s: anomaly score %s", example, when).isBetween(0.0, 1.0);
        if (v.anomalous()) assertThat(v.explanation()).as("%s: explanation %s", example, when).isNotBlank();
    }

    @Test
    void everyEntry_hasAnExampleNamingIt() {
        for (var e : DetectorRegistry.entries()) assertThat(name(e.example())).as(e.example()).isEqualTo(e.name());
    }

    @ParameterizedTest
    @MethodSource("examples")
    void messyInput_givesWellFormedVerdicts_neverThrows(String example) {
        for (long seed = 1; seed <= 3; seed++) {
            Detector d = create(example, seed);
            var r = new SplittableRandom(seed);
            double[] specials = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE, -Double.MAX_VALUE,
                Double.MIN_VALUE, 1e308, -1e308, 0.0, -0.0};
            for (int i = 0; i < 400; i++) {
                double[] row = switch (i % 41) {
                    case 39 -> null;
                    case 40 -> new double[0];
                    default -> {
                        double[] h = healthy(example, i, r);
                        int pick = r.nextInt(10);
                        if (pick < 3) h[r.nextInt(h.length)] = specials[r.nextInt(specials.length)];
                        else if (pick < 4) h[r.nextInt(h.length)] = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-300, 300));
                        yield h;
                    }
                };
                assertWellFormed(example, d.observe(i * 15_000L, row), "at row " + i + " " + Arrays.toString(row));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void constantInput_neverAlarms(String example) {
        List<double[]> constants = new ArrayList<>();
        switch (name(example)) {
            case "lifecycle" -> constants.add(new double[] {3, 1, 0, 0});
            case "classifier" -> constants.add(FailureFixtures.observation("normal", 0, new SplittableRandom(5)));
            case "threshold" -> { for (double c : CONSTANTS) if (c < 10) constants.add(new double[] {c}); }  // its bound is above=10
            default -> { for (double c : CONSTANTS) constants.add(new double[] {c}); }
        }
        for (double[] c : constants) {
            Detector d = create(example, 7);
            for (int i = 0; i < 1200; i++) {
                Verdict v = d.observe(i * 15_000L, c.clone());
                assertWellFormed(example, v, "constant " + Arrays.toString(c));
                assertThat(v.anomalous()).as("%s alarmed on the constant %s at row %d: %s", example, Arrays.toString(c), i, v.explanation()).isFalse();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void clearStep_isFoundSoon(String example) {
        for (long seed = 1; seed <= 3; seed++) {
            Detector d = create(example, seed);
            var r = new SplittableRandom(seed * 31);
            for (int i = 0; i < WARM_UP; i++) d.observe(i * 15_000L, healthy(example, i, r));
            boolean found = false;
            for (int j = 0; j < STEP_WITHIN && !found; j++) {
                Verdict v = d.observe((WARM_UP + j) * 15_000L, stepped(example, WARM_UP + j, j, r));
                assertWellFormed(example, v, "after the step");
                found = v.anomalous();
            }
            assertThat(found).as("%s (seed %d) did not flag a clear step within %d observations", example, seed, STEP_WITHIN).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void gaps_areNormalWithZeroScores_andHarmless(String example) {
        Detector d = create(example, 3);
        var r = new SplittableRandom(3);
        for (int i = 0; i < 1300; i++) {
            boolean gap = i % 200 >= 150 && i % 200 < 170;
            double[] row;
            if (!gap) row = healthy(example, i, r);
            else if (i % 3 == 0) row = null;
            else if (i % 3 == 1) row = new double[0];
            else {
                row = healthy(example, i, r);
                Arrays.fill(row, Double.NaN);
            }
            Verdict v = d.observe(i * 15_000L, row);
            assertWellFormed(example, v, "at row " + i);
            if (gap) {
                assertThat(v.anomalous()).as("%s alarmed on a gap at row %d", example, i).isFalse();
                assertThat(v.score()).as("%s: score on a gap", example).isZero();
                assertThat(v.anomalyScore()).as("%s: anomaly score on a gap", example).isZero();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void sameSeedAndData_giveSameVerdicts(String example) {
        List<List<Verdict>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            Detector d = create(example, 42);
            var r = new SplittableRandom(9);
            List<Verdict> out = new ArrayList<>();
            for (int i = 0; i < 1100; i++) {
                double[] row = i < 1000 ? healthy(example, i, r) : stepped(example, i, i - 1000, r);
                if (i == 500) Arrays.fill(row, Double.NaN);
                out.add(d.observe(i * 15_000L, row));
            }
            runs.add(out);
        }
        assertThat(runs.get(1)).as(example).isEqualTo(runs.get(0));
    }
}
