package dev.homeostat.testbed.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.simulator.Simulation;
import dev.homeostat.testbed.scenario.ScenarioLoader;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code kubectl rollout restart} through the API (the live engine's restart of a single replica) restarts the simulated pods. */
@EnableKubernetesMockClient(crud = true)
class ClusterMirrorRestartTest {
    static KubernetesClient client;

    @Test
    void aRestartedAtStampOnTheTemplate_rollsTheSimulatedPods_once() {
        var spec = new ScenarioLoader().load(Path.of("..", "scenarios", "ci", "pod-kill.yaml")).simulation();
        var sim = new Simulation(spec, 1, e -> { });
        List<String> log = new ArrayList<>();
        var mirror = new ClusterMirror(client, spec, dev.homeostat.chaos.TargetCluster.scenario(null), log::add);
        mirror.init(sim);
        sim.runUntil(60_000);
        mirror.sync(sim);
        mirror.readBack(sim);

        var catalog = client.apps().deployments().inNamespace("default").withName("catalog");
        catalog.edit(d -> new DeploymentBuilder(d).editSpec().editTemplate().editOrNewMetadata()
                .addToAnnotations(DeploymentMirror.RESTARTED_AT, "2026-12-07T09:00:00Z").endMetadata().endTemplate().endSpec().build());
        mirror.readBack(sim);
        mirror.sync(sim);
        mirror.readBack(sim); // the stamp read again (or dropped by the mirror's own write) restarts nothing more

        assertThat(log).containsOnlyOnce("api: deployment default/catalog restarted (restartedAt 2026-12-07T09:00:00Z) → simulation rolls its pods");
        assertThat(sim.deployment("default", "catalog").orElseThrow().revision()).isEqualTo(2);
        assertThat(catalog.get().getMetadata().getAnnotations()).containsEntry(MirroredObjects.REVISION, "2");
    }
}
