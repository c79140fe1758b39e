package dev.homeostat.simulator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** histogram_quantile as Prometheus computes it (promql/quantile.go: bucketQuantile), on hand-worked histograms. */
class HistogramQuantileTest {
    private static final double[] BOUNDS = {0.1, 0.25, 0.5, 1};

    @Test
    void interpolatesLinearlyInsideTheRanksBucket() {
        // 100 requests: 50 ≤ 0.1 s, 90 ≤ 0.25 s, 98 ≤ 0.5 s, 100 ≤ 1 s; rank 99 is half way through (0.5, 1]
        assertThat(HistogramQuantile.of(0.99, BOUNDS, new double[] {50, 90, 98, 100, 100})).isCloseTo(0.75, within(1e-12));
        // rank 50 is the first bucket's last request: its upper bound; the first bucket starts at 0
        assertThat(HistogramQuantile.of(0.5, BOUNDS, new double[] {50, 90, 98, 100, 100})).isCloseTo(0.1, within(1e-12));
        assertThat(HistogramQuantile.of(0.25, BOUNDS, new double[] {50, 90, 98, 100, 100})).isCloseTo(0.05, within(1e-12));
    }

    @Test
    void aRankInPlusInfIsTheLargestFiniteBound_andNoRequestsIsNaN() {
        assertThat(HistogramQuantile.of(0.99, BOUNDS, new double[] {10, 20, 30, 40, 100})).isEqualTo(1.0);
        assertThat(HistogramQuantile.of(0.99, BOUNDS, new double[] {0, 0, 0, 0, 0})).isNaN();
    }

    @Test
    void aBucketBelowItsPredecessor_byAFloatSumsRounding_countsAsEqual() {
        double[] wobbly = {50, 90, 89.999999, 100, 100};
        // as {50, 90, 90, 100, 100}: (0.25, 0.5] holds nothing, ranks 95 and 99 fall in (0.5, 1]
        assertThat(HistogramQuantile.of(0.95, BOUNDS, wobbly)).isCloseTo(0.75, within(1e-12));
        assertThat(HistogramQuantile.of(0.99, BOUNDS, wobbly)).isCloseTo(0.95, within(1e-12));
    }

    @Property
    void theQuantileLiesInsideTheBucketHoldingTheRank_andGrowsWithQ(@ForAll @Size(5) java.util.List<@DoubleRange(min = 0, max = 100) Double> adds,
                                                                    @ForAll @DoubleRange(min = 0.01, max = 0.99) double q) {
        double[] cumulative = new double[5];
        double running = 0;
        for (int i = 0; i < 5; i++) cumulative[i] = running += adds.get(i);
        double value = HistogramQuantile.of(q, BOUNDS, cumulative);
        if (running == 0) {
            assertThat(value).isNaN();
            return;
        }
        assertThat(value).isBetween(0.0, 1.0);
        assertThat(HistogramQuantile.of(Math.min(0.999, q + 0.005), BOUNDS, cumulative)).isGreaterThanOrEqualTo(value - 1e-12);
        int bucket = 0;
        while (bucket < 4 && cumulative[bucket] < q * running) bucket++;
        if (bucket < 4) assertThat(value).isBetween(bucket == 0 ? 0 : BOUNDS[bucket - 1], BOUNDS[bucket]);
        else assertThat(value).isEqualTo(1.0);
    }
}
