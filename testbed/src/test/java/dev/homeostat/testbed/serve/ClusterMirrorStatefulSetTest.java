package dev.homeostat.testbed.serve;

import static dev.homeostat.testbed.serve.ClusterMirrorPodStatusTest.assertSameView;
import static dev.homeostat.testbed.serve.ClusterMirrorWorkloadsTest.assertSameWorkloads;
import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.live.kubernetes.KubernetesCluster;
import dev.homeostat.remediation.port.PodInfo;
import dev.homeostat.simulator.Simulation;
import dev.homeostat.simulator.cluster.PodView;
import dev.homeostat.simulator.spec.SimulationSpec;
import dev.homeostat.testbed.scenario.ScenarioLoader;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A StatefulSet's member replaced under its own name: the pod deleted is gone from the API for good, its replacement is
 * mirrored as a pod of its own, even when the deletion, the old pod's end and the replacement fall in one slice; the
 * StatefulSet is one in the API, its members owned by it.
 */
@EnableKubernetesMockClient(crud = true)
class ClusterMirrorStatefulSetTest {
    /** An API server of each test's own. */
    KubernetesClient client;

    /** A three-member StatefulSet, etcd-0…2. */
    private static final Path QUORUM = Path.of("..", "scenarios", "examples", "quorum-partition.yaml");

    private final List<String> log = new ArrayList<>();
    private final AtomicReference<ClusterMirror> mirror = new AtomicReference<>();

    private Simulation start() {
        SimulationSpec spec = new ScenarioLoader().load(QUORUM).simulation();
        // events wired as sim serve wires them
        var sim = new Simulation(spec, 1, e -> { if (mirror.get() != null) mirror.get().on(e); });
        mirror.set(new ClusterMirror(client, spec, dev.homeostat.chaos.TargetCluster.scenario(null), log::add));
        mirror.get().init(sim);
        sim.runUntil(60_000);
        mirror.get().sync(sim);
        return sim;
    }

    @Test
    void aMemberDeletedThroughTheApi_isReplacedUnderItsName_andTheReplacementIsMirrored_ReadyWhenTheSimulationSaysSo() {
        Simulation sim = start();
        var live = new KubernetesCluster(client, null);
        PodView old = sim.pod("default", "etcd-1").orElseThrow();
        assertThat(old.ready()).isTrue();
        String oldUid = api("etcd-1").getMetadata().getUid();

        client.pods().inNamespace("default").withName("etcd-1").delete(); // the engine's restart
        step(sim); // read back: deleted in the simulation, gone 3 s later, its replacement created a second after: one slice
        PodView replacement = sim.pod("default", "etcd-1").orElseThrow();
        assertThat(replacement.phase()).isNotEqualTo("Terminating");
        assertThat(log).containsOnlyOnce("api: pod default/etcd-1 deleted → simulation deletes it");
        assertThat(api("etcd-1")).isNotNull().extracting(p -> p.getMetadata().getUid()).isNotEqualTo(oldUid);

        PodView ready = runUntilReady(sim, "etcd-1");
        Pod pod = api("etcd-1");
        assertThat(pod.getStatus().getConditions()).filteredOn(c -> c.getType().equals("Ready")).singleElement().satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getLastTransitionTime()).isEqualTo(Instant.ofEpochMilli(ready.readyAtMillis()).toString());
        });
        assertThat(pod.getStatus().getStartTime()).isEqualTo(Instant.ofEpochMilli(ready.startedAtMillis()).toString());
        assertThat(assertSameView(sim, live)).extracting(PodInfo::name).contains("etcd-1");
        assertThat(live.pod("default", "etcd-1")).hasValueSatisfying(p -> assertThat(p.ready()).isTrue());
        // the StatefulSet itself, stateful to the live engine as to the simulated one: neither scales nor rolls it back
        assertThat(assertSameWorkloads(sim, live)).filteredOn(d -> d.name().equals("etcd")).singleElement()
                .satisfies(d -> assertThat(d.stateful()).isTrue());
        assertThat(pod.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> assertThat(List.of(o.getKind(), o.getName()))
                .containsExactly("StatefulSet", "etcd"));
        assertThat(log).containsOnlyOnce("api: pod default/etcd-1 deleted → simulation deletes it"); // the replacement is left alone
    }

    @Test
    void aMemberDeletedThroughTheApi_isNotWrittenAgainWhileItTerminates_onlyItsReplacementIs() {
        Simulation sim = start();
        client.pods().inNamespace("default").withName("etcd-0").delete();
        mirror.get().readBack(sim);
        sim.runUntil(sim.now() + 1_000);
        mirror.get().sync(sim);
        assertThat(sim.pod("default", "etcd-0").orElseThrow().phase()).isEqualTo("Terminating");
        assertThat(api("etcd-0")).isNull();

        sim.runUntil(sim.now() + 3_500); // gone, and its replacement created
        mirror.get().sync(sim);
        assertThat(sim.pod("default", "etcd-0").orElseThrow().phase()).isNotEqualTo("Terminating");
        assertThat(api("etcd-0")).isNotNull();
        assertThat(log).containsOnlyOnce("api: pod default/etcd-0 deleted → simulation deletes it");
    }

    @Test
    void aMemberTheSimulationReplacesBetweenTwoSyncs_isANewObjectInTheApi_withTimesOfItsOwn() {
        Simulation sim = start();
        var live = new KubernetesCluster(client, null);
        PodView old = sim.pod("default", "etcd-2").orElseThrow();
        String oldUid = api("etcd-2").getMetadata().getUid();

        sim.deletePod("default", "etcd-2", "pod-kill"); // a PodChaos: the simulation deletes it, the API never sees it Terminating
        step(sim);
        assertThat(sim.pod("default", "etcd-2").orElseThrow().phase()).isNotEqualTo("Terminating");
        assertThat(api("etcd-2").getMetadata().getUid()).isNotEqualTo(oldUid);

        PodView ready = runUntilReady(sim, "etcd-2");
        assertThat(ready.startedAtMillis()).isGreaterThan(old.startedAtMillis());
        assertThat(api("etcd-2").getStatus().getStartTime()).isEqualTo(Instant.ofEpochMilli(ready.startedAtMillis()).toString());
        assertThat(live.pod("default", "etcd-2")).hasValueSatisfying(p -> {
            assertThat(p.startedAtMillis()).isEqualTo(ready.startedAtMillis());
            assertThat(p.readyAtMillis()).isEqualTo(ready.readyAtMillis());
        });
        assertSameView(sim, live);
    }

    private PodView runUntilReady(Simulation sim, String name) {
        for (long end = sim.now() + 300_000; sim.now() < end; ) {
            step(sim);
            var p = sim.pod("default", name);
            if (p.isPresent() && p.get().ready()) return p.get();
        }
        throw new AssertionError(name + " never turned Ready");
    }

    /** One slice of {@code sim serve} at 30× (6 virtual seconds): longer than a member's grace period and its replacement's delay. */
    private void step(Simulation sim) {
        mirror.get().readBack(sim);
        sim.runUntil(sim.now() + 6_017);
        mirror.get().sync(sim);
    }

    private Pod api(String name) { return client.pods().inNamespace("default").withName(name).get(); }
}
