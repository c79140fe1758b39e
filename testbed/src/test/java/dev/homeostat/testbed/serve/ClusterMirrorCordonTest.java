package dev.homeostat.testbed.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.simulator.Simulation;
import dev.homeostat.simulator.cluster.NodeView;
import dev.homeostat.testbed.scenario.ScenarioLoader;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A node cordoned or uncordoned through the API (a live engine's drain and its lift) is cordoned in the simulation, and back. */
@EnableKubernetesMockClient(crud = true)
class ClusterMirrorCordonTest {
    static KubernetesClient client;

    @Test
    void aCordonThroughTheApi_reachesTheSimulatedNode_andItsLiftToo_whileTheSimulationsOwnCordonReachesTheApi() {
        var spec = new ScenarioLoader().load(Path.of("..", "scenarios", "ci", "pod-kill.yaml")).simulation();
        var sim = new Simulation(spec, 1, e -> { });
        List<String> log = new ArrayList<>();
        var mirror = new ClusterMirror(client, spec, dev.homeostat.chaos.TargetCluster.scenario(null), log::add);
        sim.runUntil(30_000);
        mirror.init(sim);
        String name = sim.nodes().getFirst().name();
        var node = client.nodes().withName(name);

        node.edit(n -> new NodeBuilder(n).editOrNewSpec().withUnschedulable(true).endSpec().build());
        mirror.readBack(sim);
        assertThat(cordoned(sim, name)).isTrue();
        assertThat(log).contains("api: node " + name + " cordoned → simulation follows");
        mirror.sync(sim);
        assertThat(node.get().getSpec().getUnschedulable()).isTrue();

        node.edit(n -> new NodeBuilder(n).editSpec().withUnschedulable(false).endSpec().build());
        mirror.readBack(sim);
        assertThat(cordoned(sim, name)).isFalse();

        sim.cordonNode(name); // the scenario's own maintenance
        mirror.sync(sim);
        assertThat(node.get().getSpec().getUnschedulable()).isTrue();
        mirror.readBack(sim);
        assertThat(cordoned(sim, name)).isTrue();
    }

    private static boolean cordoned(Simulation sim, String node) {
        return sim.nodes().stream().filter(n -> n.name().equals(node)).findFirst().map(NodeView::unschedulable).orElseThrow();
    }
}
