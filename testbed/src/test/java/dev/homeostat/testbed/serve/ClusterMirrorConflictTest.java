package dev.homeostat.testbed.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.simulator.Simulation;
import dev.homeostat.testbed.scenario.ScenarioLoader;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The mirror writes a Deployment as a controller does, at the resourceVersion it last read: what the engine (or kubectl)
 * wrote since is read back into the simulation, never overwritten by the simulation's older view.
 */
@EnableKubernetesMockClient(crud = true)
class ClusterMirrorConflictTest {
    static KubernetesClient client;

    @Test
    void aRollbackWrittenThroughTheApiWhileTheSimulationChangedTheDeployment_isReadBackNotOverwritten() {
        var spec = new ScenarioLoader().load(Path.of("..", "scenarios", "examples", "bad-rollout.yaml")).simulation();
        var sim = new Simulation(spec, 1, e -> { });
        List<String> log = new ArrayList<>();
        var mirror = new ClusterMirror(client, spec, dev.homeostat.chaos.TargetCluster.scenario(null), log::add);
        mirror.init(sim);
        sim.runUntil(15 * 60_000); // the bad revision 2 has rolled out
        mirror.sync(sim);
        var checkout = client.apps().deployments().inNamespace("default").withName("checkout");
        assertThat(checkout.get().getMetadata().getAnnotations()).containsEntry(MirroredObjects.REVISION, "2");
        mirror.readBack(sim);

        // `kubectl rollout undo` writes revision 1's template; before the mirror reads it back the simulation scales
        checkout.edit(d -> { d.getSpec().getTemplate().getSpec().getContainers().getFirst().setImage(MirroredObjects.image(1)); return d; });
        assertThat(sim.scaleDeployment("default", "checkout", 5)).isTrue();
        mirror.sync(sim);
        assertThat(checkout.get().getSpec().getTemplate().getSpec().getContainers().getFirst().getImage()).isEqualTo(MirroredObjects.image(1));

        mirror.readBack(sim);
        mirror.sync(sim);
        assertThat(log).contains("api: deployment default/checkout rolled back to the template of revision 1");
        assertThat(checkout.get().getMetadata().getAnnotations()).containsEntry(MirroredObjects.REVISION, "3");
        assertThat(checkout.get().getSpec().getReplicas()).isEqualTo(5);
    }
}
