package dev.homeostat.simulator;

import dev.homeostat.simulator.events.SimEvent;
import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.PodSelector;
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

/** Small clusters for the tests: roomy nodes, deployments of 3 pods with default containers, one service each. */
final class Fixtures {
    private Fixtures() { }

    static final long MIB = 1L << 20;

    static List<NodeSpec> nodes(int n) {
        List<NodeSpec> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(new NodeSpec("node-" + i, 4, 16L << 30, Map.of()));
        return out;
    }

    static SimulationSpec cluster(int services, Duration duration, List<Fault> faults) {
        List<DeploymentSpec> deps = new ArrayList<>();
        List<ServiceSpec> svcs = new ArrayList<>();
        for (int i = 0; i < services; i++) {
            String name = "svc" + i;
            deps.add(new DeploymentSpec(name, "shop", 3, null, ContainerSpec.defaults()));
            svcs.add(new ServiceSpec(name, "shop", name, 60, null));
        }
        return new SimulationSpec(new ClusterSpec(nodes(3), deps, svcs), duration, null, faults);
    }

    static PodSelector app(String app) { return new PodSelector(Set.of("shop"), Map.of("app", app), Set.of()); }

    /** Runs the spec, collecting its events. */
    static Run run(SimulationSpec spec, long seed) {
        List<SimEvent> events = new ArrayList<>();
        var sim = new Simulation(spec, seed, events::add);
        sim.run();
        return new Run(sim, events);
    }

    /**
     * Runs the spec keeping the exact p99 of {@code namespace/service} at every traffic step: the model's own latency,
     * for tests of the model (the p99 rule reads the duration histogram, as Prometheus does).
     */
    static Run runKeepingP99(SimulationSpec spec, long seed, String namespace, String service) {
        List<SimEvent> events = new ArrayList<>();
        var sim = new Simulation(spec, seed, events::add);
        var p99 = new java.util.TreeMap<Long, Double>();
        sim.every(Simulation.STEP_MS, Simulation.STEP_MS, t -> p99.put(t, sim.stepP99(namespace, service)));
        sim.run();
        return new Run(sim, events, p99);
    }

    record Run(Simulation sim, List<SimEvent> events, java.util.NavigableMap<Long, Double> exactP99) {
        Run(Simulation sim, List<SimEvent> events) { this(sim, events, java.util.Collections.emptyNavigableMap()); }

        /** The mean of the kept service's exact step p99s over the minute up to {@code t} ({@link #runKeepingP99}). */
        double exactP99(long t) {
            var minute = exactP99.subMap(t - 60_000, false, t, true);
            if (minute.isEmpty()) throw new IllegalStateException("no exact p99 kept before " + t + "; run with runKeepingP99");
            return minute.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        }

        <T extends SimEvent> List<T> of(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }

        List<Series> series(String metric) { return sim.metrics().range(metric, 0, sim.endMillis()); }

        /** Value of the first series of {@code metric} matching {@code label=value} at or before t. */
        double valueAt(String metric, String label, String value, long t) {
            for (Series s : series(metric)) {
                if (!value.equals(s.labels().get(label))) continue;
                double v = Double.NaN;
                for (int i = 0; i < s.size() && s.times()[i] <= t; i++) v = s.values()[i];
                return v;
            }
            return Double.NaN;
        }
    }
}
