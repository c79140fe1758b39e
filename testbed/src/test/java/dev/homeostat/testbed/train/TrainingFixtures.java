package dev.homeostat.testbed.train;

import dev.homeostat.simulator.fault.CpuStress;
import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.MemoryLeak;
import dev.homeostat.simulator.fault.PodFailure;
import dev.homeostat.simulator.fault.PodSelector;
import dev.homeostat.simulator.fault.SelectionMode;
import dev.homeostat.simulator.spec.ClusterSpec;
import dev.homeostat.simulator.spec.DeploymentSpec;
import dev.homeostat.simulator.spec.NodeSpec;
import dev.homeostat.simulator.spec.ServiceSpec;
import dev.homeostat.simulator.spec.SimulationSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small simulations, one fault each, starting at 10 min: 3 web pods behind one service, 40 min long. */
final class TrainingFixtures {
    private TrainingFixtures() { }

    static final Duration FAULT_AT = Duration.ofMinutes(10);
    static final Duration FAULT_FOR = Duration.ofMinutes(20);

    private static final PodSelector WEB = new PodSelector(Set.of("default"), Map.of("app", "web"), Set.of());

    static SimulationSpec spec(Fault fault) {
        var cluster = new ClusterSpec(
                List.of(new NodeSpec("node-1", 4, 16L << 30, Map.of()), new NodeSpec("node-2", 4, 16L << 30, Map.of())),
                List.of(new DeploymentSpec("web", null, 3, null, null)),
                List.of(new ServiceSpec("web", null, null, 60, null)));
        return new SimulationSpec(cluster, Duration.ofMinutes(40), null, List.of(fault));
    }

    static SimulationSpec memoryLeak() { return spec(new MemoryLeak("leak", FAULT_AT, FAULT_FOR, null, "web", 256 << 10)); }

    static SimulationSpec cpuStress() { return spec(new CpuStress("cpu", FAULT_AT, FAULT_FOR, WEB, SelectionMode.one(), 1, 100)); }

    static SimulationSpec podFailure() { return spec(new PodFailure("failure", FAULT_AT, FAULT_FOR, WEB, SelectionMode.one())); }

    /** Windows of the three scenarios for each seed. */
    static List<LabelledWindow> windows(long... seeds) {
        List<LabelledWindow> out = new ArrayList<>();
        for (long seed : seeds) {
            out.addAll(windowsOf("memory-leak", memoryLeak(), seed));
            out.addAll(windowsOf("cpu-stress", cpuStress(), seed));
            out.addAll(windowsOf("pod-failure", podFailure(), seed));
        }
        return out;
    }

    static List<LabelledWindow> windowsOf(String name, SimulationSpec spec, long seed) {
        var run = BaselineRun.run(name, spec, seed);
        return WindowExporter.windows(run.metrics(), run.journal(), WindowSpec.DEFAULT);
    }
}
