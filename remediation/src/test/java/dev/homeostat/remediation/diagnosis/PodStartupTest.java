package dev.homeostat.remediation.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.port.PodInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a new pod is still coming up, by its own start, its kubelet's budget and how long its peers took. */
class PodStartupTest {
    private static final long NOW = 3_600_000;

    private static PodInfo pod(boolean ready, int restarts, long started, long readyAt, long budget) {
        return new PodInfo("shop", "jvm-" + started, "jvm", "n1", ready, restarts, started, 1, null, false, readyAt, budget);
    }

    private static PodInfo fresh(long startedAgo, long budget) { return pod(false, 0, NOW - startedAgo, PodInfo.NOT_YET, budget); }

    @Test
    void aNewPodNotReadyYet_isStartingWithinTheFloor_andNoLongerAfterIt() {
        assertThat(PodStartup.starting(fresh(100_000, 0), List.of(), NOW)).isTrue();
        assertThat(PodStartup.starting(fresh(130_000, 0), List.of(), NOW)).isFalse();
    }

    @Test
    void theKubeletsBudget_extendsTheAllowance_upToTheProgressDeadline() {
        // a liveness probe that waits 180 s (budget 200 s): the kubelet owns the start until then, plus two scrapes
        assertThat(PodStartup.allowance(fresh(0, 200_000), List.of())).isEqualTo(230_000);
        assertThat(PodStartup.starting(fresh(220_000, 200_000), List.of(), NOW)).isTrue();
        assertThat(PodStartup.starting(fresh(240_000, 200_000), List.of(), NOW)).isFalse();
        assertThat(PodStartup.allowance(fresh(0, 3_600_000), List.of())).isEqualTo(PodStartup.PROGRESS_DEADLINE);
    }

    @Test
    void peersThatTookLongToTurnReady_extendTheAllowanceByHalfAgain() {
        PodInfo peer = pod(true, 0, NOW - 1_000_000, NOW - 1_000_000 + 200_000, 0);
        PodInfo slow = fresh(250_000, 0);
        assertThat(PodStartup.allowance(slow, List.of(peer, slow))).isEqualTo(300_000);
        assertThat(PodStartup.starting(slow, List.of(peer, slow), NOW)).isTrue();
        // a peer that was Ready from its start (the cluster as it stood) says nothing
        assertThat(PodStartup.allowance(slow, List.of(pod(true, 0, 0, 0, 0)))).isEqualTo(PodStartup.FLOOR_MILLIS);
    }

    @Test
    void aPodThatRestarted_wasReadyOnce_orWaitsForAReason_isNotStarting() {
        assertThat(PodStartup.starting(pod(false, 1, NOW - 10_000, PodInfo.NOT_YET, 0), List.of(), NOW)).isFalse();
        assertThat(PodStartup.starting(pod(false, 0, NOW - 60_000, NOW - 30_000, 0), List.of(), NOW)).isFalse();
        var pulling = new PodInfo("shop", "jvm-x", "jvm", "n1", false, 0, -1, 1, "ImagePullBackOff", false, PodInfo.NOT_YET, 0);
        assertThat(PodStartup.starting(pulling, List.of(), NOW)).isFalse();
        var unscheduled = new PodInfo("shop", "jvm-y", "jvm", null, false, 0, -1, 1, null, false, PodInfo.NOT_YET, 0);
        assertThat(PodStartup.starting(unscheduled, List.of(), NOW)).isFalse();
    }

    @Test
    void aPodJustTurnedReady_isStillStartingForTheMetrics_forTwoScrapes() {
        assertThat(PodStartup.starting(pod(true, 0, NOW - 160_000, NOW - 5_000, 200_000), List.of(), NOW)).isTrue();
        assertThat(PodStartup.starting(pod(true, 0, NOW - 200_000, NOW - 45_000, 200_000), List.of(), NOW)).isFalse();
        // Ready only after its allowance: a start that was already judged overdue
        assertThat(PodStartup.starting(pod(true, 0, NOW - 300_000, NOW - 5_000, 0), List.of(), NOW)).isFalse();
    }
}
