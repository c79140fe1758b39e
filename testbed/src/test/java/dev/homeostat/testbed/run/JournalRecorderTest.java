package dev.homeostat.testbed.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.reports.journal.JournalEvent;
import dev.homeostat.simulator.events.SimEvent;
import dev.homeostat.simulator.spec.ClusterSpec;
import dev.homeostat.simulator.spec.DeploymentSpec;
import dev.homeostat.simulator.spec.NodeSpec;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The journal's words for what the simulated cluster did. */
class JournalRecorderTest {
    @Test
    void aPodsCreation_namesItsController_andOneThatWaitsIsPendingUntilItsBindingIsJournaled() {
        var cluster = new ClusterSpec(List.of(new NodeSpec("node-3", 4, 16L << 30, null)),
                List.of(new DeploymentSpec("web", null, 2, null, null), new DeploymentSpec("db", null, 1, null, null, null, null, DeploymentSpec.STATEFUL_SET)),
                List.of(), List.of());
        var recorder = new JournalRecorder(cluster, List.of(), Set.of());

        recorder.on(new SimEvent.PodCreated(0, "default/web-abcde", "default/web", "node-3"));
        recorder.on(new SimEvent.PodCreated(0, "default/web-fghij", "default/web", ""));
        recorder.on(new SimEvent.PodCreated(0, "default/db-0", "default/db", "node-3"));
        recorder.on(new SimEvent.PodScheduled(60_000, "default/web-fghij", "node-3"));

        assertThat(recorder.events()).map(e -> ((JournalEvent.ClusterEvent) e).what()).containsExactly(
                "pod created by ReplicaSet of default/web on node-3",
                "pod created by ReplicaSet of default/web, Pending: no schedulable node has room for its requests",
                "pod created by StatefulSet default/db on node-3",
                "pod scheduled on node-3 (was Pending)");
    }

    @Test
    void aNetworkFaultsTargetPods_thatCallTheSelectedPods_areTheIncidentsToo_thoseThatOnlyAnswerAreNot() {
        // web calls api; a partition selects api's pods and targets web's and db's; db only answers api
        var cluster = new ClusterSpec(List.of(new NodeSpec("node-1", 4, 16L << 30, null)),
                List.of(new DeploymentSpec("web", null, 1, null, null), new DeploymentSpec("api", null, 1, null, null),
                        new DeploymentSpec("db", null, 1, null, null)),
                List.of(new dev.homeostat.simulator.spec.ServiceSpec("web", null, null, 10, null, null,
                                List.of(dev.homeostat.simulator.spec.CallSpec.to("api"))),
                        new dev.homeostat.simulator.spec.ServiceSpec("api", null, null, 0, null, null,
                                List.of(dev.homeostat.simulator.spec.CallSpec.to("db"))),
                        new dev.homeostat.simulator.spec.ServiceSpec("db", null, null, 0, null)),
                List.of());
        var recorder = new JournalRecorder(cluster, List.of(), Set.of());
        for (String d : List.of("web", "api", "db")) recorder.on(new SimEvent.PodCreated(0, "default/" + d + "-1", "default/" + d, "node-1"));

        recorder.on(new SimEvent.FaultStarted(60_000, "split", "NetworkChaos/partition", 120_000, List.of("default/api-1"),
                List.of("default/api"), List.of("default/api"), true, List.of("default/web-1", "default/db-1")));

        var started = recorder.events().stream().filter(JournalEvent.FaultStarted.class::isInstance).map(JournalEvent.FaultStarted.class::cast)
                .findFirst().orElseThrow();
        assertThat(started.targets()).containsExactly("pod/default/api-1", "pod/default/web-1");
        assertThat(started.services()).containsExactly("service/default/api", "service/default/web");
    }
}
