package dev.homeostat.testbed.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.simulator.Simulation;
import dev.homeostat.simulator.spec.ClusterSpec;
import dev.homeostat.simulator.spec.DeploymentSpec;
import dev.homeostat.simulator.spec.IntOrPercent;
import dev.homeostat.simulator.spec.NodeSpec;
import dev.homeostat.simulator.spec.RolloutSpec;
import dev.homeostat.simulator.spec.ServiceSpec;
import dev.homeostat.simulator.spec.SimulationSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's view of the simulated cluster, and what its actions tell the journal. */
class SimulatedClusterTest {
    private static SimulatedCluster cluster(DeploymentSpec... deployments) {
        var services = java.util.Arrays.stream(deployments).map(d -> new ServiceSpec(d.name(), d.namespace(), d.name(), 10, null)).toList();
        var spec = new ClusterSpec(List.of(new NodeSpec("node-1", 16, 64L << 30, null)), List.of(deployments), services, List.of());
        var simulation = new Simulation(new SimulationSpec(spec, Duration.ofMinutes(1), null, List.of()), 1, e -> { });
        simulation.runUntil(1_000); // the controllers create the pods once the run starts
        return new SimulatedCluster(simulation);
    }

    private static Target pod(String name) { return new Target(Target.Kind.POD, "shop", name); }

    @Test
    void aDeploymentsMaxUnavailable_reachesTheEngineAsACountOfPods_whenWrittenAsAPercentage() {
        var web = new DeploymentSpec("web", "shop", 10, null, null, new RolloutSpec(IntOrPercent.percent(25), IntOrPercent.percent(25)), null);

        assertThat(cluster(web).deployment("shop", "web")).hasValueSatisfying(d -> assertThat(d.maxUnavailable()).isEqualTo(2));
    }

    @Test
    void aRestartOrAnIsolation_namesWhatReplacesThePod_itsReplicaSetOrItsStatefulSet() {
        var web = new DeploymentSpec("web", "shop", 2, null, null);
        var db = new DeploymentSpec("db", "shop", 3, null, null, null, null, DeploymentSpec.STATEFUL_SET);
        var cluster = cluster(web, db);
        String webPod = cluster.podsOf("shop", "web").getFirst().name();

        assertThat(cluster.execute(new ClusterAction.RestartPod(pod(webPod))).detail()).isEqualTo("pod deleted; its ReplicaSet starts a replacement");
        assertThat(cluster.execute(new ClusterAction.RestartPod(pod("db-0"))).detail())
                .isEqualTo("pod deleted; its StatefulSet starts a replacement of the same name once it is gone");
        assertThat(cluster.execute(new ClusterAction.IsolatePod(pod("db-1"))).detail())
                .isEqualTo("pod taken out of its service and StatefulSet (kept running); it keeps its name, so no replacement starts while it runs");
    }
}
