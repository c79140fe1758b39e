package dev.homeostat.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

class TrafficModelTest {
    @Test
    void gcFactor_isOneBelowPressure_andTenAtTheLimit() {
        assertThat(TrafficModel.gcFactor(0.5)).isEqualTo(1);
        assertThat(TrafficModel.gcFactor(0.8)).isEqualTo(1);
        assertThat(TrafficModel.gcFactor(0.9)).isBetween(1.0, 10.0);
        assertThat(TrafficModel.gcFactor(1.0)).isCloseTo(10, within(1e-9));
    }

    @Test
    void serve_belowSaturation_servesAll_withQueueingLatency() {
        double[] out = new double[4];
        TrafficModel.serve(200, 0.02, 8, out); // ρ = 0.5
        assertThat(out[TrafficModel.OK]).isEqualTo(200);
        assertThat(out[TrafficModel.TIMEOUTS]).isZero();
        assertThat(out[TrafficModel.MEAN_LATENCY]).isCloseTo(0.04, within(1e-12));
        assertThat(out[TrafficModel.UTILISATION]).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void serve_overloaded_servesCapacity_restTimesOut() {
        double[] out = new double[4];
        TrafficModel.serve(600, 0.02, 8, out); // capacity 400/s
        assertThat(out[TrafficModel.OK]).isCloseTo(400, within(1e-9));
        assertThat(out[TrafficModel.TIMEOUTS]).isCloseTo(200, within(1e-9));
        assertThat(out[TrafficModel.MEAN_LATENCY]).isEqualTo(TrafficModel.latencyCap(0.02));
    }

    @Test
    void p99_ofEqualPods_isMeanTimesLn100() {
        double p = TrafficModel.p99(new double[] {10, 10, 10}, new double[] {0.02, 0.02, 0.02}, 3, 0, 1);
        assertThat(p).isCloseTo(0.02 * Math.log(100), within(1e-9));
    }

    @Test
    void p99_withManyTimeouts_isTheCap() {
        assertThat(TrafficModel.p99(new double[] {90}, new double[] {0.02}, 1, 10, 1.0)).isEqualTo(1.0);
    }

    @Property(tries = 200)
    void p99_ofAMix_liesBetweenFastestAndSlowestPodP99_andSolvesTheTail(
            @ForAll @DoubleRange(min = 0.001, max = 0.5) @Scale(4) double m1, @ForAll @DoubleRange(min = 0.001, max = 0.5) @Scale(4) double m2,
            @ForAll @DoubleRange(min = 1, max = 100) double w1, @ForAll @DoubleRange(min = 1, max = 100) double w2) {
        double p = TrafficModel.p99(new double[] {w1, w2}, new double[] {m1, m2}, 2, 0, 100);
        double ln100 = Math.log(100);
        assertThat(p).isBetween(Math.min(m1, m2) * ln100 - 1e-9, Math.max(m1, m2) * ln100 + 1e-9);
        double tail = (w1 * Math.exp(-p / m1) + w2 * Math.exp(-p / m2)) / (w1 + w2);
        assertThat(tail).isCloseTo(0.01, within(1e-6));
    }

    @Test
    void shiftedP99_ofOnePod_isOffsetPlusMeanTimesLn100() {
        double p = TrafficModel.p99(new double[] {10}, new double[] {0.02}, new double[] {0.2}, 1, 0, 10);
        assertThat(p).isCloseTo(0.2 + 0.02 * Math.log(100), org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void shiftedP99_withoutOffsets_equalsTheUnshiftedOne() {
        double[] w = {10, 30}, m = {0.02, 0.05};
        assertThat(TrafficModel.p99(w, m, new double[] {0, 0}, 2, 1, 5)).isEqualTo(TrafficModel.p99(w, m, 2, 1, 5));
    }

    @Test
    void shiftedP99_ofADelayedMinority_isItsDelayWhenItHoldsMoreThanOnePercent() {
        // 10 % of requests are delayed 1 s: the p99 lies inside the delayed group's tail, above 1 s
        double p = TrafficModel.p99(new double[] {90, 10}, new double[] {0.02, 0.02}, new double[] {0, 1}, 2, 0, 10);
        assertThat(p).isBetween(1.0, 1.0 + 0.02 * Math.log(10) + 1e-6);
    }

    @Test
    void linkDelay_belowTheRate_isMm1_andAboveItDropsTheExcess() {
        double[] out = new double[1];
        double d = TrafficModel.linkDelay(50, 100_000, 5_000, 1_000, out); // capacity 100/s, rho 0.5
        assertThat(out[0]).isZero();
        assertThat(d).isCloseTo(0.02, org.assertj.core.api.Assertions.within(1e-9));
        double full = TrafficModel.linkDelay(150, 100_000, 5_000, 1_000, out);
        assertThat(out[0]).isCloseTo(50, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(full).isCloseTo(0.06, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void linkDelay_withAQueueShorterThanOnePacket_losesWhatFindsTheLinkBusy_evenBelowTheRate() {
        double[] out = new double[1];
        // limit: 100 bytes (meant as packets) before requests of 10,000 bytes: M/M/1/1, blocking rho / (1 + rho)
        double d = TrafficModel.linkDelay(50, 1_000_000, 100, 10_000, out); // capacity 100/s, rho 0.5
        assertThat(out[0] / 50).isCloseTo(1.0 / 3, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(d).isCloseTo(0.01, org.assertj.core.api.Assertions.within(1e-9)); // no wait: only the wire time
        double exact = TrafficModel.linkDelay(100, 1_000_000, 100, 10_000, out); // rho 1
        assertThat(out[0] / 100).isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(exact).isCloseTo(0.01, org.assertj.core.api.Assertions.within(1e-9));
    }
}
