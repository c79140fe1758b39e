package dev.homeostat.simulator;

import static dev.homeostat.simulator.Fixtures.MIB;

import dev.homeostat.simulator.fault.BadRollout;
import dev.homeostat.simulator.fault.ContainerKill;
import dev.homeostat.simulator.fault.CpuHog;
import dev.homeostat.simulator.fault.CpuStress;
import dev.homeostat.simulator.fault.Deadlock;
import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.MemoryLeak;
import dev.homeostat.simulator.fault.IoStress;
import dev.homeostat.simulator.fault.JvmFault;
import dev.homeostat.simulator.fault.MemoryStress;
import dev.homeostat.simulator.fault.NetworkDelay;
import dev.homeostat.simulator.fault.NetworkLoss;
import dev.homeostat.simulator.fault.NodeFailure;
import dev.homeostat.simulator.fault.PodFailure;
import dev.homeostat.simulator.fault.PodKill;
import dev.homeostat.simulator.fault.PodSelector;
import dev.homeostat.simulator.fault.SelectionMode;
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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik arbitraries of clusters and fault plans, built from small parts (nodes, deployments, faults)
 * so a failing run shrinks to a minimal one: fewer nodes, deployments and faults, smaller numbers,
 * the first choice of each list (the simplest fault kind, mode and size).
 */
final class ClusterArbitraries {
    private ClusterArbitraries() { }

    /** What one generated cluster and plan is; {@link #spec} builds the simulator's spec from it (and jqwik prints it on a failure). */
    record Plan(List<Node> nodes, List<App> apps, List<FaultPlan> faults, Duration duration) {
        SimulationSpec spec() {
            List<NodeSpec> nodeSpecs = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) nodeSpecs.add(new NodeSpec("node-" + i, nodes.get(i).cpu(), nodes.get(i).memory(), Map.of()));
            List<DeploymentSpec> deps = new ArrayList<>();
            List<ServiceSpec> services = new ArrayList<>();
            for (int i = 0; i < apps.size(); i++) {
                App a = apps.get(i);
                var container = new ContainerSpec(null, a.cpuRequest(), a.memoryRequest(), 1024 * MIB, 200 * MIB, Duration.ofSeconds(a.startupSeconds()),
                        null, null, null, null);
                deps.add(new DeploymentSpec("d" + i, "ns", a.replicas(), null, container));
                services.add(new ServiceSpec("d" + i, "ns", "d" + i, a.requestsPerSecond(), null));
            }
            List<Fault> built = new ArrayList<>();
            for (int i = 0; i < faults.size(); i++) built.add(faults.get(i).fault("f" + i, apps.size(), nodes.size()));
            return new SimulationSpec(new ClusterSpec(nodeSpecs, deps, services), duration, null, built);
        }
    }

    record Node(double cpu, long memory) { }

    record App(int replicas, double cpuRequest, long memoryRequest, int startupSeconds, int requestsPerSecond) { }

    /** The kinds a plan draws from, simplest first (what a failing plan shrinks towards). */
    enum Kind { POD_KILL, CONTAINER_KILL, POD_FAILURE, MEMORY_STRESS, CPU_STRESS, MEMORY_LEAK, NETWORK_DELAY, NETWORK_LOSS, BAD_ROLLOUT, CPU_HOG,
        DEADLOCK, NODE_FAILURE, MEMORY_FILL, JVM_HEAP, JVM_STACK, DISK_PER_PROCESSOR }

    /** A fault of {@code kind} on deployment {@code target} (modulo the deployments there are); starts before 5 min, ends by 8 min. */
    record FaultPlan(Kind kind, int target, SelectionMode mode, int startSeconds, int lengthSeconds, int size) {
        Fault fault(String name, int deployments, int nodes) {
            String deployment = "d" + target % deployments;
            var selector = new PodSelector(Set.of("ns"), Map.of("app", deployment), Set.of());
            var start = Duration.ofSeconds(startSeconds);
            var length = Duration.ofSeconds(lengthSeconds);
            return switch (kind) {
                case POD_KILL -> new PodKill(name, start, selector, mode);
                case CONTAINER_KILL -> new ContainerKill(name, start, selector, mode, List.of("app"));
                case POD_FAILURE -> new PodFailure(name, start, length, selector, mode);
                case MEMORY_STRESS -> new MemoryStress(name, start, length, selector, mode, size, 400 * MIB);
                case CPU_STRESS -> new CpuStress(name, start, length, selector, mode, size, 100);
                case MEMORY_LEAK -> new MemoryLeak(name, start, length, "ns", deployment, MIB * size);
                case NETWORK_DELAY -> new NetworkDelay(name, start, length, selector, mode, Duration.ofMillis(50L * size), Duration.ZERO, 0);
                case NETWORK_LOSS -> new NetworkLoss(name, start, length, selector, mode, 25 * size);
                case BAD_ROLLOUT -> new BadRollout(name, start, length, "ns", deployment, Duration.ofMillis(20L * size), 10 * size, size == 3);
                case CPU_HOG -> new CpuHog(name, start, length, "ns", deployment, 0.5 * size);
                case DEADLOCK -> new Deadlock(name, start, length, "ns", deployment, size);
                case NODE_FAILURE -> new NodeFailure(name, start, length, "node-" + target % nodes);
                case MEMORY_FILL -> new MemoryStress(name, start, length, selector, mode, size, 0, null, null, 0, true);
                case JVM_HEAP -> new JvmFault(name, start, length, selector, mode, "stress", JvmFault.JvmEffect.HEAP, null, 0, "", null);
                case JVM_STACK -> new JvmFault(name, start, length, selector, mode, "stress", JvmFault.JvmEffect.STACK, null, 0, "", null);
                case DISK_PER_PROCESSOR -> new IoStress(name, start, length, selector, mode, 0, size, true, false);
            };
        }
    }

    /** Clusters whose nodes fit every pod ({@code roomy}) or may leave some Pending, with faults, run for {@code duration}. */
    static Arbitrary<Plan> plans(boolean roomy, Duration duration) {
        Arbitrary<Node> node = roomy ? Arbitraries.just(new Node(16, 64L << 30))
                : Combinators.combine(Arbitraries.of(1.0, 2.0, 4.0), Arbitraries.of(1L << 30, 2L << 30, 4L << 30)).as(Node::new);
        Arbitrary<App> app = Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.of(0.25, 0.5, 1.0),
                        Arbitraries.integers().between(1, 4).map(k -> 128L * k * MIB), Arbitraries.integers().between(5, 24),
                        Arbitraries.integers().between(10, 209))
                .as(App::new);
        Arbitrary<SelectionMode> mode = Arbitraries.of(SelectionMode.one(), SelectionMode.all(),
                new SelectionMode(SelectionMode.Kind.FIXED_PERCENT, 50), new SelectionMode(SelectionMode.Kind.RANDOM_MAX_PERCENT, 100));
        Arbitrary<FaultPlan> fault = Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 2), mode,
                        Arbitraries.integers().between(0, 299), Arbitraries.integers().between(1, 180), Arbitraries.integers().between(1, 3))
                .as(FaultPlan::new);
        return Combinators.combine(node.list().ofMinSize(1).ofMaxSize(4), app.list().ofMinSize(1).ofMaxSize(3), fault.list().ofMaxSize(4))
                .as((nodes, apps, faults) -> new Plan(nodes, apps, faults, duration));
    }
}
