package dev.homeostat.simulator.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class WorkloadSpecTest {
    @Test
    void constant_isTheBaseRateAllTheTime() {
        var w = new WorkloadSpec.Constant();
        assertThat(w.rate(120, 0)).isEqualTo(120);
        assertThat(w.rate(120, 86_400_000)).isEqualTo(120);
    }

    @Test
    void diurnal_peaksAQuarterPeriodIn_andTroughsThreeQuartersIn() {
        var w = new WorkloadSpec.Diurnal(0.5, Duration.ofHours(24), null);
        assertThat(w.rate(100, 0)).isCloseTo(100, within(1e-9));
        assertThat(w.rate(100, Duration.ofHours(6).toMillis())).isCloseTo(150, within(1e-9));
        assertThat(w.rate(100, Duration.ofHours(18).toMillis())).isCloseTo(50, within(1e-9));
        assertThat(w.rate(100, Duration.ofHours(24).toMillis())).isCloseTo(100, within(1e-9));
    }

    @Test
    void diurnal_phaseShiftsThePeak() {
        var w = new WorkloadSpec.Diurnal(0.5, Duration.ofHours(1), Duration.ofMinutes(15));
        assertThat(w.rate(100, 0)).isCloseTo(150, within(1e-9));
    }

    @Property(tries = 200)
    void diurnal_staysWithinItsAmplitude(@ForAll @DoubleRange(min = 0, max = 1) double amplitude,
                                         @ForAll @LongRange(min = 0, max = 10_000_000) long t) {
        double r = new WorkloadSpec.Diurnal(amplitude, Duration.ofMinutes(30), Duration.ZERO).rate(80, t);
        assertThat(r).isBetween(80 * (1 - amplitude) - 1e-9, 80 * (1 + amplitude) + 1e-9);
    }

    @Test
    void flashCrowd_multipliesTheRateOnlyInsideItsWindow() {
        var w = new WorkloadSpec.FlashCrowd(Duration.ofMinutes(10), Duration.ofMinutes(5), 4);
        assertThat(w.rate(50, Duration.ofMinutes(10).toMillis() - 1)).isEqualTo(50);
        assertThat(w.rate(50, Duration.ofMinutes(10).toMillis())).isEqualTo(200);
        assertThat(w.rate(50, Duration.ofMinutes(15).toMillis() - 1)).isEqualTo(200);
        assertThat(w.rate(50, Duration.ofMinutes(15).toMillis())).isEqualTo(50);
    }

    @Test
    void ramp_risesLinearly_thenStaysAtTheTop() {
        var w = new WorkloadSpec.Ramp(Duration.ofMinutes(20), Duration.ofMinutes(30), 3, null);
        assertThat(w.rate(100, Duration.ofMinutes(20).toMillis())).isEqualTo(100);
        assertThat(w.rate(100, Duration.ofMinutes(35).toMillis())).isCloseTo(200, within(1e-9));
        assertThat(w.rate(100, Duration.ofMinutes(50).toMillis())).isEqualTo(300);
        assertThat(w.rate(100, Duration.ofHours(10).toMillis())).isEqualTo(300);
    }

    @Test
    void ramp_withAHold_comesBackDownOverTheSameDuration() {
        var w = new WorkloadSpec.Ramp(Duration.ofMinutes(10), Duration.ofMinutes(10), 3, Duration.ofMinutes(5));
        assertThat(w.rate(100, Duration.ofMinutes(25).toMillis())).isEqualTo(300);
        assertThat(w.rate(100, Duration.ofMinutes(30).toMillis())).isCloseTo(200, within(1e-9));
        assertThat(w.rate(100, Duration.ofMinutes(35).toMillis())).isEqualTo(100);
        assertThat(w.rate(100, Duration.ofHours(2).toMillis())).isEqualTo(100);
    }

    @Property(tries = 200)
    void ramp_staysBetweenTheBaseAndTheTop(@ForAll @DoubleRange(min = 0, max = 10) double multiplier,
                                           @ForAll @LongRange(min = 0, max = 10_000_000) long t) {
        double r = new WorkloadSpec.Ramp(Duration.ofMinutes(5), Duration.ofMinutes(20), multiplier, Duration.ofMinutes(30)).rate(80, t);
        assertThat(r).isBetween(80 * Math.min(1, multiplier) - 1e-9, 80 * Math.max(1, multiplier) + 1e-9);
    }

    @Test
    void ramp_refusesAMissingOrEmptyDuration() {
        assertThatThrownBy(() -> new WorkloadSpec.Ramp(Duration.ZERO, Duration.ZERO, 2, null)).hasMessageStartingWith("workload.duration:");
        assertThatThrownBy(() -> new WorkloadSpec.Ramp(null, Duration.ofMinutes(1), 2, null)).hasMessageStartingWith("workload.at:");
        assertThatThrownBy(() -> new WorkloadSpec.Ramp(Duration.ZERO, Duration.ofMinutes(1), 2, Duration.ofMinutes(-1))).hasMessageStartingWith("workload.hold:");
    }

    @Test
    void poisson_hasTheBaseRateAsItsMean() {
        assertThat(new WorkloadSpec.Poisson().rate(7, 123_000)).isEqualTo(7);
    }

    @Test
    void replay_interpolatesBetweenRows_andHoldsTheEnds() {
        var w = WorkloadSpec.Replay.parse("trace.csv", List.of("seconds,rps", "# warm-up", "10,100", "", "20,200", "40,0"));
        assertThat(w.points()).hasSize(3);
        assertThat(w.rate(999, 0)).isEqualTo(100);
        assertThat(w.rate(999, 15_000)).isCloseTo(150, within(1e-9));
        assertThat(w.rate(999, 30_000)).isCloseTo(100, within(1e-9));
        assertThat(w.rate(999, 3_600_000)).isZero();
    }

    @Test
    void replay_badLine_namesTheFileAndTheLine() {
        assertThatThrownBy(() -> WorkloadSpec.Replay.parse("traces/shop.csv", List.of("seconds,rps", "0,100", "60,lots")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("traces/shop.csv line 3")
                .hasMessageContaining("not a number");
        assertThatThrownBy(() -> WorkloadSpec.Replay.parse("t.csv", List.of("0,1,2")))
                .hasMessageContaining("t.csv line 1").hasMessageContaining("2 columns");
        assertThatThrownBy(() -> WorkloadSpec.Replay.parse("t.csv", List.of("0,10", "60,20", "30,5")))
                .hasMessageContaining("t.csv line 3").hasMessageContaining("sort the rows");
        assertThatThrownBy(() -> WorkloadSpec.Replay.parse("t.csv", List.of("0,-5")))
                .hasMessageContaining("t.csv line 1").hasMessageContaining("requestsPerSecond must be >= 0");
        assertThatThrownBy(() -> WorkloadSpec.Replay.parse("empty.csv", List.of("seconds,rps")))
                .hasMessageContaining("empty.csv has no data rows");
    }

    @Test
    void serviceSpec_oldConstructor_meansConstantWorkload_andNoCalls() {
        var s = new ServiceSpec("web", null, null, 60, null);
        assertThat(s.workload()).isEqualTo(new WorkloadSpec.Constant());
        assertThat(s.calls()).isEmpty();
    }

    @Test
    void callSpec_rejectsBadFields_namingThem() {
        assertThatThrownBy(() -> new CallSpec("b", 1.0, Duration.ZERO, 0, null)).hasMessageStartingWith("calls.deadline");
        assertThatThrownBy(() -> new CallSpec("b", -1.0, null, 0, null)).hasMessageStartingWith("calls.perRequest");
        assertThatThrownBy(() -> new CallSpec("b", 1.0, null, -1, null)).hasMessageStartingWith("calls.retries");
        assertThatThrownBy(() -> new ServiceSpec("a", null, null, 1, null, null, List.of(CallSpec.to("a"))))
                .hasMessageContaining("calls itself");
    }
}
