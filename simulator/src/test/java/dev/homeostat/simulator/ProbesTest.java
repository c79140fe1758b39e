package dev.homeostat.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.simulator.spec.ProbeSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProbesTest {
    private final ProbeSpec probe = new ProbeSpec(Duration.ofSeconds(5), Duration.ofSeconds(10), null, 3, 2);

    @Test
    void ticks_startAfterInitialDelay_thenEveryPeriod() {
        assertThat(Probes.tickAtOrAfter(1_000, probe, 0)).isEqualTo(6_000);
        assertThat(Probes.tickAtOrAfter(1_000, probe, 6_000)).isEqualTo(6_000);
        assertThat(Probes.tickAtOrAfter(1_000, probe, 6_001)).isEqualTo(16_000);
    }

    @Test
    void failure_needsFailureThresholdTicks_successNeedsSuccessThreshold() {
        assertThat(Probes.failsAt(0, probe, 7_000)).isEqualTo(15_000 + 2 * 10_000);
        assertThat(Probes.passesAt(0, probe, 7_000)).isEqualTo(15_000 + 10_000);
    }
}
