package dev.homeostat.testbed.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.simulator.Simulation;
import dev.homeostat.simulator.spec.ClusterSpec;
import dev.homeostat.simulator.spec.DeploymentSpec;
import dev.homeostat.simulator.spec.IntOrPercent;
import dev.homeostat.simulator.spec.NodeSpec;
import dev.homeostat.simulator.spec.RolloutSpec;
import dev.homeostat.simulator.spec.ServiceSpec;
import dev.homeostat.simulator.spec.SimulationSpec;
import dev.homeostat.testbed.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's view of the simulated cluster, and what its actions tell the journal. */
class SimulatedClusterTest {
    private static SimulatedCluster cluster(DeploymentSpec... deployments) {
        var services = java.util.Arrays.stream(deployments).map(d -> new ServiceSpec(d.name(), d.namespace(), d.name(), 10, null)).toList();
        var spec = new ClusterSpec(List.of(new NodeSpec("node-1", 16, 64L << 30, null)), List.of(deployments), services, List.of());
        var simulationSpec = new SimulationSpec(spec, Duration.ofMinutes(1), null, List.of());
        var simulation = new Simulation(simulationSpec, 1, e -> { });
        simulation.runUntil(1_000); // the controllers create the pods once the run starts
        return new SimulatedCluster(simulation, simulationSpec);
    }

    private static Target pod(String name) { return new Target(Target.Kind.POD, "shop", name); }

    @Test
    void aDeploymentsMaxUnavailable_reachesTheEngineAsACountOfPods_whenWrittenAsAPercentage() {
        var web = new DeploymentSpec("web", "shop", 10, null, null, new RolloutSpec(IntOrPercent.percent(25), IntOrPercent.percent(25)), null);

        assertThat(cluster(web).deployment("shop", "web")).hasValueSatisfying(d -> assertThat(d.maxUnavailable()).isEqualTo(2));
    }

    @Test
    void aScenarioDeploymentWithAnHpa_showsTheEngineItsMinAndMaxReplicas_andOneWithoutShowsNone(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("s.yaml"), """
                apiVersion: homeostat.dev/v1alpha1
                kind: Scenario
                metadata: {name: s}
                spec:
                  duration: 5m
                  cluster:
                    nodePool: {count: 1, cpu: 8, memory: 16Gi}
                    deployments:
                      - {name: orders, namespace: shop, replicas: 3, hpa: {minReplicas: 2, maxReplicas: 16, targetCpuUtilization: 0.6}}
                      - {name: cart, namespace: shop, replicas: 2}
                    services: []
                  engine: {policy: %s}
                """.formatted(Path.of("../remediation/policies/default.yaml").toAbsolutePath()));
        var scenario = new ScenarioLoader().load(dir.resolve("s.yaml"));
        var cluster = new SimulatedCluster(new Simulation(scenario.simulation(), 1, e -> { }), scenario.simulation());

        assertThat(cluster.deployment("shop", "orders")).hasValueSatisfying(d -> {
            assertThat(d.hpa()).isEqualTo(new DeploymentInfo.Autoscaler("orders", 2, 16));
            assertThat(d.hpaMinReplicas()).isEqualTo(2);
        });
        assertThat(cluster.deployments()).filteredOn(d -> d.name().equals("cart")).singleElement()
                .satisfies(d -> assertThat(d.hpa()).isNull());
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
