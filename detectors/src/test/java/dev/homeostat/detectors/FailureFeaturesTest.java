package dev.homeostat.detectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class FailureFeaturesTest {
    private static final double NaN = Double.NaN;

    @Test
    void features_summariseEachSignalOverTheWindow() {
        double[][] rows = {
                {0.40, 0.10, 0.00, 0.020, 0, 1},
                {0.42, 0.30, 0.10, 0.040, 0, 1},
                {0.44, 0.20, 0.20, 0.030, 1, 0},
                {0.46, 0.20, 0.10, 0.010, 1, 1}};

        double[] f = FailureFeatures.of(rows);

        assertThat(f).hasSize(FailureFeatures.NAMES.size());
        assertThat(f[0]).as("memory last").isEqualTo(0.46);
        assertThat(f[1]).as("memory slope per observation").isCloseTo(0.02, within(1e-12));
        assertThat(f[2]).as("cpu mean").isCloseTo(0.2, within(1e-12));
        assertThat(f[3]).as("cpu max").isEqualTo(0.3);
        assertThat(f[4]).as("errors mean").isCloseTo(0.1, within(1e-12));
        assertThat(f[5]).as("errors max").isEqualTo(0.2);
        assertThat(f[6]).as("latency mean").isCloseTo(0.025, within(1e-12));
        assertThat(f[7]).as("latency max").isEqualTo(0.04);
        assertThat(f[8]).as("restarts increase").isEqualTo(1);
        assertThat(f[9]).as("ready fraction").isEqualTo(0.75);
    }

    @Test
    void missingSamples_areSkipped_andASignalAbsentFromTheWholeWindowIsMissing() {
        double[][] rows = {
                {0.5, NaN, NaN, NaN, 2, 0},
                {NaN, NaN, NaN, NaN, 3, 0},
                {0.7, NaN, Double.POSITIVE_INFINITY},    // short row: the rest is missing
                {NaN, NaN, NaN, NaN, 1, 0}};             // counter reset: counts from zero

        double[] f = FailureFeatures.of(rows);

        assertThat(f[0]).isEqualTo(0.7);
        assertThat(f[1]).as("slope over positions 0 and 2").isCloseTo(0.1, within(1e-12));
        assertThat(f[2]).isEqualTo(FailureFeatures.MISSING);
        assertThat(f[5]).isEqualTo(FailureFeatures.MISSING);
        assertThat(f[7]).isEqualTo(FailureFeatures.MISSING);
        assertThat(f[8]).isEqualTo(2);
        assertThat(f[9]).isEqualTo(0);
    }

    @Test
    void window_keepsTheLastObservations_andMatchesTheBatchFunction() {
        var w = new FailureFeatures.Window(3);
        double[][] all = new double[5][];
        for (int i = 0; i < 5; i++) {
            all[i] = new double[] {0.1 * i, i, 0, 0.01, 0, 1};
            w.add(all[i]);
            assertThat(w.full()).isEqualTo(i >= 2);
        }
        assertThat(w.features()).containsExactly(FailureFeatures.of(Arrays.copyOfRange(all, 2, 5)));
    }

    @Property(tries = 50)
    void features_areAlwaysFinite(@ForAll @IntRange(min = 0, max = 12) int length, @ForAll @DoubleRange(min = -1e6, max = 1e6) double v,
                                  @ForAll @IntRange(min = 0, max = 6) int missingSignal) {
        double[][] rows = new double[length][];
        for (int i = 0; i < length; i++) {
            rows[i] = new double[] {v * i, v, NaN, v, i, 1};
            if (missingSignal < 6 && i % 2 == 0) rows[i][missingSignal] = NaN;
        }
        assertThat(Arrays.stream(FailureFeatures.of(rows)).allMatch(Double::isFinite)).isTrue();
    }
}
