package dev.homeostat.testbed.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.simulator.Simulation;
import dev.homeostat.simulator.cluster.PodView;
import dev.homeostat.simulator.fault.ContainerKill;
import dev.homeostat.simulator.fault.PodSelector;
import dev.homeostat.simulator.fault.SelectionMode;
import dev.homeostat.testbed.scenario.ScenarioLoader;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The mirror between the simulation and the API server, where both change the same pod between two passes. */
@EnableKubernetesMockClient(crud = true)
class ClusterMirrorTest {
    static KubernetesClient client;

    private static String victimContainer(dev.homeostat.simulator.spec.SimulationSpec spec) {
        return spec.cluster().deployments().stream().filter(d -> d.name().equals("frontend")).findFirst().orElseThrow().container().name();
    }

    @Test
    void aPodDeletedThroughTheApiWhileTheSimulationChangedIt_isDeletedInTheSimulation_andTheMirrorGoesOn() throws Exception {
        var spec = new ScenarioLoader().load(Path.of("..", "scenarios", "ci", "pod-kill.yaml")).simulation();
        var sim = new Simulation(spec, 1, e -> { });
        List<String> log = new ArrayList<>();
        var mirror = new ClusterMirror(client, spec, dev.homeostat.chaos.TargetCluster.scenario(null), log::add);
        sim.runUntil(30_000);
        mirror.init(sim);
        mirror.sync(sim);
        // a Chaos Mesh nodeSelectors on kubernetes.io/hostname picks the node live as in the simulation
        assertThat(client.nodes().list().getItems()).isNotEmpty().allSatisfy(n ->
                assertThat(n.getMetadata().getLabels()).containsEntry("kubernetes.io/hostname", n.getMetadata().getName()));
        PodView victim = sim.pods().stream().filter(p -> p.deployment().equals("frontend")).findFirst().orElseThrow();

        // the engine restarts the pod through the API, and before the mirror reads that back the simulation changes it
        client.pods().inNamespace(victim.namespace()).withName(victim.name()).delete();
        sim.inject(new ContainerKill("kill", Duration.ofMillis(sim.now()), new PodSelector(Set.of(victim.namespace()), Map.of(),
                Set.of(victim.namespace() + "/" + victim.name())), SelectionMode.all(), List.of(victimContainer(spec))));
        sim.runUntil(sim.now() + 5_000);
        assertThat(sim.pod(victim.namespace(), victim.name()).orElseThrow()).isNotEqualTo(victim);

        mirror.sync(sim);

        assertThat(sim.pod(victim.namespace(), victim.name()).map(PodView::phase).orElse("gone")).isIn("Terminating", "gone");
        assertThat(log).contains("api: pod " + victim.namespace() + "/" + victim.name() + " deleted → simulation deletes it");
        sim.runUntil(sim.now() + 30_000);
        mirror.readBack(sim);
        mirror.sync(sim);
        assertThat(client.pods().inNamespace(victim.namespace()).list().getItems()).extracting(p -> p.getMetadata().getName())
                .doesNotContain(victim.name()).hasSize(sim.pods().size());
    }

    @Test
    void aChaosResourceSentToAnotherCluster_isNotInjected_oneNamingTheSimulatedCluster_is() throws Exception {
        var spec = new ScenarioLoader().load(Path.of("..", "scenarios", "ci", "pod-kill.yaml")).simulation();
        String yaml = """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: PodChaos
                metadata: {name: NAME, namespace: default}
                spec: {action: pod-kill, mode: one, selector: {labelSelectors: {app: frontend}}, remoteCluster: eu-west}
                """;
        for (String cluster : List.of("us-east", "eu-west")) {
            var sim = new Simulation(spec, 1, e -> { });
            List<String> log = new ArrayList<>();
            var mirror = new ClusterMirror(client, spec, dev.homeostat.chaos.TargetCluster.scenario(cluster), log::add);
            sim.runUntil(10_000);
            var chaos = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(yaml.replace("NAME", "kill-from-" + cluster),
                    io.fabric8.chaosmesh.v1alpha1.PodChaos.class);
            client.resources(io.fabric8.chaosmesh.v1alpha1.PodChaos.class).inNamespace("default").resource(chaos).create();
            mirror.readBack(sim);
            String ref = "PodChaos/default/kill-from-" + cluster;
            if (cluster.equals("us-east"))
                assertThat(log).anySatisfy(l -> assertThat(l).startsWith("api: " + ref + " not injected: ")
                        .contains("spec.remoteCluster: \"eu-west\" is another cluster than the one this scenario simulates (\"us-east\""));
            else
                assertThat(log).anySatisfy(l -> assertThat(l).startsWith("api: " + ref + " created → 1 fault(s) injected"));
        }
    }

    @Test
    void anAwsChaosAppliedThroughTheApi_stopsTheNodeOnItsInstance_whichTurnsNotReadyInTheApiAndBack(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path scenario = java.nio.file.Files.writeString(dir.resolve("cloud.yaml"), """
                apiVersion: homeostat.dev/v1alpha1
                kind: Scenario
                metadata: {name: cloud}
                spec:
                  duration: 20m
                  cluster:
                    nodes:
                      - {name: ip-10-0-1-17, cpu: 8, memory: 32Gi, providerID: "aws:///us-east-1b/i-0a1b2c3d4e5f60718"}
                      - {name: ip-10-0-2-33, cpu: 8, memory: 32Gi, providerID: "aws:///us-east-1c/i-0fedcba9876543210"}
                    deployments: [{name: shop, replicas: 2}]
                    services: [{name: shop, requestsPerSecond: 50}]
                  engine: {policy: %s}
                """.formatted(Path.of("..", "remediation", "policies", "default.yaml").toAbsolutePath().normalize()));
        var loaded = new ScenarioLoader().load(scenario);
        var spec = loaded.simulation();
        var sim = new Simulation(spec, 1, e -> { });
        List<String> log = new ArrayList<>();
        var mirror = new ClusterMirror(client, spec, dev.homeostat.chaos.TargetCluster.scenario(null, spec.cluster().machines()), log::add);
        sim.runUntil(10_000);
        mirror.init(sim);
        assertThat(client.nodes().withName("ip-10-0-1-17").get().getSpec().getProviderID()).isEqualTo("aws:///us-east-1b/i-0a1b2c3d4e5f60718");
        client.resources(io.fabric8.chaosmesh.v1alpha1.AWSChaos.class).inNamespace("default").resource(io.fabric8.kubernetes.client.utils.Serialization.unmarshal("""
                apiVersion: chaos-mesh.org/v1alpha1
                kind: AWSChaos
                metadata: {name: stop-worker, namespace: default}
                spec: {action: ec2-stop, awsRegion: us-east-1, ec2Instance: i-0a1b2c3d4e5f60718, duration: 2m}
                """, io.fabric8.chaosmesh.v1alpha1.AWSChaos.class)).create();
        mirror.readBack(sim);
        sim.runUntil(sim.now() + 60_000); // past the node-monitor grace period
        mirror.sync(sim);
        assertThat(mirror.injected()).contains("AWSChaos/default/stop-worker");
        assertThat(ready("ip-10-0-1-17")).isEqualTo("False");
        assertThat(ready("ip-10-0-2-33")).isEqualTo("True");
        sim.runUntil(sim.now() + 120_000);
        mirror.sync(sim);
        assertThat(ready("ip-10-0-1-17")).isEqualTo("True");
    }

    private static String ready(String node) {
        return client.nodes().withName(node).get().getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready"))
                .findFirst().orElseThrow().getStatus();
    }
}
