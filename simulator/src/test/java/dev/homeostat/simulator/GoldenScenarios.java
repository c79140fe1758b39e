package dev.homeostat.simulator;

import static dev.homeostat.simulator.Fixtures.MIB;

import dev.homeostat.simulator.fault.BadRollout;
import dev.homeostat.simulator.fault.ClockSkew;
import dev.homeostat.simulator.fault.ContainerKill;
import dev.homeostat.simulator.fault.CpuHog;
import dev.homeostat.simulator.fault.CpuStress;
import dev.homeostat.simulator.fault.Deadlock;
import dev.homeostat.simulator.fault.DependencySlowdown;
import dev.homeostat.simulator.fault.DnsFault;
import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.HttpFault;
import dev.homeostat.simulator.fault.IoError;
import dev.homeostat.simulator.fault.IoLatency;
import dev.homeostat.simulator.fault.MemoryLeak;
import dev.homeostat.simulator.fault.MemoryStress;
import dev.homeostat.simulator.fault.Misconfiguration;
import dev.homeostat.simulator.fault.NetworkBandwidth;
import dev.homeostat.simulator.fault.NetworkCorrupt;
import dev.homeostat.simulator.fault.NetworkDelay;
import dev.homeostat.simulator.fault.NetworkDuplicate;
import dev.homeostat.simulator.fault.NetworkLoss;
import dev.homeostat.simulator.fault.NetworkPartition;
import dev.homeostat.simulator.fault.NodeFailure;
import dev.homeostat.simulator.fault.NoisyNeighbour;
import dev.homeostat.simulator.fault.PodFailure;
import dev.homeostat.simulator.fault.PodKill;
import dev.homeostat.simulator.fault.PodSelector;
import dev.homeostat.simulator.fault.SelectionMode;
import dev.homeostat.simulator.spec.CallSpec;
import dev.homeostat.simulator.spec.ClusterSpec;
import dev.homeostat.simulator.spec.ContainerSpec;
import dev.homeostat.simulator.spec.DeploymentSpec;
import dev.homeostat.simulator.spec.HpaSpec;
import dev.homeostat.simulator.spec.NodeSpec;
import dev.homeostat.simulator.spec.PdbSpec;
import dev.homeostat.simulator.spec.RolloutSpec;
import dev.homeostat.simulator.spec.ServiceSpec;
import dev.homeostat.simulator.spec.SimulationSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The runs pinned by {@link GoldenRunsTest}: seeded random clusters (some pods Pending), one run per
 * fault kind on a cluster with a call graph, an autoscaler and a budget, and one run driving every
 * action of the public API. Each is fixed here once; changing one changes its golden file.
 */
final class GoldenScenarios {
    private GoldenScenarios() { }

    /** A golden run: its spec and seed, and the actions a hook takes while it runs (may be none). */
    record Golden(String name, SimulationSpec spec, long seed, Actions actions) { }

    /** What a hook does to the running simulation at {@code t}; returns lines to record (may be empty). */
    @FunctionalInterface
    interface Actions {
        List<String> at(Simulation sim, long t);

        Actions NONE = (sim, t) -> List.of();
    }

    static List<Golden> all() {
        List<Golden> out = new ArrayList<>();
        for (long seed = 1; seed <= 12; seed++)
            out.add(new Golden("random-" + seed, random(seed * 7919, false, Duration.ofMinutes(12)), seed, Actions.NONE));
        faults().forEach((name, fault) -> out.add(new Golden("fault-" + name, shop(List.of(fault)), 42, Actions.NONE)));
        out.add(new Golden("api-actions", shop(List.of(new BadRollout("bad-v2", Duration.ofMinutes(2), Duration.ofMinutes(8), "shop",
                "checkout", Duration.ofMillis(50), 10, false))), 7, GoldenScenarios::apiActions));
        return out;
    }

    /**
     * A random cluster from one seed; {@code roomy} nodes fit every pod, otherwise some stay Pending.
     * Faults start before 5 min and end by 8 min.
     */
    static SimulationSpec random(long scenarioSeed, boolean roomy, Duration duration) {
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

    /**
     * frontend (3 pods) calls checkout (3 pods, HPA 3–6, PDB minAvailable 2, RollingUpdate surge 1
     * unavailable 0) on three nodes; 12 minutes.
     */
    static SimulationSpec shop(List<Fault> faults) {
        var container = new ContainerSpec(null, 0.5, 256 * MIB, 512 * MIB, 200 * MIB, Duration.ofSeconds(8), null, null,
                Duration.ofMillis(25), 8);
        var frontend = new DeploymentSpec("frontend", "shop", 3, null, container);
        var checkout = new DeploymentSpec("checkout", "shop", 3, null, container, new RolloutSpec(1, 0),
                new HpaSpec(3, 6, 0.6, null, null));
        var calls = List.of(new CallSpec("checkout", 1.0, Duration.ofMillis(500), 1, Duration.ofMillis(50)));
        var services = List.of(new ServiceSpec("frontend", "shop", "frontend", 150, null, null, calls),
                new ServiceSpec("checkout", "shop", "checkout", 40, null));
        var pdb = new PdbSpec("checkout-pdb", "shop", Map.of("app", "checkout"), 2, null);
        var cluster = new ClusterSpec(Fixtures.nodes(3), List.of(frontend, checkout), services, List.of(pdb));
        return new SimulationSpec(cluster, Duration.ofMinutes(12), null, faults);
    }

    /** One fault of each kind, from 2 min for 4 min, on the shop's checkout pods (or its nodes). */
    static Map<String, Fault> faults() {
        var at = Duration.ofMinutes(2);
        var length = Duration.ofMinutes(4);
        var checkout = new PodSelector(Set.of("shop"), Map.of("app", "checkout"), Set.of());
        var all = SelectionMode.all();
        var one = SelectionMode.one();
        var half = new SelectionMode(SelectionMode.Kind.FIXED_PERCENT, 50);
        Map<String, Fault> f = new LinkedHashMap<>();
        f.put("pod-kill", new PodKill("f", at, checkout, one));
        f.put("container-kill", new ContainerKill("f", at, checkout, all, List.of("app")));
        f.put("pod-failure", new PodFailure("f", at, length, checkout, one));
        f.put("memory-stress", new MemoryStress("f", at, length, checkout, all, 2, 200 * MIB));
        f.put("cpu-stress", new CpuStress("f", at, length, checkout, all, 2, 80));
        f.put("memory-leak", new MemoryLeak("f", at, length, "shop", "checkout", 2 * MIB));
        f.put("network-delay", new NetworkDelay("f", at, length, checkout, half, Duration.ofMillis(120), Duration.ofMillis(30), 0));
        f.put("network-loss", new NetworkLoss("f", at, length, checkout, all, 30));
        f.put("network-duplicate", new NetworkDuplicate("f", at, length, checkout, all, 50));
        f.put("network-corrupt", new NetworkCorrupt("f", at, length, checkout, one, 40));
        f.put("network-partition", new NetworkPartition("f", at, length, checkout, one, null));
        f.put("network-bandwidth", new NetworkBandwidth("f", at, length, checkout, all, 20_000, 10_000, 1_000));
        f.put("http-abort", new HttpFault("f", at, length, checkout, one, HttpFault.HttpAction.ABORT, null, 0, "Request", 80, "/", "GET"));
        f.put("http-delay", new HttpFault("f", at, length, checkout, all, HttpFault.HttpAction.DELAY, Duration.ofMillis(300), 0, "Request", 80, "/", "GET"));
        f.put("http-replace", new HttpFault("f", at, length, checkout, all, HttpFault.HttpAction.REPLACE, null, 504, "Request", 80, "/", "GET"));
        f.put("io-latency", new IoLatency("f", at, length, checkout, all, Duration.ofMillis(40), 50, "/data"));
        f.put("io-error", new IoError("f", at, length, checkout, all, 5, 20, "/data"));
        f.put("clock-skew", new ClockSkew("f", at, length, checkout, one, Duration.ofMinutes(10), Duration.ofMinutes(5)));
        f.put("dns-error", new DnsFault("f", at, length, checkout, all, DnsFault.DnsAction.ERROR, List.of("*")));
        f.put("dependency-slowdown", new DependencySlowdown("f", at, length, "shop", "checkout", Duration.ofMillis(200)));
        f.put("bad-rollout", new BadRollout("f", at, length, "shop", "checkout", Duration.ofMillis(80), 20, false));
        f.put("bad-rollout-crash", new BadRollout("f", at, length, "shop", "checkout", null, 0, true));
        f.put("misconfiguration", new Misconfiguration("f", at, length, "shop", "checkout", Misconfiguration.Kind.READINESS_NEVER_PASSES));
        f.put("cpu-hog", new CpuHog("f", at, length, "shop", "checkout", 1.5));
        f.put("deadlock", new Deadlock("f", at, length, "shop", "checkout", 2));
        f.put("node-failure", new NodeFailure("f", at, Duration.ofMinutes(8), "node-1"));
        f.put("noisy-neighbour", new NoisyNeighbour("f", at, length, "node-0", 3));
        return f;
    }

    /** Every action of the public API once, at fixed times, on whatever pods exist then. */
    private static List<String> apiActions(Simulation sim, long t) {
        List<String> out = new ArrayList<>();
        String first = sim.pods().stream().filter(p -> p.deployment().equals("frontend")).map(p -> p.name()).findFirst().orElse("none");
        String checkout = sim.pods().stream().filter(p -> p.deployment().equals("checkout")).map(p -> p.name()).findFirst().orElse("none");
        switch ((int) (t / 1000)) {
            case 60 -> out.add("deletePod " + first + " -> " + sim.deletePod("shop", first, "golden"));
            case 90 -> out.add("scaleDeployment frontend 5 -> " + sim.scaleDeployment("shop", "frontend", 5));
            case 150 -> out.add("isolatePod " + first + " -> " + sim.isolatePod("shop", first));
            case 180 -> out.add("evictPod " + checkout + " -> " + sim.evictPod("shop", checkout));
            case 240 -> out.add("rollback checkout -> " + sim.rollback("shop", "checkout", "golden"));
            case 300 -> out.add("cordonNode node-2 -> " + sim.cordonNode("node-2"));
            case 330 -> out.add("drainNode node-0 -> " + sim.drainNode("node-0"));
            case 420 -> {
                var checkoutPods = new PodSelector(Set.of("shop"), Map.of("app", "checkout"), Set.of());
                sim.inject(new PodKill("late-kill", Duration.ofMinutes(7), checkoutPods, SelectionMode.one()));
                out.add("inject late-kill");
            }
            case 480 -> out.add("scaleDeployment frontend 2 -> " + sim.scaleDeployment("shop", "frontend", 2));
            case 540 -> out.add("deletePod missing -> " + sim.deletePod("shop", "missing", null));
            default -> { }
        }
        return out;
    }
}
