package dev.homeostat.simulator;

import static dev.homeostat.simulator.Fixtures.MIB;
import static dev.homeostat.simulator.Fixtures.app;
import static dev.homeostat.simulator.Fixtures.cluster;
import static dev.homeostat.simulator.Fixtures.run;
import static dev.homeostat.simulator.metrics.MetricNames.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homeostat.simulator.events.SimEvent;
import dev.homeostat.simulator.events.SimEvent.ContainerRestarted;
import dev.homeostat.simulator.events.SimEvent.FaultEnded;
import dev.homeostat.simulator.events.SimEvent.FaultStarted;
import dev.homeostat.simulator.events.SimEvent.PodCreated;
import dev.homeostat.simulator.events.SimEvent.PodDeleted;
import dev.homeostat.simulator.events.SimEvent.PodReadinessChanged;
import dev.homeostat.simulator.events.SimEvent.SloRestored;
import dev.homeostat.simulator.events.SimEvent.SloViolated;
import dev.homeostat.simulator.fault.ContainerKill;
import dev.homeostat.simulator.fault.CpuStress;
import dev.homeostat.simulator.fault.MemoryLeak;
import dev.homeostat.simulator.fault.MemoryStress;
import dev.homeostat.simulator.fault.PodFailure;
import dev.homeostat.simulator.fault.PodKill;
import dev.homeostat.simulator.fault.PodSelector;
import dev.homeostat.simulator.fault.SelectionMode;
import dev.homeostat.simulator.metrics.Series;
import dev.homeostat.simulator.spec.ClusterSpec;
import dev.homeostat.simulator.spec.ContainerSpec;
import dev.homeostat.simulator.spec.DeploymentSpec;
import dev.homeostat.simulator.spec.NodeSpec;
import dev.homeostat.simulator.spec.ServiceSpec;
import dev.homeostat.simulator.spec.SimulationSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimulationTest {
    private static final Duration MIN = Duration.ofMinutes(1);

    @Test
    void steadyState_allPodsReady_sloMet_metricsScrapedEvery15s() {
        var r = run(cluster(2, Duration.ofMinutes(5), List.of()), 1);
        assertThat(r.sim().pods()).hasSize(6).allMatch(p -> p.ready() && p.phase().equals("Running"));
        assertThat(r.of(SloViolated.class)).isEmpty();
        assertThat(r.of(ContainerRestarted.class)).isEmpty();
        List<Series> memory = r.series(MEMORY_WORKING_SET);
        assertThat(memory).hasSize(6);
        assertThat(memory.getFirst().labels()).containsOnlyKeys("namespace", "pod", "container");
        assertThat(memory.getFirst().times()).hasSize(21).startsWith(0L, 15_000L);
        for (String m : List.of(CPU_USAGE_SECONDS, RESTARTS, POD_READY, DEPLOYMENT_AVAILABLE, HTTP_REQUESTS, POD_MEMORY_RATIO, POD_CPU_RATE,
                POD_ERROR_RATIO, POD_LATENCY_MEAN, SERVICE_ERROR_RATIO, SERVICE_LATENCY_P99))
            assertThat(r.series(m)).as(m).isNotEmpty();
        assertThat(r.series(POD_READY).getFirst().labels()).containsEntry("condition", "true");
        // 60 rps over 3 pods of 20 ms and concurrency 8: light load, p99 ≈ 20 ms × ln 100
        double p99 = r.valueAt(SERVICE_LATENCY_P99, "service", "svc0", 300_000);
        assertThat(p99).isBetween(0.08, 0.12);
        assertThat(r.valueAt(SERVICE_ERROR_RATIO, "service", "svc0", 300_000)).isZero();
        double requests = r.valueAt(HTTP_REQUESTS, "pod", r.sim().pods().getFirst().name(), 300_000);
        assertThat(requests).isBetween(0.9 * 20 * 300, 1.1 * 20 * 300);
        assertThat(r.sim().pods()).extracting(p -> p.name()).allMatch(n -> n.matches("svc[01]-[bcdfghjklmnpqrstvwxz2456789]{5}"));
    }

    @Test
    void podKill_podReplacedAndReadyWithinStartupPlusProbe_serviceDipsAndRecovers() {
        var kill = new PodKill("kill-all", MIN, app("svc0"), SelectionMode.all());
        var r = run(cluster(1, Duration.ofMinutes(6), List.of(kill)), 3);

        assertThat(r.of(FaultStarted.class)).singleElement().satisfies(f -> {
            assertThat(f.pods()).hasSize(3);
            assertThat(f.deployments()).containsExactly("shop/svc0");
            assertThat(f.services()).containsExactly("shop/svc0");
            assertThat(f.tookEffect()).isTrue();
        });
        assertThat(r.of(FaultEnded.class)).singleElement().extracting(FaultEnded::timeMillis).isEqualTo(60_000L);
        assertThat(r.of(PodDeleted.class)).hasSize(3).allMatch(d -> d.timeMillis() == 60_000 && d.reason().equals("PodChaos"));
        List<PodCreated> replacements = r.of(PodCreated.class).stream().filter(c -> c.timeMillis() > 0).toList();
        assertThat(replacements).hasSize(3).allMatch(c -> c.timeMillis() == 60_000 + ReplicaSetController.CONTROLLER_DELAY_MS && !c.node().isEmpty());
        // ready again within controller delay + startup (10 s + ≤ 10 % jitter) + one readiness period (5 s)
        List<PodReadinessChanged> readyAgain = r.of(PodReadinessChanged.class).stream().filter(e -> e.ready() && e.timeMillis() > 0).toList();
        assertThat(readyAgain).hasSize(3).allMatch(e -> e.timeMillis() <= 61_000 + 11_000 + 5_000 && e.timeMillis() >= 71_000);
        assertThat(r.sim().deployments().getFirst().readyReplicas()).isEqualTo(3);

        assertThat(r.valueAt(DEPLOYMENT_AVAILABLE, "deployment", "svc0", 60_000)).isZero();
        assertThat(r.valueAt(SERVICE_ERROR_RATIO, "service", "svc0", 75_000)).isGreaterThan(0.1);
        assertThat(r.valueAt(SERVICE_ERROR_RATIO, "service", "svc0", 180_000)).isZero();
        assertThat(r.series(HTTP_REQUESTS)).anyMatch(s -> "503".equals(s.labels().get("code")));
        assertThat(r.of(SloViolated.class)).singleElement().satisfies(v -> {
            assertThat(v.timeMillis()).isBetween(60_000L, 62_000L);
            assertThat(v.service()).isEqualTo("shop/svc0");
            assertThat(v.reason()).startsWith("availability");
        });
        assertThat(r.of(SloRestored.class)).singleElement().satisfies(v -> assertThat(v.timeMillis()).isBetween(120_000L, 140_000L));
    }

    @Test
    void memoryLeak_memoryGrowsUntilOomKilled_latencyRisesBeforeOom() {
        // 200 MiB base, 512 MiB limit, 1 MiB/s: OOM after 312 s of leaking
        var leak = new MemoryLeak("leak", MIN, Duration.ofMinutes(8), "shop", "svc0", MIB);
        var r = run(cluster(1, Duration.ofMinutes(8), List.of(leak)), 5);

        List<ContainerRestarted> ooms = r.of(ContainerRestarted.class);
        assertThat(ooms).hasSize(3).allMatch(e -> e.reason().equals("OOMKilled") && e.restartCount() == 1)
                .allMatch(e -> e.timeMillis() == 60_000 + 312_000);
        String pod = r.sim().pods().getFirst().name();
        assertThat(r.sim().pods()).allMatch(p -> p.restarts() == 1);
        Series memory = r.series(MEMORY_WORKING_SET).getFirst();
        double at1min = r.valueAt(MEMORY_WORKING_SET, "pod", pod, 60_000), at5min = r.valueAt(MEMORY_WORKING_SET, "pod", pod, 300_000);
        assertThat(at5min - at1min).isBetween(0.9 * 240 * MIB, 1.1 * 240 * MIB);
        assertThat(java.util.Arrays.stream(memory.values()).max().orElseThrow()).isLessThanOrEqualTo(512.0 * MIB);
        double ratioBeforeOom = r.valueAt(POD_MEMORY_RATIO, "pod", pod, 360_000);
        assertThat(ratioBeforeOom).isGreaterThan(0.9);
        double latencyBefore = r.valueAt(POD_LATENCY_MEAN, "pod", pod, 60_000);
        double latencyNearOom = r.valueAt(POD_LATENCY_MEAN, "pod", pod, 360_000);
        assertThat(latencyNearOom).isGreaterThan(2 * latencyBefore);
        // the slow tail breaks the latency SLO before the OOM
        assertThat(r.of(SloViolated.class)).first().satisfies(v -> {
            assertThat(v.timeMillis()).isLessThan(372_000);
            assertThat(v.reason()).contains("latency p99");
        });
        assertThat(r.valueAt(RESTARTS, "pod", pod, 480_000)).isEqualTo(1);
    }

    @Test
    void memoryLeak_podsCreatedDuringTheWindowLeakToo() {
        var leak = new MemoryLeak("leak", Duration.ZERO, Duration.ofMinutes(5), "shop", "svc0", MIB);
        var kill = new PodKill("kill", MIN, app("svc0"), SelectionMode.one());
        var r = run(cluster(1, Duration.ofMinutes(5), List.of(leak, kill)), 5);
        String replacement = r.of(PodCreated.class).stream().filter(c -> c.timeMillis() > 0).findFirst().orElseThrow().pod().split("/")[1];
        double start = r.valueAt(MEMORY_WORKING_SET, "pod", replacement, 75_000), later = r.valueAt(MEMORY_WORKING_SET, "pod", replacement, 195_000);
        assertThat(later - start).isBetween(100.0 * MIB, 140.0 * MIB);
    }

    @Test
    void memoryStressAboveLimit_oomKilledRepeatedlyWhileFaultLasts() {
        var pod = new PodSelector(Set.of("shop"), Map.of("app", "svc0"), Set.of());
        var stress = new MemoryStress("stress", MIN, Duration.ofMinutes(5), pod, SelectionMode.one(), 2, 200 * MIB);
        var r = run(cluster(1, Duration.ofMinutes(12), List.of(stress)), 9);

        String target = r.of(FaultStarted.class).getFirst().pods().getFirst();
        List<ContainerRestarted> ooms = r.of(ContainerRestarted.class);
        assertThat(ooms).allMatch(e -> e.pod().equals(target) && e.reason().equals("OOMKilled"));
        // OOM at once, then again after each CrashLoopBackOff delay: 10 s, 20 s, 40 s, 80 s
        assertThat(ooms).extracting(ContainerRestarted::timeMillis).containsExactly(60_000L, 70_000L, 90_000L, 130_000L, 210_000L);
        assertThat(ooms).extracting(ContainerRestarted::restartCount).containsExactly(1, 2, 3, 4, 5);
        // the fault ended at 360 s; the restart after the 160 s back-off (370 s) comes up clean
        assertThat(r.sim().pod("shop", target.split("/")[1])).hasValueSatisfying(p -> {
            assertThat(p.ready()).isTrue();
            assertThat(p.restarts()).isEqualTo(5);
        });
    }

    @Test
    void memoryStressWithAPositiveOomScoreAdj_theStressorIsKilled_theAppLives() {
        var pod = new PodSelector(Set.of("shop"), Map.of("app", "svc0"), Set.of());
        var stress = new MemoryStress("stress", MIN, Duration.ofMinutes(5), pod, SelectionMode.one(), 2, 200 * MIB, null, 500);
        var r = run(cluster(1, Duration.ofMinutes(8), List.of(stress)), 9);
        assertThat(r.of(ContainerRestarted.class)).isEmpty();
        var check = r.of(dev.homeostat.simulator.events.SimEvent.FaultEffect.class).getFirst();
        assertThat(check.observed()).isTrue();
        assertThat(check.detail()).contains("OOM-killed (oomScoreAdj > 0)");
        // -1000: the app is the victim, as without oomScoreAdj
        var app = new MemoryStress("stress", MIN, Duration.ofMinutes(5), pod, SelectionMode.one(), 2, 200 * MIB, null, -1000);
        assertThat(run(cluster(1, Duration.ofMinutes(8), List.of(app)), 9).of(ContainerRestarted.class)).isNotEmpty()
                .allMatch(e -> e.reason().equals("OOMKilled"));
    }

    @Test
    void memoryStressWithATime_rampsUpToItsSize() {
        var pod = new PodSelector(Set.of("shop"), Map.of("app", "svc0"), Set.of());
        var stress = new MemoryStress("stress", MIN, Duration.ofMinutes(5), pod, SelectionMode.one(), 1, 100 * MIB, Duration.ofMinutes(2), null);
        var r = run(cluster(1, Duration.ofMinutes(8), List.of(stress)), 9);
        String target = r.of(FaultStarted.class).getFirst().pods().getFirst().split("/")[1];
        double before = r.valueAt(MEMORY_WORKING_SET, "pod", target, 45_000);
        double halfway = r.valueAt(MEMORY_WORKING_SET, "pod", target, 120_000);
        double full = r.valueAt(MEMORY_WORKING_SET, "pod", target, 240_000);
        assertThat(halfway - before).isBetween(40.0 * MIB, 60.0 * MIB);
        assertThat(full - before).isBetween(95.0 * MIB, 105.0 * MIB);
    }

    @Test
    void podFailure_notReadyForTheDuration_livenessRestarts() {
        var one = new PodSelector(Set.of("shop"), Map.of("app", "svc0"), Set.of());
        var failure = new PodFailure("failure", MIN, Duration.ofMinutes(2), one, SelectionMode.one());
        var r = run(cluster(1, Duration.ofMinutes(10), List.of(failure)), 11);

        String target = r.of(FaultStarted.class).getFirst().pods().getFirst();
        List<PodReadinessChanged> readiness = r.of(PodReadinessChanged.class).stream().filter(e -> e.pod().equals(target) && e.timeMillis() > 0).toList();
        // readiness probe (5 s period, 3 failures) drops it 10-15 s after the failure; back only after the fault ended at 180 s
        assertThat(readiness.getFirst().ready()).isFalse();
        assertThat(readiness.getFirst().timeMillis()).isBetween(60_000L, 75_000L);
        assertThat(readiness.get(1).ready()).isTrue();
        assertThat(readiness.get(1).timeMillis()).isGreaterThan(180_000L);
        List<ContainerRestarted> restarts = r.of(ContainerRestarted.class);
        assertThat(restarts).isNotEmpty().allMatch(e -> e.pod().equals(target) && e.reason().equals("LivenessProbe"));
        assertThat(restarts.getFirst().timeMillis()).isBetween(80_000L, 90_000L);
        assertThat(restarts).allMatch(e -> e.timeMillis() < 180_000);
        assertThat(r.of(FaultEnded.class)).singleElement().extracting(FaultEnded::timeMillis).isEqualTo(180_000L);
        // the pod is never deleted: restarts happen in place
        assertThat(r.of(PodDeleted.class)).isEmpty();
        // while it failed but was still an endpoint, its requests errored
        assertThat(r.series(HTTP_REQUESTS)).anyMatch(s -> "500".equals(s.labels().get("code")) && target.endsWith(s.labels().get("pod")));
    }

    @Test
    void containerKill_restartsTheContainerInPlace() {
        var kill = new ContainerKill("ck", MIN, app("svc0"), SelectionMode.one(), List.of("app"));
        var r = run(cluster(1, Duration.ofMinutes(3), List.of(kill)), 2);
        assertThat(r.of(ContainerRestarted.class)).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo("ContainerKill");
            assertThat(e.timeMillis()).isEqualTo(60_000);
        });
        assertThat(r.sim().pods()).hasSize(3).allMatch(p -> p.ready());
        var wrongContainer = new ContainerKill("ck", MIN, app("svc0"), SelectionMode.one(), List.of("sidecar"));
        var r2 = run(cluster(1, Duration.ofMinutes(2), List.of(wrongContainer)), 2);
        assertThat(r2.of(FaultStarted.class).getFirst().tookEffect()).isFalse();
        assertThat(r2.of(ContainerRestarted.class)).isEmpty();
    }

    @Test
    void cpuStress_raisesLatencyAndCpuWhileItLasts() {
        var stress = new CpuStress("cpu", MIN, Duration.ofMinutes(3), app("svc0"), SelectionMode.all(), 2, 100);
        var r = run(cluster(1, Duration.ofMinutes(6), List.of(stress)), 4);
        String pod = r.sim().pods().getFirst().name();
        double before = r.valueAt(POD_LATENCY_MEAN, "pod", pod, 60_000), during = r.valueAt(POD_LATENCY_MEAN, "pod", pod, 180_000);
        assertThat(during).isGreaterThan(5 * before);
        assertThat(r.valueAt(POD_CPU_RATE, "pod", pod, 180_000)).isGreaterThan(1.9);
        assertThat(r.valueAt(POD_CPU_RATE, "pod", pod, 60_000)).isLessThan(0.1);
        assertThat(r.valueAt(POD_LATENCY_MEAN, "pod", pod, 360_000)).isLessThan(1.5 * before);
    }

    @Test
    void faultMatchingNothing_isAnnouncedAsNotTakingEffect() {
        var kill = new PodKill("none", MIN, app("nope"), SelectionMode.all());
        var r = run(cluster(1, Duration.ofMinutes(2), List.of(kill)), 1);
        assertThat(r.of(FaultStarted.class)).singleElement().satisfies(f -> {
            assertThat(f.tookEffect()).isFalse();
            assertThat(f.pods()).isEmpty();
        });
        assertThat(r.of(FaultEnded.class)).hasSize(1);
    }

    @Test
    void deletePod_isGraceful_replacedByTheReplicaSet_noErrors() {
        List<SimEvent> events = new ArrayList<>();
        var sim = new Simulation(cluster(1, Duration.ofMinutes(2), List.of()), 1, events::add);
        String[] victim = new String[1];
        sim.every(30_000, 1_000_000, t -> {
            victim[0] = sim.pods().getFirst().name();
            assertThat(sim.deletePod("shop", victim[0], "Remediation")).isTrue();
            assertThat(sim.pod("shop", victim[0])).hasValueSatisfying(p -> assertThat(p.phase()).isEqualTo("Terminating"));
            assertThat(sim.deletePod("shop", "no-such-pod", "x")).isFalse();
        });
        sim.every(32_000, 1_000_000, t -> assertThat(sim.pod("shop", victim[0])).isPresent());
        sim.every(34_000, 1_000_000, t -> assertThat(sim.pod("shop", victim[0])).isEmpty());
        sim.run();
        assertThat(events).filteredOn(PodDeleted.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((PodDeleted) e).reason()).isEqualTo("Remediation"));
        assertThat(sim.pods()).hasSize(3).allMatch(p -> p.ready());
        assertThat(java.util.Arrays.stream(sim.metrics().range(SERVICE_ERROR_RATIO, 0, sim.endMillis()).getFirst().values()).max().orElseThrow()).isZero();
    }

    @Test
    void hooks_runAfterTheSimulatorsEventsOfTheSameInstant() {
        List<SimEvent> events = new ArrayList<>();
        var kill = new PodKill("kill", Duration.ofSeconds(30), app("svc0"), SelectionMode.one());
        var sim = new Simulation(cluster(1, MIN, List.of(kill)), 1, events::add);
        List<Long> seen = new ArrayList<>();
        sim.every(0, 15_000, t -> {
            seen.add(t);
            assertThat(sim.now()).isEqualTo(t);
            // the scrape of this instant is already in the store
            assertThat(sim.metrics().range(MEMORY_WORKING_SET, t, t)).isNotEmpty();
            if (t == 30_000) assertThat(events).anyMatch(e -> e instanceof PodDeleted);
        });
        sim.run();
        assertThat(seen).containsExactly(0L, 15_000L, 30_000L, 45_000L, 60_000L);
        assertThatThrownBy(sim::run).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aWorkloadsReplicas_spreadOverNodesAndZones_asTheSchedulersDefaultSpreadingPlacesThem_notAllOnTheLargestNode() {
        // one 32-core node and three 8-core ones in two zones: least allocated alone puts every replica on the big one
        var nodes = List.of(new NodeSpec("big", 32, 128L << 30, Map.of(Scheduler.ZONE, "a")),
                new NodeSpec("small-1", 8, 32L << 30, Map.of(Scheduler.ZONE, "a")),
                new NodeSpec("small-2", 8, 32L << 30, Map.of(Scheduler.ZONE, "b")),
                new NodeSpec("small-3", 8, 32L << 30, Map.of(Scheduler.ZONE, "b")));
        var container = new ContainerSpec(null, 0.5, null, null, null, null, null, null, null, null);
        var web = new DeploymentSpec("web", "shop", 4, null, container);
        var api = new DeploymentSpec("api", "shop", 2, null, container);
        var spec = new SimulationSpec(new ClusterSpec(nodes, List.of(web, api), List.of()), Duration.ofMinutes(1), null, List.of());
        var sim = new Simulation(spec, 1, e -> { });
        sim.run();
        var webNodes = sim.pods().stream().filter(p -> p.name().startsWith("web-")).map(p -> p.node()).toList();
        assertThat(java.util.Set.copyOf(webNodes)).as("web's four replicas on " + webNodes).hasSizeGreaterThanOrEqualTo(3);
        assertThat(webNodes.stream().filter(n -> n.equals("small-2") || n.equals("small-3")).count()).as("zone b").isGreaterThanOrEqualTo(1);
        var apiNodes = sim.pods().stream().filter(p -> p.name().startsWith("api-")).map(p -> p.node()).distinct().toList();
        assertThat(apiNodes).as("api's pods are counted apart from web's").hasSize(2);
    }

    @Test
    void pendingPod_isScheduledWhenCapacityFrees() {
        // one node fits 2 pods of 1 cpu; the third waits Pending until a scale-down frees room
        var node = new NodeSpec("small", 2, 8L << 30, Map.of());
        var container = new ContainerSpec(null, 1.0, null, null, null, null, null, null, null, null);
        var dep = new DeploymentSpec("big", "shop", 3, null, container);
        var spec = new SimulationSpec(new ClusterSpec(List.of(node), List.of(dep), List.of()), Duration.ofMinutes(2), null, List.of());
        List<SimEvent> events = new ArrayList<>();
        var sim = new Simulation(spec, 1, events::add);
        sim.every(10_000, 1_000_000, t -> {
            assertThat(sim.pods()).filteredOn(p -> p.phase().equals("Pending")).singleElement().extracting(p -> p.node()).isEqualTo("");
            assertThat(sim.nodes().getFirst().cpuRequested()).isEqualTo(2.0);
            var running = sim.pods().stream().filter(p -> p.phase().equals("Running")).findFirst().orElseThrow();
            sim.deletePod("shop", running.name(), "API");
            sim.scaleDeployment("shop", "big", 2);
        });
        sim.run();
        assertThat(sim.pods()).hasSize(2).allMatch(p -> p.phase().equals("Running") && p.ready() && p.node().equals("small"));
        // its binding is told when the deleted pod is gone (after its grace period), as its creation told that it waited
        String pending = events.stream().filter(e -> e instanceof SimEvent.PodCreated c && c.node().isEmpty())
                .map(e -> ((SimEvent.PodCreated) e).pod()).findFirst().orElseThrow();
        assertThat(events).filteredOn(SimEvent.PodScheduled.class::isInstance).map(SimEvent.PodScheduled.class::cast).singleElement()
                .satisfies(s -> assertThat(s).isEqualTo(new SimEvent.PodScheduled(10_000 + Kubelet.GRACEFUL_DELETE_MS, pending, "small")));
    }

    @Test
    void scheduler_spreadsPodsOverTheLeastAllocatedNodes() {
        var r = run(cluster(1, Duration.ofSeconds(10), List.of()), 1);
        assertThat(r.sim().pods()).extracting(p -> p.node()).containsExactlyInAnyOrder("node-0", "node-1", "node-2");
    }

    @Test
    void badSpec_failsBeforeTheRun_namingTheField() {
        var dep = new DeploymentSpec("a", null, 1, null, null);
        var orphan = new ServiceSpec("web", null, "missing", 1, null);
        var spec = new SimulationSpec(new ClusterSpec(Fixtures.nodes(1), List.of(dep), List.of(orphan)), MIN, null, List.of());
        assertThatThrownBy(() -> new Simulation(spec, 1, e -> { })).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cluster.services[0].deployment").hasMessageContaining("missing");
        var leak = new MemoryLeak("leak", MIN, MIN, null, "ghost", 1);
        var spec2 = new SimulationSpec(new ClusterSpec(Fixtures.nodes(1), List.of(dep), List.of()), MIN, null, List.of(leak));
        assertThatThrownBy(() -> new Simulation(spec2, 1, e -> { })).hasMessageContaining("faults[0].target.deployment");
        var kill = new PodKill("same", MIN, app("a"), SelectionMode.one());
        var spec3 = new SimulationSpec(new ClusterSpec(Fixtures.nodes(1), List.of(dep), List.of()), MIN, null, List.of(kill, kill));
        assertThatThrownBy(() -> new Simulation(spec3, 1, e -> { })).hasMessageContaining("faults[1].name");
        var sim = new Simulation(cluster(1, MIN, List.of()), 1, e -> { });
        assertThatThrownBy(() -> sim.every(0, 0, t -> { })).hasMessageContaining("periodMillis");
    }

    @Test
    void twoHours_fiveServicesOfThreePods_runsToTheEnd() {
        var faults = List.<dev.homeostat.simulator.fault.Fault>of(
                new PodKill("k", Duration.ofMinutes(10), app("svc1"), SelectionMode.one()),
                new MemoryLeak("l", Duration.ofMinutes(20), Duration.ofMinutes(30), "shop", "svc2", MIB / 2));
        var r = run(cluster(5, Duration.ofHours(2), faults), 42);
        assertThat(r.sim().now()).isEqualTo(Duration.ofHours(2).toMillis());
        assertThat(r.series(MEMORY_WORKING_SET).getFirst().size()).isEqualTo(481);
        assertThat(r.sim().deployments()).allMatch(d -> d.readyReplicas() == 3);
    }
}
