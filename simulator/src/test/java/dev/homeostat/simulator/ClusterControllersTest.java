package dev.homeostat.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.simulator.cluster.DeploymentView;
import dev.homeostat.simulator.cluster.PodView;
import dev.homeostat.simulator.events.SimEvent;
import dev.homeostat.simulator.fault.BadRollout;
import dev.homeostat.simulator.fault.CpuHog;
import dev.homeostat.simulator.fault.Deadlock;
import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.Misconfiguration;
import dev.homeostat.simulator.fault.NodeFailure;
import dev.homeostat.simulator.fault.NoisyNeighbour;
import dev.homeostat.simulator.metrics.MetricNames;
import dev.homeostat.simulator.spec.ClusterSpec;
import dev.homeostat.simulator.spec.ContainerSpec;
import dev.homeostat.simulator.spec.DeploymentSpec;
import dev.homeostat.simulator.spec.HpaSpec;
import dev.homeostat.simulator.spec.IntOrPercent;
import dev.homeostat.simulator.spec.PdbSpec;
import dev.homeostat.simulator.spec.RolloutSpec;
import dev.homeostat.simulator.spec.ServiceSpec;
import dev.homeostat.simulator.spec.SimulationSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Kubernetes' own controllers (RollingUpdate, HPA, PDB-aware eviction and drain, node lifecycle) and the cluster-side application faults. */
class ClusterControllersTest {
    private static final long MIN = 60_000;

    private static SimulationSpec spec(int replicas, RolloutSpec strategy, HpaSpec hpa, List<PdbSpec> pdbs, double rps, Duration duration,
                                       List<Fault> faults) {
        var web = new DeploymentSpec("web", "shop", replicas, null, ContainerSpec.defaults(), strategy, hpa);
        var svc = new ServiceSpec("web", "shop", "web", rps, null);
        return new SimulationSpec(new ClusterSpec(Fixtures.nodes(3), List.of(web), List.of(svc), pdbs), duration, null, faults);
    }

    private static SimulationSpec spec(int replicas, Duration duration, List<Fault> faults) {
        return spec(replicas, null, null, List.of(), 60, duration, faults);
    }

    /** Runs with {@code setup} given the simulation before it starts (to register hooks), and {@code check} seeing every event with it. */
    private static Fixtures.Run run(SimulationSpec spec, long seed, Consumer<Simulation> setup, java.util.function.BiConsumer<Simulation, SimEvent> check) {
        List<SimEvent> events = new ArrayList<>();
        Simulation[] holder = new Simulation[1];
        var sim = new Simulation(spec, seed, e -> {
            events.add(e);
            if (holder[0] != null) check.accept(holder[0], e);
        });
        holder[0] = sim;
        setup.accept(sim);
        sim.run();
        return new Fixtures.Run(sim, events);
    }

    private static Fixtures.Run run(SimulationSpec spec, Consumer<Simulation> setup) { return run(spec, 7, setup, (s, e) -> { }); }

    private static long readyServing(Simulation sim) {
        return sim.pods().stream().filter(p -> p.ready() && !p.phase().equals("Terminating") && p.labels().containsKey("app")).count();
    }

    private static long live(Simulation sim) {
        return sim.pods().stream().filter(p -> !p.phase().equals("Terminating") && p.labels().containsKey("app")).count();
    }

    @Property(tries = 15)
    void drain_neverEvictsBelowThePdb(@ForAll @IntRange(min = 2, max = 6) int replicas, @ForAll @IntRange(min = 1, max = 5) int minAvailable) {
        int min = Math.min(minAvailable, replicas - 1);
        var pdb = new PdbSpec("web", "shop", Map.of("app", "web"), min, null);
        List<Long> evictions = new ArrayList<>();
        var r = run(spec(replicas, null, null, List.of(pdb), 60, Duration.ofMinutes(6), List.of()), replicas, sim -> {
            sim.every(2 * MIN, 10 * MIN, t -> sim.drainNode("node-0"));
            sim.every(2 * MIN, 10 * MIN, t -> sim.drainNode("node-1"));
        }, (sim, e) -> {
            if (e instanceof SimEvent.PodDeleted d && d.reason().equals("Eviction")) {
                evictions.add(d.timeMillis());
                // the evicted pod already counts as Terminating: what stays Ready must meet the budget
                assertThat(readyServing(sim)).as("ready pods left after evicting %s", d.pod()).isGreaterThanOrEqualTo(min);
            }
        });
        assertThat(evictions).isNotEmpty();
        assertThat(r.sim().nodes()).filteredOn(n -> n.name().equals("node-0") || n.name().equals("node-1"))
                .allSatisfy(n -> assertThat(n.unschedulable()).isTrue());
        // with one node left the drains finish: every pod ends up on node-2
        assertThat(r.sim().pods()).allSatisfy(p -> assertThat(p.node()).isEqualTo("node-2"));
    }

    @Property(tries = 15)
    void rollingUpdate_staysWithinSurgeAndUnavailability(@ForAll @IntRange(min = 1, max = 6) int replicas,
                                                         @ForAll @IntRange(min = 0, max = 2) int surge,
                                                         @ForAll @IntRange(min = 0, max = 2) int unavailable) {
        if (surge == 0 && unavailable == 0) surge = 1;
        var strategy = new RolloutSpec(surge, unavailable);
        int maxLive = replicas + strategy.surge(replicas), minReady = replicas - strategy.unavailable(replicas);
        var rollout = new BadRollout("v2", Duration.ofMinutes(2), Duration.ofMinutes(20), "shop", "web", Duration.ofMillis(30), 0, false);
        boolean[] rolling = {false};
        var r = run(spec(replicas, strategy, null, List.of(), 60, Duration.ofMinutes(8), List.of(rollout)), 3, sim -> { }, (sim, e) -> {
            if (e instanceof SimEvent.RolloutStarted) rolling[0] = true;
            if (!rolling[0]) return;
            assertThat(live(sim)).as("live pods at %s", e).isLessThanOrEqualTo(maxLive);
            if (e instanceof SimEvent.PodDeleted) assertThat(readyServing(sim)).as("ready pods at %s", e).isGreaterThanOrEqualTo(minReady);
        });
        assertThat(r.of(SimEvent.RolloutCompleted.class)).singleElement().satisfies(c -> assertThat(c.revision()).isEqualTo(2));
        DeploymentView d = r.sim().deployments().getFirst();
        assertThat(d.rolloutInProgress()).isFalse();
        assertThat(d.updatedReplicas()).isEqualTo(replicas);
    }

    @Test
    void hpa_scalesUpUnderCpuLoad_andScalesDownOnlyAfterItsStabilisationWindow() {
        var hpa = new HpaSpec(2, 6, 0.5, Duration.ofMinutes(5), null);
        var hog = new CpuHog("hog", Duration.ofMinutes(2), Duration.ofMinutes(5), "shop", "web", 0.5);
        var r = Fixtures.run(spec(2, null, hpa, List.of(), 60, Duration.ofMinutes(20), List.of(hog)), 1);
        var scales = r.of(SimEvent.HpaScaled.class);
        assertThat(scales).isNotEmpty();
        assertThat(scales.getFirst().to()).isGreaterThan(2);
        assertThat(scales.getFirst().timeMillis()).isBetween(2 * MIN, 4 * MIN);
        long hogEnd = 7 * MIN;
        var downs = scales.stream().filter(s -> s.to() < s.from()).toList();
        assertThat(downs).isNotEmpty();
        assertThat(downs.getFirst().timeMillis()).isGreaterThanOrEqualTo(hogEnd + 5 * MIN);
        assertThat(scales).allSatisfy(s -> assertThat(s.to()).isBetween(2, 6));
    }

    @Test
    void nodeFailure_turnsNotReady_evictsAfter300s_andReschedulesElsewhere() {
        var failure = new NodeFailure("n0", Duration.ofMinutes(2), Duration.ofMinutes(15), "node-0");
        var r = Fixtures.run(spec(3, Duration.ofMinutes(20), List.of(failure)), 1);
        var conditions = r.of(SimEvent.NodeConditionChanged.class);
        assertThat(conditions).extracting(SimEvent.NodeConditionChanged::timeMillis, SimEvent.NodeConditionChanged::ready)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2 * MIN + 40_000, false), org.assertj.core.groups.Tuple.tuple(17 * MIN, true));
        var evicted = r.of(SimEvent.PodDeleted.class).stream().filter(d -> d.reason().equals("TaintManagerEviction")).toList();
        assertThat(evicted).isNotEmpty().allSatisfy(d -> assertThat(d.timeMillis()).isEqualTo(2 * MIN + 40_000 + 300_000));
        var replacements = r.of(SimEvent.PodCreated.class).stream().filter(c -> c.timeMillis() > 2 * MIN).toList();
        assertThat(replacements).hasSize(evicted.size()).allSatisfy(c -> assertThat(c.node()).isNotEqualTo("node-0"));
        // requests to the dead node's pod time out until it leaves the endpoints
        assertThat(r.valueAt(MetricNames.SERVICE_ERROR_RATIO, "service", "web", 2 * MIN + 30_000)).isGreaterThan(0.05);
        assertThat(r.valueAt(MetricNames.SERVICE_ERROR_RATIO, "service", "web", 10 * MIN)).isLessThan(0.001);
    }

    @Test
    void aRebootedMachinesNode_comesBackWithItsContainersStartedAfresh_whereAFailedNodesResume() {
        var reboot = new NodeFailure("reboot", Duration.ofMinutes(2), Duration.ofSeconds(60), "node-0", "AWSChaos/ec2-restart", true);
        var r = Fixtures.run(spec(3, Duration.ofMinutes(8), List.of(reboot)), 1);
        assertThat(reboot.kind()).isEqualTo("AWSChaos/ec2-restart");
        var restarted = r.of(SimEvent.ContainerRestarted.class);
        assertThat(restarted).isNotEmpty().allSatisfy(c -> {
            assertThat(c.reason()).isEqualTo("NodeReboot");
            assertThat(c.timeMillis()).isEqualTo(3 * MIN);
        });
        // no eviction: the machine was back before the not-ready toleration ran out
        assertThat(r.of(SimEvent.PodDeleted.class)).isEmpty();
        var resumed = Fixtures.run(spec(3, Duration.ofMinutes(8), List.of(new NodeFailure("n0", Duration.ofMinutes(2), Duration.ofSeconds(60), "node-0"))), 1);
        assertThat(resumed.of(SimEvent.ContainerRestarted.class)).isEmpty();
        assertThat(new NodeFailure("n0", Duration.ZERO, Duration.ofSeconds(60), "node-0").kind()).isEqualTo("app/node-failure");
    }

    @Test
    void badRollout_raisesErrorsUntilRolledBack() {
        var rollout = new BadRollout("v2", Duration.ofMinutes(2), Duration.ofMinutes(30), "shop", "web", Duration.ZERO, 30, false);
        var r = run(spec(3, Duration.ofMinutes(14), List.of(rollout)), sim -> sim.every(8 * MIN, 60 * MIN, t -> {
            assertThat(sim.rollback("shop", "web", "test")).isTrue();
        }));
        assertThat(r.valueAt(MetricNames.SERVICE_ERROR_RATIO, "service", "web", 2 * MIN)).isLessThan(0.001);
        assertThat(r.valueAt(MetricNames.SERVICE_ERROR_RATIO, "service", "web", 7 * MIN)).isGreaterThan(0.2);
        assertThat(r.valueAt(MetricNames.SERVICE_ERROR_RATIO, "service", "web", 12 * MIN)).isLessThan(0.001);
        assertThat(r.of(SimEvent.RolloutStarted.class)).extracting(SimEvent.RolloutStarted::revision).containsExactly(2, 3);
        assertThat(r.of(SimEvent.FaultEffect.class)).singleElement().satisfies(x -> assertThat(x.observed()).isFalse());
        assertThat(r.sim().deployments().getFirst().revision()).isEqualTo(3);
    }

    @Test
    void badRollout_withoutRollback_isRevertedAtTheWindowEnd_andItsCheckSeesTheErrors() {
        var rollout = new BadRollout("v2", Duration.ofMinutes(2), Duration.ofMinutes(6), "shop", "web", Duration.ZERO, 30, false);
        var r = Fixtures.run(spec(3, Duration.ofMinutes(12), List.of(rollout)), 1);
        assertThat(r.of(SimEvent.FaultEffect.class)).singleElement().satisfies(x -> {
            assertThat(x.observed()).isTrue();
            assertThat(x.detail()).contains("errors");
        });
        assertThat(r.of(SimEvent.RolloutStarted.class)).last().satisfies(s -> assertThat(s.cause()).contains("roll back"));
        assertThat(r.valueAt(MetricNames.SERVICE_ERROR_RATIO, "service", "web", 11 * MIN)).isLessThan(0.001);
    }

    @Test
    void crashOnStart_stallsTheRollout_whileOldPodsKeepServing() {
        var rollout = new BadRollout("v2", Duration.ofMinutes(2), Duration.ofMinutes(30), "shop", "web", null, 0, true);
        var r = Fixtures.run(spec(4, Duration.ofMinutes(8), List.of(rollout)), 1);
        DeploymentView d = r.sim().deployments().getFirst();
        assertThat(d.rolloutInProgress()).isTrue();
        assertThat(d.readyReplicas()).isGreaterThanOrEqualTo(3);
        assertThat(r.of(SimEvent.ContainerRestarted.class)).isNotEmpty().allSatisfy(c -> assertThat(c.reason()).isEqualTo("Error"));
        assertThat(r.of(SimEvent.FaultEffect.class)).singleElement().satisfies(x -> assertThat(x.observed()).isTrue());
    }

    @Test
    void eachApplicationFault_movesItsSignal() {
        List<Fault> faults = List.of(
                new CpuHog("hog", Duration.ofMinutes(2), Duration.ofMinutes(3), "shop", "web", 0.5),
                new Deadlock("lock", Duration.ofMinutes(2), Duration.ofMinutes(3), "shop", "web", 1),
                new NoisyNeighbour("noisy", Duration.ofMinutes(2), Duration.ofMinutes(3), "node-0", 1.0),
                new Misconfiguration("port", Duration.ofMinutes(2), Duration.ofMinutes(3), "shop", "web", Misconfiguration.Kind.WRONG_PORT),
                new Misconfiguration("ready", Duration.ofMinutes(2), Duration.ofMinutes(3), "shop", "web", Misconfiguration.Kind.READINESS_NEVER_PASSES));
        for (Fault f : faults) {
            var r = Fixtures.run(spec(3, Duration.ofMinutes(6), List.of(f)), 1);
            assertThat(r.of(SimEvent.FaultEffect.class)).as(f.name()).singleElement().satisfies(x -> assertThat(x.observed()).as(x.detail()).isTrue());
        }
    }

    @Test
    void deadlock_isClearedByDeletingThePod() {
        var lock = new Deadlock("lock", Duration.ofMinutes(2), Duration.ofMinutes(30), "shop", "web", 1);
        var r = run(spec(3, Duration.ofMinutes(10), List.of(lock)), sim -> sim.every(4 * MIN, 60 * MIN, t -> {
            String pod = sim.pods().stream().filter(p -> p.phase().equals("Running")).findFirst().orElseThrow().name();
            // delete every pod of the deadlock's deployment one by one: whichever was locked is replaced
            for (PodView p : sim.pods()) sim.deletePod(p.namespace(), p.name(), "test");
            assertThat(pod).isNotBlank();
        }));
        assertThat(r.valueAt(MetricNames.SERVICE_ERROR_RATIO, "service", "web", 3 * MIN)).isGreaterThan(0.2);
        assertThat(r.valueAt(MetricNames.SERVICE_ERROR_RATIO, "service", "web", 9 * MIN)).isLessThan(0.001);
    }

    @Test
    void isolatePod_leavesEndpointsAndReplicaSet_butKeepsThePod() {
        var r = run(spec(3, Duration.ofMinutes(4), List.of()), sim -> sim.every(MIN, 60 * MIN, t -> {
            PodView p = sim.pods().getFirst();
            assertThat(sim.isolatePod(p.namespace(), p.name())).isTrue();
            assertThat(sim.isolatePod(p.namespace(), p.name())).isFalse();
        }));
        var pods = r.sim().pods();
        assertThat(pods).hasSize(4);
        var isolated = pods.stream().filter(p -> p.labels().containsKey(PodState.ISOLATED_LABEL)).toList();
        assertThat(isolated).singleElement().satisfies(p -> {
            assertThat(p.ready()).isFalse();
            assertThat(p.phase()).isEqualTo("Running");
        });
        assertThat(r.sim().deployments().getFirst().readyReplicas()).isEqualTo(3);
    }

    @Test
    void cordonedNode_getsNoNewPods() {
        var r = run(spec(3, Duration.ofMinutes(4), List.of()), sim -> sim.every(MIN, 60 * MIN, t -> {
            assertThat(sim.cordonNode("node-0")).isTrue();
            assertThat(sim.cordonNode("nope")).isFalse();
            for (PodView p : sim.pods()) sim.deletePod(p.namespace(), p.name(), "test");
        }));
        assertThat(r.sim().pods()).hasSize(3).allSatisfy(p -> assertThat(p.node()).isNotEqualTo("node-0"));
        assertThat(r.of(SimEvent.NodeCordoned.class)).hasSize(1);
    }

    @Test
    void pdbStatus_countsHealthyPodsAgainstTheBudget() {
        var pdb = new PdbSpec("web", "shop", Map.of("app", "web"), null, 1);
        var r = run(spec(3, null, null, List.of(pdb), 60, Duration.ofMinutes(2), List.of()), sim -> { });
        assertThat(r.sim().pdbs()).singleElement().satisfies(v -> {
            assertThat(v.currentHealthy()).isEqualTo(3);
            assertThat(v.desiredHealthy()).isEqualTo(2);
            assertThat(v.disruptionsAllowed()).isEqualTo(1);
            assertThat(v.expectedPods()).isEqualTo(3);
            assertThat(v.pods()).hasSize(3);
        });
    }

    @Test
    void pdbStatus_resolvesAPercentageOfTheReplicas_roundingTheDisruptionsUp() {
        var pdb = new PdbSpec("web", "shop", Map.of("app", "web"), null, IntOrPercent.percent(50));
        var r = run(spec(3, null, null, List.of(pdb), 60, Duration.ofMinutes(2), List.of()), sim -> { });
        assertThat(r.sim().pdbs()).singleElement().satisfies(v -> {
            assertThat(v.desiredHealthy()).isEqualTo(1);
            assertThat(v.disruptionsAllowed()).isEqualTo(2);
        });
    }
}
