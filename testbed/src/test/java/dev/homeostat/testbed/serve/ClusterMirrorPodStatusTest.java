package dev.homeostat.testbed.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.live.kubernetes.KubernetesCluster;
import dev.homeostat.remediation.port.PodInfo;
import dev.homeostat.simulator.Simulation;
import dev.homeostat.simulator.cluster.PodView;
import dev.homeostat.simulator.fault.BadRollout;
import dev.homeostat.simulator.fault.ContainerKill;
import dev.homeostat.simulator.fault.PodSelector;
import dev.homeostat.simulator.fault.SelectionMode;
import dev.homeostat.simulator.spec.SimulationSpec;
import dev.homeostat.testbed.scenario.ScenarioLoader;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * What a mirrored pod tells a live reader about its start: its container's probes, its start time and the time its
 * Ready condition turned; read through the live engine's adapter, the same as the simulation's view of the pod.
 */
@EnableKubernetesMockClient(crud = true)
class ClusterMirrorPodStatusTest {
    /** An API server of each test's own: each mirrors a cluster from its start. */
    KubernetesClient client;

    private static final Path SLOW_START = Path.of("..", "scenarios", "ci", "slow-start.yaml");
    private static final Path POD_KILL = Path.of("..", "scenarios", "ci", "pod-kill.yaml");

    @Test
    void aPodOfAContainerWithAStartupProbe_carriesIt_andItsReadyConditionTurnedWhenTheSimulationSaysItTurnedReady() {
        var spec = new ScenarioLoader().load(SLOW_START).simulation();
        var sim = new Simulation(spec, 1, e -> { });
        var mirror = new ClusterMirror(client, spec, dev.homeostat.chaos.TargetCluster.scenario(null), l -> { });
        mirror.init(sim);
        sim.runUntil(60_000);
        mirror.sync(sim);
        PodView replacement = replace(sim, mirror, "billing");
        assertThat(replacement.ready()).isFalse();
        assertThat(readyCondition(mirrored(replacement)).getStatus()).isEqualTo("False");
        assertThat(readyCondition(mirrored(replacement)).getLastTransitionTime()).isEqualTo(at(replacement.startedAtMillis()));

        PodView ready = runUntil(sim, mirror, replacement, PodView::ready);
        Pod pod = mirrored(ready);
        Probe startup = pod.getSpec().getContainers().getFirst().getStartupProbe();
        assertThat(startup).isNotNull();
        assertThat(startup.getHttpGet()).isNotNull();
        assertThat(List.of(startup.getInitialDelaySeconds(), startup.getPeriodSeconds(), startup.getFailureThreshold(), startup.getTimeoutSeconds()))
                .containsExactly(0, 10, 30, 1);
        assertThat(pod.getSpec().getContainers().getFirst().getLivenessProbe().getInitialDelaySeconds()).isEqualTo(10);
        assertThat(ready.readyAtMillis()).isGreaterThan(ready.startedAtMillis() + 150_000);
        assertThat(readyCondition(pod).getStatus()).isEqualTo("True");
        assertThat(readyCondition(pod).getLastTransitionTime()).isEqualTo(at(ready.readyAtMillis()));
        assertThat(pod.getStatus().getStartTime()).isEqualTo(at(ready.startedAtMillis()));

        // the condition keeps the time it turned, however often the pod is written afterwards
        runUntil(sim, mirror, ready, p -> sim.now() >= ready.readyAtMillis() + 120_000);
        assertThat(readyCondition(mirrored(ready)).getLastTransitionTime()).isEqualTo(at(ready.readyAtMillis()));
        // and the pod template a controller creates the next pod from carries the probe too
        var template = client.apps().deployments().inNamespace("default").withName("billing").get().getSpec().getTemplate();
        assertThat(template.getSpec().getContainers().getFirst().getStartupProbe()).isEqualTo(startup);
    }

    @Test
    void theLiveAdaptersViewOfAMirroredPod_isTheSimulationsView_whileItStartsAndOnceReady() {
        var spec = new ScenarioLoader().load(SLOW_START).simulation();
        var sim = new Simulation(spec, 1, e -> { });
        var mirror = new ClusterMirror(client, spec, dev.homeostat.chaos.TargetCluster.scenario(null), l -> { });
        var live = new KubernetesCluster(client, null);
        mirror.init(sim);
        sim.runUntil(60_000);
        mirror.sync(sim);
        assertSameView(sim, live);
        PodView replacement = replace(sim, mirror, "orders");
        assertThat(replacement.readyAtMillis()).isEqualTo(PodInfo.NOT_YET);
        assertSameView(sim, live);
        PodView ready = runUntil(sim, mirror, replacement, PodView::ready);
        assertThat(ready.readyAtMillis()).isGreaterThan(ready.startedAtMillis() + 150_000);
        assertThat(assertSameView(sim, live)).extracting(PodInfo::startupBudgetMillis)
                .contains(200_000L, 290_000L); // orders' liveness, billing's startup probe
    }

    @Test
    void aContainerKilledOffTheSyncGrid_turnsNotReadyAtTheKillsTime_onTheApisClock_andKeepsThePodsStartTime() {
        SimulationSpec spec = new ScenarioLoader().load(POD_KILL).simulation();
        var mirror = new AtomicReference<ClusterMirror>();
        var sim = new Simulation(spec, 1, e -> { if (mirror.get() != null) mirror.get().on(e); });
        var clock = new ApiClock(Instant.parse("2027-03-01T08:00:00Z").toEpochMilli(), 30);
        mirror.set(new ClusterMirror(client, spec, dev.homeostat.chaos.TargetCluster.scenario(null), l -> { }, clock));
        mirror.get().init(sim);
        sim.runUntil(60_000);
        mirror.get().sync(sim);
        PodView victim = sim.pods().stream().filter(p -> p.deployment().equals("frontend")).findFirst().orElseThrow();
        String container = spec.cluster().deployments().stream().filter(d -> d.name().equals("frontend")).findFirst().orElseThrow().container().name();
        long killedAt = 61_234;
        sim.inject(new ContainerKill("kill", Duration.ofMillis(killedAt), new PodSelector(Set.of(victim.namespace()), Map.of(),
                Set.of(victim.namespace() + "/" + victim.name())), SelectionMode.all(), List.of(container)));
        sim.runUntil(65_000);
        mirror.get().sync(sim);

        Pod killed = mirrored(victim);
        assertThat(readyCondition(killed).getStatus()).isEqualTo("False");
        assertThat(readyCondition(killed).getLastTransitionTime()).isEqualTo(clock.timestamp(killedAt)).isEqualTo("2027-03-01T08:00:02.041Z");
        assertThat(killed.getStatus().getStartTime()).isEqualTo(clock.timestamp(victim.startedAtMillis()));

        PodView again = runUntil(sim, mirror.get(), victim, PodView::ready);
        assertThat(again.startedAtMillis()).isGreaterThan(killedAt);
        assertThat(readyCondition(mirrored(again)).getLastTransitionTime()).isEqualTo(clock.timestamp(again.readyAtMillis()));
        assertThat(mirrored(again).getStatus().getStartTime()).isEqualTo(clock.timestamp(victim.startedAtMillis()));
    }

    @Test
    void aRestartedContainer_isInTheLiveViewAsInTheSimulation_waitingInCrashLoopBackOff_thenRunningSinceItsRestart() {
        SimulationSpec spec = new ScenarioLoader().load(POD_KILL).simulation();
        var mirror = new AtomicReference<ClusterMirror>();
        var sim = new Simulation(spec, 1, e -> { if (mirror.get() != null) mirror.get().on(e); });
        mirror.set(new ClusterMirror(client, spec, dev.homeostat.chaos.TargetCluster.scenario(null), l -> { }));
        var live = new KubernetesCluster(client, null);
        mirror.get().init(sim);
        sim.runUntil(60_000);
        mirror.get().sync(sim);
        PodView victim = sim.pods().stream().filter(p -> p.deployment().equals("frontend")).findFirst().orElseThrow();
        String container = spec.cluster().deployments().stream().filter(d -> d.name().equals("frontend")).findFirst().orElseThrow().container().name();
        sim.inject(new ContainerKill("kill", Duration.ofMillis(61_234), new PodSelector(Set.of(victim.namespace()), Map.of(),
                Set.of(victim.namespace() + "/" + victim.name())), SelectionMode.all(), List.of(container)));

        PodView waiting = runUntil(sim, mirror.get(), victim, p -> p.waitingReason() != null);
        assertThat(waiting.waitingReason()).isEqualTo("CrashLoopBackOff");
        assertThat(waiting.startedAtMillis()).isEqualTo(-1);
        assertThat(containerState(mirrored(waiting)).getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
        assertThat(containerState(mirrored(waiting)).getRunning()).isNull();
        assertSameView(sim, live);

        PodView again = runUntil(sim, mirror.get(), victim, PodView::ready);
        assertThat(again.restarts()).isEqualTo(1);
        assertThat(again.startedAtMillis()).isGreaterThan(61_234);
        // the running container's start moves with the restart; the pod's startTime stays its first start
        assertThat(containerState(mirrored(again)).getRunning().getStartedAt()).isEqualTo(at(again.startedAtMillis()));
        assertThat(containerState(mirrored(again)).getWaiting()).isNull();
        assertThat(mirrored(again).getStatus().getStartTime()).isEqualTo(at(victim.startedAtMillis()));
        assertSameView(sim, live);
    }

    @Test
    void aPodCrashLoopingInTheSimulation_isInCrashLoopBackOffInTheLiveView_atTheSameInstant() {
        SimulationSpec spec = new ScenarioLoader().load(POD_KILL).simulation();
        var mirror = new AtomicReference<ClusterMirror>();
        var sim = new Simulation(spec, 1, e -> { if (mirror.get() != null) mirror.get().on(e); });
        mirror.set(new ClusterMirror(client, spec, dev.homeostat.chaos.TargetCluster.scenario(null), l -> { }));
        var live = new KubernetesCluster(client, null);
        mirror.get().init(sim);
        sim.inject(new BadRollout("crashing-release", Duration.ofMinutes(1), Duration.ofMinutes(30), "default", "frontend", null, 0, true));
        sim.runUntil(60_000);
        mirror.get().sync(sim);

        var looping = new ArrayList<PodInfo>();
        for (long end = sim.now() + 600_000; sim.now() < end && looping.isEmpty(); ) {
            step(sim, mirror.get());
            boolean simLoops = sim.podsOf("default", "frontend").stream().anyMatch(p -> "CrashLoopBackOff".equals(p.waitingReason()) && p.restarts() >= 2);
            if (simLoops) assertSameView(sim, live).stream().filter(PodInfo::crashLooping).forEach(looping::add);
        }
        assertThat(looping).isNotEmpty().allSatisfy(p -> {
            assertThat(p.deployment()).isEqualTo("frontend");
            assertThat(p.startedAtMillis()).isEqualTo(-1);
            assertThat(p.readyAtMillis()).isEqualTo(PodInfo.NOT_YET);
            assertThat(containerState(client.pods().inNamespace("default").withName(p.name()).get()).getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
        });
    }

    /**
     * Every pod as the live adapter reads it from the API against the simulation's view of it, as the embedded engine's
     * adapter reads that (testbed.run.SimulatedCluster); the live pods, in order.
     */
    static List<PodInfo> assertSameView(Simulation sim, KubernetesCluster live) {
        List<PodView> views = sim.pods().stream().filter(p -> !p.phase().equals("Terminating")).toList(); // gone from the API
        List<PodInfo> infos = live.pods();
        assertThat(infos).hasSameSizeAs(views);
        for (PodView v : views) {
            PodInfo info = infos.stream().filter(i -> i.name().equals(v.name())).findFirst().orElseThrow();
            assertThat(info).as(v.name()).isEqualTo(new PodInfo(v.namespace(), v.name(), v.deployment(), v.node(), v.ready(), v.restarts(),
                    v.startedAtMillis(), v.revision(), v.waitingReason(), false, v.readyAtMillis() < 0 ? PodInfo.NOT_YET : v.readyAtMillis(),
                    v.startupBudgetMillis()));
        }
        return infos;
    }

    /** Deletes a pod of {@code deployment} in the simulation and runs until its replacement runs; the replacement's view then. */
    private PodView replace(Simulation sim, ClusterMirror mirror, String deployment) {
        var before = sim.podsOf("default", deployment).stream().map(PodView::name).toList();
        sim.deletePod("default", before.getFirst(), "test");
        for (long until = sim.now() + 60_000; sim.now() < until; ) {
            step(sim, mirror);
            var started = sim.podsOf("default", deployment).stream().filter(p -> !before.contains(p.name()) && p.startedAtMillis() >= 0).findFirst();
            if (started.isPresent()) return started.get();
        }
        throw new AssertionError("no replacement of " + before.getFirst() + " started");
    }

    /** Runs in slices as {@code sim serve} does until the pod's view passes {@code until}; that view. */
    private static PodView runUntil(Simulation sim, ClusterMirror mirror, PodView pod, Predicate<PodView> until) {
        for (long end = sim.now() + 600_000; sim.now() < end; ) {
            step(sim, mirror);
            PodView now = sim.pod(pod.namespace(), pod.name()).orElseThrow();
            if (until.test(now)) return now;
        }
        throw new AssertionError(pod.name() + " never got there");
    }

    /** One slice of {@code sim serve} at 30× (6 virtual seconds), off the simulation's own grid. */
    private static void step(Simulation sim, ClusterMirror mirror) {
        mirror.readBack(sim);
        sim.runUntil(sim.now() + 6_017);
        mirror.sync(sim);
    }

    private static ContainerState containerState(Pod p) { return p.getStatus().getContainerStatuses().getFirst().getState(); }

    private Pod mirrored(PodView p) { return client.pods().inNamespace(p.namespace()).withName(p.name()).get(); }

    private static PodCondition readyCondition(Pod p) {
        return p.getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow();
    }

    private static String at(long simMillis) { return Instant.ofEpochMilli(simMillis).toString(); }
}
