package dev.homeostat.testbed.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.chaos.TargetCluster;
import dev.homeostat.simulator.Simulation;
import dev.homeostat.simulator.events.SimEvent;
import dev.homeostat.testbed.scenario.ScenarioLoader;
import io.fabric8.chaosmesh.v1alpha1.NetworkChaos;
import io.fabric8.chaosmesh.v1alpha1.PodChaos;
import dev.homeostat.chaos.model.Schedule;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code sim serve} plays Chaos Mesh's controller: an experiment it injects records the pods the simulation's fault hit. */
@EnableKubernetesMockClient(crud = true)
class ChaosRecordMirrorTest {
    KubernetesClient client; // an instance field: a fresh mock server for each test, as each mirrors a whole cluster

    /** {@code manifest} created through the API of a mirrored run of {@code scenario}, 10 s in, then one simulated second. */
    private <T extends HasMetadata> List<SimEvent.FaultStarted> serve(String scenario, String manifest, Class<T> kind, List<String> log) {
        return serve(scenario, manifest, kind, log, 1_000);
    }

    private <T extends HasMetadata> List<SimEvent.FaultStarted> serve(String scenario, String manifest, Class<T> kind, List<String> log, long thenMillis) {
        var spec = new ScenarioLoader().load(Path.of("..", "scenarios", "ci", scenario)).simulation();
        var started = new ArrayList<SimEvent.FaultStarted>();
        var mirror = new ClusterMirror(client, spec, TargetCluster.scenario(null), log::add);
        var sim = new Simulation(spec, 1, e -> {
            if (e instanceof SimEvent.FaultStarted f) started.add(f);
            mirror.on(e);
        });
        sim.runUntil(10_000);
        mirror.init(sim);
        client.resources(kind).inNamespace("default").resource(Serialization.unmarshal(manifest, kind)).create();
        long end = sim.now() + thenMillis;
        while (sim.now() < end) { // in slices, as sim serve runs: held firings are handed over as they come due
            mirror.readBack(sim, Math.min(end, sim.now() + 10_000));
            sim.runUntil(Math.min(end, sim.now() + 10_000));
            mirror.sync(sim);
        }
        return started;
    }

    @Test
    void anInjectedExperiment_recordsThePodsTheSimulationsFaultHit_asChaosMeshWritesThem() {
        List<String> log = new ArrayList<>();
        var started = serve("pod-kill.yaml", """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: PodChaos
                metadata: {name: fail-one, namespace: default}
                spec: {action: pod-failure, mode: one, duration: 30s, selector: {labelSelectors: {app: frontend}}}
                """, PodChaos.class, log);

        assertThat(started).singleElement().satisfies(f -> assertThat(f.pods()).hasSize(1)); // mode one over three frontend pods
        String hit = started.getFirst().pods().getFirst();
        var status = client.resources(PodChaos.class).inNamespace("default").withName("fail-one").get().getStatus();
        assertThat(status.getExperiment().getContainerRecords()).singleElement().satisfies(r -> {
            assertThat(r.getId()).isEqualTo(hit);
            assertThat(r.getSelectorKey()).isEqualTo(".");
            assertThat(r.getPhase()).isEqualTo("Injected");
            assertThat(r.getAdditionalProperties()).containsEntry("injectedCount", 1);
        });
        assertThat(log).contains("api: PodChaos default/fail-one records 1 injected pod(s)");
    }

    @Test
    void aNetworkChaosWithATarget_recordsItsTargetPodsUnderTheTargetSelectorKey_asChaosMeshDoes() {
        var started = serve("control-no-faults.yaml", """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: NetworkChaos
                metadata: {name: slow-edge, namespace: default}
                spec:
                  action: delay
                  mode: one
                  selector: {labelSelectors: {app: frontend}}
                  delay: {latency: 200ms}
                  direction: to
                  target: {mode: fixed, value: "2", selector: {labelSelectors: {app: checkout}}}
                  duration: 1m
                """, NetworkChaos.class, new ArrayList<>());

        var f = started.getFirst();
        assertThat(f.pods()).hasSize(1).allMatch(p -> p.startsWith("default/frontend-"));
        assertThat(f.peerPods()).hasSize(2).allMatch(p -> p.startsWith("default/checkout-"));
        var records = client.resources(NetworkChaos.class).inNamespace("default").withName("slow-edge").get().getStatus().getExperiment().getContainerRecords();
        assertThat(records).filteredOn(r -> r.getSelectorKey().equals(".")).extracting(r -> r.getId()).containsExactlyElementsOf(f.pods());
        assertThat(records).filteredOn(r -> r.getSelectorKey().equals(".Target")).extracting(r -> r.getId()).containsExactlyInAnyOrderElementsOf(f.peerPods());
        assertThat(records).hasSize(3);
    }

    @Test
    void aSchedulesFiring_isTheExperimentChaosMeshCreatesForIt_ownedByTheSchedule_listedActive_withItsRecords() {
        List<String> log = new ArrayList<>();
        var started = serve("pod-kill.yaml", """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: Schedule
                metadata: {name: fail-every-minute, namespace: default}
                spec:
                  schedule: "@every 1m"
                  historyLimit: 2
                  type: PodChaos
                  podChaos: {action: pod-failure, mode: one, duration: 10s, selector: {labelSelectors: {app: frontend}}}
                """, Schedule.class, log, 200_000);

        assertThat(started).hasSize(3); // at 1, 2 and 3 minutes after the apply
        for (int n = 1; n <= 3; n++) {
            var chaos = client.resources(PodChaos.class).inNamespace("default").withName("fail-every-minute-" + n).get();
            String hit = started.get(n - 1).pods().getFirst();
            assertThat(chaos.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> assertThat(o.getKind()).isEqualTo("Schedule"));
            assertThat(chaos.getStatus().getExperiment().getContainerRecords()).singleElement().satisfies(r -> assertThat(r.getId()).isEqualTo(hit));
        }
        var schedules = new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder().withGroup("chaos-mesh.org").withVersion("v1alpha1")
                .withKind("Schedule").withPlural("schedules").withNamespaced(true).build();
        var schedule = client.genericKubernetesResources(schedules).inNamespace("default").withName("fail-every-minute").get();
        assertThat(String.valueOf(schedule.getAdditionalProperties().get("status"))) // the latest historyLimit of them
                .contains("name=fail-every-minute-2", "name=fail-every-minute-3").doesNotContain("name=fail-every-minute-1,");
        assertThat(log).contains("api: Schedule default/fail-every-minute created PodChaos fail-every-minute-1, records 1 injected pod(s)")
                .noneMatch(l -> l.contains("PodChaos/default/fail-every-minute-1 created"));
    }
}
