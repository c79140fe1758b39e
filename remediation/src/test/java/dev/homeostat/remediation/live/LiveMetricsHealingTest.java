package dev.homeostat.remediation.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.EngineEvent;
import dev.homeostat.remediation.model.Target;
import org.junit.jupiter.api.Test;

/** The {@code homeostat_engine_healing} gauge the shipped inhibit rule reads: 1 while the engine heals, back to 0 after. */
class LiveMetricsHealingTest {
    @Test
    void theGaugeFollowsTheEnginesHealing_andFallsBackToZero() {
        var metrics = new LiveMetrics();
        long t0 = 1_700_000_000_000L;
        metrics.event(new EngineEvent.ActionTaken(t0, new ClusterAction.RestartPod(new Target(Target.Kind.POD, "shop", "checkout-0")), "r", "checkout",
                EngineEvent.Outcome.APPLIED, null, "pod deleted"));
        metrics.tick(true, t0 + 30_000);
        assertThat(metrics.healing("shop", "checkout")).isEqualTo(1);

        metrics.tick(true, t0 + 11 * 60_000);
        assertThat(metrics.healing("shop", "checkout")).as("a series left at 1 would inhibit forever").isZero();
    }
}
