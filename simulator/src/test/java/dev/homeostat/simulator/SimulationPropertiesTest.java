package dev.homeostat.simulator;

import static dev.homeostat.simulator.Fixtures.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.simulator.cluster.NodeView;
import dev.homeostat.simulator.cluster.PodView;
import dev.homeostat.simulator.events.SimEvent;
import dev.homeostat.simulator.fault.ContainerKill;
import dev.homeostat.simulator.fault.CpuStress;
import dev.homeostat.simulator.fault.Fault;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Invariants over randomly generated clusters and fault plans (each scenario built from one generated long). */
class SimulationPropertiesTest {

    /** A random cluster; {@code roomy} nodes fit every pod, otherwise some stay Pending. Faults start before 5 min and end by 8 min. */
    static SimulationSpec scenario(long scenarioSeed, boolean roomy, Duration duration) {
        var r = new SplittableRandom(scenarioSeed);
        List<NodeSpec> nodes = new ArrayList<>();
        int nodeCount = 1 + r.nextInt(4);
        for (int i = 0; i < nodeCount; i++) {
            double cpu = roomy ? 16 : new double[] {1, 2, 4}[r.nextInt(3)];
            long memory = roomy ? 64L << 30 : new long[] {1L << 30, 2L << 30, 4L << 30}[r.nextInt(3)];
            nodes.add(new NodeSpec("node-" + i, cpu, memory, Map.of()));
        }
        List<DeploymentSpec> deps = new ArrayList<>();
        List<ServiceSpec> services = new ArrayList<>();
        int depCount = 1 + r.nextInt(3);
        for (int i = 0; i < depCount; i++) {
            var container = new ContainerSpec(null, new double[] {0.25, 0.5, 1.0}[r.nextInt(3)], (128L + 128 * r.nextInt(4)) * MIB, 1024 * MIB,
                    200 * MIB, Duration.ofSeconds(5 + r.nextInt(20)), null, null, null, null);
            deps.add(new DeploymentSpec("d" + i, "ns", r.nextInt(6), null, container));
            services.add(new ServiceSpec("d" + i, "ns", "d" + i, 10 + r.nextInt(200), null));
        }
        List<Fault> faults = new ArrayList<>();
        int faultCount = r.nextInt(5);
        for (int i = 0; i < faultCount; i++) {
            String target = "d" + r.nextInt(depCount);
            var selector = new PodSelector(Set.of("ns"), Map.of("app", target), Set.of());
            var mode = switch (r.nextInt(4)) {
                case 0 -> SelectionMode.one();
                case 1 -> SelectionMode.all();
                case 2 -> new SelectionMode(SelectionMode.Kind.FIXED_PERCENT, 50);
                default -> new SelectionMode(SelectionMode.Kind.RANDOM_MAX_PERCENT, 100);
            };
            var start = Duration.ofSeconds(r.nextInt(300));
            var length = Duration.ofSeconds(1 + r.nextInt(180));
            String name = "f" + i;
            faults.add(switch (r.nextInt(6)) {
                case 0 -> new PodKill(name, start, selector, mode);
                case 1 -> new ContainerKill(name, start, selector, mode, List.of("app"));
                case 2 -> new PodFailure(name, start, length, selector, mode);
                case 3 -> new MemoryStress(name, start, length, selector, mode, 1 + r.nextInt(3), 400 * MIB);
                case 4 -> new CpuStress(name, start, length, selector, mode, 1 + r.nextInt(2), 100);
                default -> new MemoryLeak(name, start, length, "ns", target, MIB * (1 + r.nextInt(4)));
            });
        }
        return new SimulationSpec(new ClusterSpec(nodes, deps, services), duration, null, faults);
    }

    @Property(tries = 40)
    void scheduler_neverExceedsNodeAllocatable(@ForAll long scenarioSeed) {
        var spec = scenario(scenarioSeed, false, Duration.ofMinutes(10));
        var sim = new Simulation(spec, scenarioSeed, e -> { });
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
    void replicaSet_convergesToReplicas_afterFaultsEnd(@ForAll long scenarioSeed) {
        var spec = scenario(scenarioSeed, true, Duration.ofMinutes(20));
        var run = Fixtures.run(spec, scenarioSeed);
        for (var d : spec.cluster().deployments()) {
            List<PodView> pods = run.sim().pods().stream().filter(p -> p.deployment().equals(d.name())).toList();
            assertThat(pods).as(d.name()).hasSize(d.replicas()).allMatch(p -> p.ready() && p.phase().equals("Running"));
        }
        assertThat(run.sim().deployments()).allMatch(d -> d.readyReplicas() == d.replicas());
    }

    @Property(tries = 25)
    void sameSeed_identicalEventsAndMetricSamples(@ForAll long seed) {
        var spec = scenario(seed, seed % 2 == 0, Duration.ofMinutes(12));
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
    void timeNeverGoesBackwards_forEventsHooksAndSamples(@ForAll long seed) {
        var spec = scenario(seed, seed % 2 == 0, Duration.ofMinutes(12));
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
    void sloTransitions_alternateViolatedRestored(@ForAll long seed) {
        var spec = scenario(seed, seed % 2 == 0, Duration.ofMinutes(12));
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
