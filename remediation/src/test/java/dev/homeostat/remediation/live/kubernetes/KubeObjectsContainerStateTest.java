package dev.homeostat.remediation.live.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.diagnosis.PodStartup;
import dev.homeostat.remediation.port.PodInfo;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A pod's start as the live adapter reads it from its containers' states, as the kubelet writes them: the running
 * container's {@code state.running.startedAt} (moved on each restart; the pod's {@code startTime} is its first start),
 * none while the container waits.
 */
class KubeObjectsContainerStateTest {
    private static final String POD_START = "2026-01-02T03:00:00Z";

    /** A pod of container {@code app} that first started at {@link #POD_START}, Ready (or not) since {@code readySince}. */
    private static PodBuilder pod(boolean ready, String readySince) {
        return new PodBuilder().withNewMetadata().withName("web-1").withNamespace("ns").withCreationTimestamp("2026-01-02T02:59:58Z").endMetadata()
                .withNewSpec().withNodeName("node-1").addNewContainer().withName("app").withImage("img").endContainer().endSpec()
                .withNewStatus().withPhase("Running").withStartTime(POD_START)
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").withLastTransitionTime(readySince).endCondition()
                .endStatus();
    }

    private static Pod withState(PodBuilder b, int restarts, ContainerState state) {
        return b.editStatus().addToContainerStatuses(new ContainerStatusBuilder().withName("app").withRestartCount(restarts).withState(state).build())
                .endStatus().build();
    }

    private static ContainerState running(String since) { return new ContainerStateBuilder().withNewRunning().withStartedAt(since).endRunning().build(); }

    private static ContainerState waiting(String reason) { return new ContainerStateBuilder().withNewWaiting().withReason(reason).endWaiting().build(); }

    private static PodInfo info(Pod p) { return KubeObjects.podInfo(p, Map.of(), Map.of()); }

    private static long at(String timestamp) { return Instant.parse(timestamp).toEpochMilli(); }

    @Test
    void aRestartedContainer_startedWhenItsStateSays_notWhenThePodFirstStarted() {
        var readyAgain = info(withState(pod(true, "2026-01-02T03:20:30Z"), 1, running("2026-01-02T03:20:10Z")));
        // not Ready since it crashed, a moment before the kubelet started it again: not Ready since this container started
        var comingBack = info(withState(pod(false, "2026-01-02T03:20:00Z"), 1, running("2026-01-02T03:20:10Z")));

        assertThat(readyAgain.startedAtMillis()).isEqualTo(at("2026-01-02T03:20:10Z"));
        assertThat(readyAgain.readyAtMillis()).isEqualTo(at("2026-01-02T03:20:30Z"));
        assertThat(comingBack.startedAtMillis()).isEqualTo(at("2026-01-02T03:20:10Z"));
        assertThat(comingBack.neverReady()).isTrue();
    }

    @Test
    void aContainerInCrashLoopBackOff_runsNone_andHasNotBeenReadySinceItStarted() {
        var looping = info(withState(pod(false, "2026-01-02T03:20:00Z"), 3, waiting("CrashLoopBackOff")));

        assertThat(looping.crashLooping()).isTrue();
        assertThat(looping.startedAtMillis()).isEqualTo(-1);
        assertThat(looping.readyAtMillis()).isEqualTo(PodInfo.NOT_YET);
    }

    @Test
    void aContainerBeingCreated_waitsForNoReasonOfItsOwn_andIsAboutToStart() {
        var creating = info(withState(pod(false, "2026-01-02T02:59:59Z").editStatus().withPhase("Pending").withStartTime(null).endStatus(),
                0, waiting("ContainerCreating")));

        assertThat(creating.waitingReason()).isNull();
        assertThat(creating.startedAtMillis()).isEqualTo(-1);
        assertThat(PodStartup.mayBeStarting(creating, at("2026-01-02T03:00:10Z"))).isTrue();
    }

    @Test
    void theContainerFollowed_isTheSpecsFirst_byName_andWithoutAStateThePodsStartTimeStands() {
        var sidecarListedFirst = pod(true, "2026-01-02T03:00:20Z").editSpec().addNewContainer().withName("proxy").withImage("proxy").endContainer().endSpec()
                .editStatus().addToContainerStatuses(new ContainerStatusBuilder().withName("proxy").withState(running("2026-01-02T03:30:00Z")).build())
                .endStatus();
        var noState = pod(true, "2026-01-02T03:00:20Z").editStatus().addNewContainerStatus().withName("app").endContainerStatus().endStatus().build();

        assertThat(info(withState(sidecarListedFirst, 0, running("2026-01-02T03:00:05Z"))).startedAtMillis()).isEqualTo(at("2026-01-02T03:00:05Z"));
        assertThat(info(noState).startedAtMillis()).isEqualTo(at(POD_START));
    }
}
