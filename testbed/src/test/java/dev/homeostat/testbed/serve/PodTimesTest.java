package dev.homeostat.testbed.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.simulator.cluster.PodView;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When a mirrored pod's Ready condition last turned, between the mirror's writes. */
class PodTimesTest {
    private static PodView pod(String phase, boolean ready, int restarts, long startedAt, long readyAt, Map<String, String> labels) {
        return new PodView("default", "web-1", "web", "node-1", phase, ready, restarts, startedAt, labels, 1, null, readyAt, 30_000);
    }

    @Test
    void aReadyPodWrittenAgainForAnotherReason_keepsTheTimeItTurnedReady() {
        var first = PodTimes.next(null, pod("Running", true, 0, 1_000, 21_000, Map.of("app", "web")), 40_000);
        var isolated = PodTimes.next(first, pod("Running", true, 0, 1_000, 21_000, Map.of("homeostat.dev/isolated", "true")), 90_000);
        assertThat(first).isEqualTo(new PodTimes(1_000, true, 21_000));
        assertThat(isolated).isEqualTo(first);
    }

    @Test
    void aPendingPod_isNotReadySinceItsContainerStarts_andReadyWhenTheSimulationSaysItTurned() {
        var pending = PodTimes.next(null, pod("Pending", false, 0, -1, -1, Map.of()), 5_000);
        var started = PodTimes.next(pending, pod("Running", false, 0, 9_000, -1, Map.of()), 12_000);
        var ready = PodTimes.next(started, pod("Running", true, 0, 9_000, 31_000, Map.of()), 36_000);
        assertThat(pending).isEqualTo(new PodTimes(-1, false, 5_000));
        assertThat(started).isEqualTo(new PodTimes(9_000, false, 9_000));
        assertThat(ready).isEqualTo(new PodTimes(9_000, true, 31_000));
    }

    @Test
    void aReturnToReadyAfterAMissedReadinessProbe_isDatedWhenItHappened_andARestartKeepsThePodsStartTime() {
        var ready = new PodTimes(1_000, true, 21_000);
        var missed = PodTimes.next(ready, pod("Running", false, 0, 1_000, 21_000, Map.of()), 100_000);
        var back = PodTimes.next(missed, pod("Running", true, 0, 1_000, 21_000, Map.of()), 130_000);
        var crashed = PodTimes.next(back, pod("Running", false, 1, -1, -1, Map.of()), 200_000);
        var restarted = PodTimes.next(crashed, pod("Running", true, 1, 215_000, 240_000, Map.of()), 245_000);
        assertThat(missed).isEqualTo(new PodTimes(1_000, false, 100_000));
        assertThat(back).isEqualTo(new PodTimes(1_000, true, 130_000));
        assertThat(crashed).isEqualTo(new PodTimes(1_000, false, 200_000));
        assertThat(restarted).isEqualTo(new PodTimes(1_000, true, 240_000));
    }
}
