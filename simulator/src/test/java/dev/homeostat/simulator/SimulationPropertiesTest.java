package dev.homeostat.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.simulator.cluster.NodeView;
import dev.homeostat.simulator.cluster.PodView;
import dev.homeostat.simulator.events.SimEvent;
import dev.homeostat.simulator.metrics.Series;
import dev.homeostat.simulator.spec.ContainerSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/**
 * Invariants over generated clusters and fault plans ({@link ClusterArbitraries}): a failing plan
 * shrinks to a minimal cluster (fewest nodes, deployments and faults, simplest kinds) that still fails.
 */
class SimulationPropertiesTest {

    @Provide Arbitrary<ClusterArbitraries.Plan> tight() { return ClusterArbitraries.plans(false, Duration.ofMinutes(10)); }

    @Provide Arbitrary<ClusterArbitraries.Plan> roomy() { return ClusterArbitraries.plans(true, Duration.ofMinutes(20)); }

    @Provide Arbitrary<ClusterArbitraries.Plan> any() {
        return Arbitraries.of(true, false).flatMap(roomy -> ClusterArbitraries.plans(roomy, Duration.ofMinutes(12)));
    }

    @Property(tries = 40)
    void scheduler_neverExceedsNodeAllocatable(@ForAll("tight") ClusterArbitraries.Plan plan, @ForAll @LongRange(max = 1000) long seed) {
        var spec = plan.spec();
        var sim = new Simulation(spec, seed, e -> { });
        Map<String, ContainerSpec> containers = new HashMap<>();
        for (var d : spec.cluster().deployments()) containers.put(d.name(), d.container());
        sim.every(0, 5_000, t -> {
            Map<String, double[]> requested = new HashMap<>();
            for (PodView p : sim.pods()) {
                if (p.node().isEmpty()) continue;
                var c = containers.get(p.deployment());
                double[] sum = requested.computeIfAbsent(p.node(), n -> new double[2]);
                sum[0] += c.cpuRequest();
                sum[1] += c.memoryRequest();
            }
            for (NodeView n : sim.nodes()) {
                double[] sum = requested.getOrDefault(n.name(), new double[2]);
                assertThat(sum[0]).isLessThanOrEqualTo(n.cpuAllocatable() + 1e-9).isCloseTo(n.cpuRequested(), org.assertj.core.data.Offset.offset(1e-9));
                assertThat(sum[1]).isLessThanOrEqualTo(n.memoryAllocatable()).isEqualTo((double) n.memoryRequested());
            }
        });
        sim.run();
    }

    @Property(tries = 40)
    void replicaSet_convergesToReplicas_afterFaultsEnd(@ForAll("roomy") ClusterArbitraries.Plan plan, @ForAll @LongRange(max = 1000) long seed) {
        var spec = plan.spec();
        var run = Fixtures.run(spec, seed);
        for (var d : spec.cluster().deployments()) {
            List<PodView> pods = run.sim().pods().stream().filter(p -> p.deployment().equals(d.name())).toList();
            assertThat(pods).as(d.name()).hasSize(d.replicas()).allMatch(p -> p.ready() && p.phase().equals("Running"));
        }
        assertThat(run.sim().deployments()).allMatch(d -> d.readyReplicas() == d.replicas());
    }

    /**
     * Found by the property above: two bad rollouts at one instant, the second built on the first's revision. When the
     * second ends and rolls back, it lands on the first's faulty revision, whose fault has ended meanwhile; that one's
     * authors have shipped their fix, so one healthy revision must serve, not a crash-looping pod beside the old one.
     */
    @Example
    void overlappingBadRollouts_endOnAHealthyRevision() {
        var app = new ClusterArbitraries.App(1, 0.25, 128L << 20, 5, 10);
        var crashing = new ClusterArbitraries.FaultPlan(ClusterArbitraries.Kind.BAD_ROLLOUT, 0, dev.homeostat.simulator.fault.SelectionMode.one(), 0, 1, 3);
        var slow = new ClusterArbitraries.FaultPlan(ClusterArbitraries.Kind.BAD_ROLLOUT, 0, dev.homeostat.simulator.fault.SelectionMode.one(), 0, 1, 1);
        var plan = new ClusterArbitraries.Plan(List.of(new ClusterArbitraries.Node(16, 64L << 30)), List.of(app), List.of(crashing, slow), Duration.ofMinutes(20));
        replicaSet_convergesToReplicas_afterFaultsEnd(plan, 0);
    }

    @Property(tries = 25)
    void sameSeed_identicalEventsAndMetricSamples(@ForAll("any") ClusterArbitraries.Plan plan, @ForAll @LongRange(max = 1000) long seed) {
        var spec = plan.spec();
        var a = Fixtures.run(spec, seed);
        var b = Fixtures.run(spec, seed);
        assertThat(a.events()).isNotEmpty().isEqualTo(b.events());
        assertThat(a.sim().metrics().metricNames()).isEqualTo(b.sim().metrics().metricNames());
        for (String metric : a.sim().metrics().metricNames()) {
            List<Series> sa = a.series(metric), sb = b.series(metric);
            assertThat(sa).hasSameSizeAs(sb);
            for (int i = 0; i < sa.size(); i++) {
                assertThat(sa.get(i).labels()).isEqualTo(sb.get(i).labels());
                assertThat(sa.get(i).times()).isEqualTo(sb.get(i).times());
                assertThat(sa.get(i).values()).isEqualTo(sb.get(i).values());
            }
        }
    }

    @Property(tries = 25)
    void timeNeverGoesBackwards_forEventsHooksAndSamples(@ForAll("any") ClusterArbitraries.Plan plan, @ForAll @LongRange(max = 1000) long seed) {
        var spec = plan.spec();
        List<SimEvent> events = new ArrayList<>();
        var sim = new Simulation(spec, seed, events::add);
        long[] lastHook = {-1};
        sim.every(0, 7_000, t -> {
            assertThat(t).isGreaterThan(lastHook[0]);
            assertThat(events.isEmpty() ? 0 : events.getLast().timeMillis()).isLessThanOrEqualTo(t);
            lastHook[0] = t;
        });
        sim.run();
        for (int i = 1; i < events.size(); i++) assertThat(events.get(i).timeMillis()).isGreaterThanOrEqualTo(events.get(i - 1).timeMillis());
        for (String metric : sim.metrics().metricNames())
            for (Series s : sim.metrics().range(metric, 0, sim.endMillis()))
                for (int i = 1; i < s.size(); i++) assertThat(s.times()[i]).isGreaterThan(s.times()[i - 1]);
    }

    @Property(tries = 40)
    void sloTransitions_alternateViolatedRestored(@ForAll("any") ClusterArbitraries.Plan plan, @ForAll @LongRange(max = 1000) long seed) {
        var spec = plan.spec();
        var run = Fixtures.run(spec, seed);
        Map<String, Boolean> violated = new HashMap<>();
        for (SimEvent e : run.events()) {
            switch (e) {
                case SimEvent.SloViolated v -> assertThat(violated.put(v.service(), true)).as(v.toString()).isNotEqualTo(Boolean.TRUE);
                case SimEvent.SloRestored v -> assertThat(violated.put(v.service(), false)).as(v.toString()).isEqualTo(Boolean.TRUE);
                default -> { }
            }
        }
    }
}
