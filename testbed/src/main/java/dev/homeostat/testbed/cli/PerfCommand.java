package dev.homeostat.testbed.cli;

import dev.homeostat.remediation.policy.PolicyLoader;
import dev.homeostat.simulator.perf.EventLoopBenchmark;
import dev.homeostat.simulator.perf.SimulatorPerf;
import dev.homeostat.simulator.spec.SimulationSpec;
import dev.homeostat.reports.AtomicFiles;
import dev.homeostat.testbed.run.EnginePerf;
import dev.homeostat.testbed.run.EnginePerfChart;
import dev.homeostat.testbed.scenario.Scenario;
import dev.homeostat.testbed.scenario.ScenarioLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code homeostat perf}: how fast the simulator runs a large scenario (engine off), how many events
 * per second its event loop handles next to {@code java.util.PriorityQueue}, how much heap a run
 * needs, and how well seeds spread over cores. Prints figures; asserts nothing.
 */
@Command(name = "perf", mixinStandardHelpOptions = true,
        description = {
                "Measure the simulator's speed, its heap and the parallel efficiency of seeds.",
                "Speed-up over real time, events/s and heap of one run (engine off), the event-queue micro-benchmark (EventQueue",
                "vs java.util.PriorityQueue, same JVM), the parallel efficiency of seeds over threads; with --engine also the pair",
                "that homeostat run scores (speed-up for the pair, engine tick time, heap). Runs both references by default",
                "(scenarios/perf/reference.yaml, then the call-graph scenarios/perf/callgraph.yaml). Figures go to stdout."})
final class PerfCommand implements Callable<Integer> {
    /** Today's reference (no calls, a few faults) and the call-graph one (4 tiers, deadlines, retries, a fault of each family). */
    static final List<Path> REFERENCES = List.of(Path.of("scenarios/perf/reference.yaml"), Path.of("scenarios/perf/callgraph.yaml"));

    @Option(names = "--scenario", paramLabel = "FILE",
            description = "Scenario YAML, repeatable: each is measured in turn (default: scenarios/perf/reference.yaml and "
                    + "scenarios/perf/callgraph.yaml). The parallel phase and --scale use the first.")
    List<Path> scenarios;

    @Option(names = "--hours", paramLabel = "H", description = "Simulated hours per run (decimals allowed), instead of the scenario's duration.")
    Double hours;

    @Option(names = "--seeds", paramLabel = "N", description = "Seeds for the parallel-efficiency phase; 0 skips it (default: ${DEFAULT-VALUE}).")
    int seeds = 2;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for the parallel phase (default: the number of cores, ${DEFAULT-VALUE}).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--queue-pending", paramLabel = "N", description = "Pending events in the event-queue benchmark (default: ${DEFAULT-VALUE}).")
    int queuePending = 100_000;

    @Option(names = "--queue-ops", paramLabel = "N", description = "Poll+add operations per round of the event-queue benchmark (default: ${DEFAULT-VALUE}).")
    long queueOps = 5_000_000;

    @Option(names = "--engine", description = "Also run the seed's baseline + engine pair as homeostat run does, under the scenario's policy.")
    boolean engine;

    @Option(names = "--scale", split = ",", paramLabel = "PODS",
            description = "Instead: the reference's shape (150 pods per service, 30 per node, no faults) at each size, e.g. 3000,10000,30000: "
                    + "time and heap per size, engine off (and on, with --engine, under the scenario's policy).")
    List<Integer> scale;

    @Option(names = "--chart", paramLabel = "FILE", description = "With --scale: also write the curve (time per simulated hour and heap peak per size) as a PNG.")
    Path chart;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public Integer call() {
        if (hours != null && !(hours > 0)) throw new IllegalArgumentException("--hours: must be positive, was " + hours + "; e.g. --hours 1");
        if (seeds < 0) throw new IllegalArgumentException("--seeds: must be >= 0 (0 skips the parallel phase), was " + seeds);
        if (threads < 1) throw new IllegalArgumentException("--threads: must be >= 1, was " + threads);
        if (queuePending < 1) throw new IllegalArgumentException("--queue-pending: must be >= 1, was " + queuePending);
        if (queueOps < 1) throw new IllegalArgumentException("--queue-ops: must be >= 1, was " + queueOps);
        if (chart != null && scale == null) throw new IllegalArgumentException("--chart: draws the --scale curve; add --scale, e.g. --scale 3000,10000,30000");
        PrintWriter out = spec.commandLine().getOut();
        Scenario first = null;
        SimulationSpec firstSim = null;
        for (Path file : scenarios == null ? REFERENCES : scenarios) {
            Scenario s = new ScenarioLoader().load(file);
            SimulationSpec sim = s.simulation();
            if (hours != null) sim = sim.withDuration(Duration.ofMillis(Math.round(hours * 3_600_000)));
            printHeader(out, s, sim);
            if (scale != null) {
                printScale(out, s, sim, s.seeds().getFirst());
                return Homeostat.EXIT_OK;
            }
            printRun(out, s, sim);
            if (first == null) {
                first = s;
                firstSim = sim;
            }
        }

        var queue = EventLoopBenchmark.run(queuePending, queueOps, 5, first.seeds().getFirst());
        out.printf(Locale.ROOT, "event loop %,d pending, hold model, best of 5 rounds of %,d: EventQueue %.2f M events/s, "
                        + "java.util.PriorityQueue %.2f M events/s, ratio %.2fx%n",
                queue.pending(), queue.operations(), queue.eventQueuePerSecond() / 1e6, queue.priorityQueuePerSecond() / 1e6, queue.ratio());
        out.flush();

        if (seeds > 0) {
            var par = SimulatorPerf.parallel(firstSim, first.seeds().getFirst(), seeds, threads);
            out.printf(Locale.ROOT, "parallel   %s, %d seeds: %.1f s on 1 thread, %.1f s on %d threads = %.2fx, efficiency %.0f %%%n",
                    first.name(), par.seeds(), par.oneThreadNanos() / 1e9, par.manyThreadsNanos() / 1e9, par.threads(), par.speedUp(),
                    par.efficiency() * 100);
        }
        out.flush();
        return Homeostat.EXIT_OK;
    }

    private static void printHeader(PrintWriter out, Scenario s, SimulationSpec sim) {
        int pods = sim.cluster().deployments().stream().mapToInt(d -> d.replicas()).sum();
        long calls = sim.cluster().services().stream().mapToLong(v -> v.calls().size()).sum();
        out.printf(Locale.ROOT, "scenario   %s: %d nodes, %d pods, %d services, %d calls, %d faults, %s simulated, scrape %ss, metrics retention %s%n",
                s.name(), sim.cluster().nodes().size(), pods, sim.cluster().services().size(), calls, sim.faults().size(), sim.duration(),
                sim.scrapeInterval().toSeconds(), sim.metricsRetention().isZero() ? "all" : sim.metricsRetention());
        out.printf(Locale.ROOT, "machine    %d cores, max heap %d MiB, java %s, gc %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, Runtime.version(),
                String.join("+", java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(java.lang.management.GarbageCollectorMXBean::getName).toList()));
        out.flush();
    }

    private void printRun(PrintWriter out, Scenario s, SimulationSpec sim) {
        long seed = s.seeds().getFirst();
        var run = SimulatorPerf.measure(sim, seed);
        out.printf(Locale.ROOT, "run        seed %d: %.1f s wall for %.0f s simulated = %.0fx real time; %,d events = %,.0f events/s; "
                        + "%.1f s CPU = %.0fx per CPU second%n",
                seed, run.wallNanos() / 1e9, run.simulatedMillis() / 1e3, run.speedUp(), run.events(), run.eventsPerSecond(),
                run.cpuNanos() / 1e9, run.cpuSpeedUp());
        out.printf(Locale.ROOT, "heap       peak %d MiB during the run, %d MiB live after it (after GC); %,d series, %,d samples held%n",
                run.heapPeakBytes() >> 20, run.heapLiveBytes() >> 20, run.series(), run.samples());
        out.flush();
        if (engine) printEngine(out, new Scenario(s.name(), s.description(), s.source(), sim, s.seeds(), s.policy(), s.scoring(),
                s.expectations(), s.observation(), s.clusterName()), seed);
    }

    /** One row per size: the scenario's timing and retention, the reference's cluster at that size, no faults. */
    private void printScale(PrintWriter out, Scenario s, SimulationSpec sim, long seed) {
        for (int pods : scale) if (pods < 150) throw new IllegalArgumentException("--scale: sizes are pods, at least 150 (one service), was " + pods);
        if (engine && s.policy() == null) throw new IllegalArgumentException("--engine: scenario " + s.source() + " names no engine policy (spec.engine.policy)");
        var policy = engine ? PolicyLoader.load(s.policy()) : null;
        out.printf(Locale.ROOT, "%8s %8s | %-32s | %s%n", "pods", "series", "engine off: wall, speed-up, heap peak",
                engine ? "engine on, baseline + engine: CPU, per CPU second, tick per 100,000 series, heap peak" : "");
        var points = new java.util.ArrayList<EnginePerfChart.Point>();
        double hoursEach = sim.duration().toMillis() / 3_600_000.0;
        for (int pods : scale) {
            var cluster = dev.homeostat.simulator.perf.ReferenceCluster.cluster(Math.max(1, pods / 30), Math.max(1, pods / 150), 150);
            var sized = new SimulationSpec(cluster, sim.duration(), sim.scrapeInterval(), List.of(), sim.metricsRetention(), sim.trafficStep(), List.of());
            var off = SimulatorPerf.measure(sized, seed);
            String on = "";
            Double onSeconds = null;
            Long onHeap = null;
            if (policy != null) {
                var pair = EnginePerf.measure(new Scenario(s.name() + "-" + pods, s.description(), s.source(), sized, s.seeds(), s.policy(),
                        s.scoring(), s.expectations(), s.observation(), s.clusterName()), seed, policy);
                on = String.format(Locale.ROOT, "%7.1f s CPU, %6.0fx, %6.2f ms, %6d MiB", pair.pairCpuNanos() / 1e9, pair.pairCpuSpeedUp(),
                        pair.ticks().millisPer100kSeries(), pair.heapPeakBytes() >> 20);
                onSeconds = pair.pairCpuNanos() / 1e9 / hoursEach;
                onHeap = pair.heapPeakBytes() >> 20;
            }
            points.add(new EnginePerfChart.Point((pods / 150) * 150, off.wallNanos() / 1e9 / hoursEach, off.heapPeakBytes() >> 20, onSeconds, onHeap));
            out.printf(Locale.ROOT, "%,8d %,8d | %7.1f s, %7.0fx, %6d MiB     | %s%n", (pods / 150) * 150, off.series(), off.wallNanos() / 1e9,
                    off.speedUp(), off.heapPeakBytes() >> 20, on);
            out.flush();
        }
        if (chart != null) {
            AtomicFiles.write(chart, EnginePerfChart.png(String.format(Locale.ROOT, "homeostat perf --scale: %s, %.1f simulated h per size", s.name(), hoursEach), points));
            out.printf(Locale.ROOT, "chart      %s%n", chart);
            out.flush();
        }
    }

    private static void printEngine(PrintWriter out, Scenario s, long seed) {
        if (s.policy() == null) throw new IllegalArgumentException("--engine: scenario " + s.source() + " names no engine policy (spec.engine.policy)");
        var pair = EnginePerf.measure(s, seed, PolicyLoader.load(s.policy()));
        var ticks = pair.ticks();
        out.printf(Locale.ROOT, "engine on  seed %d, baseline + engine as homeostat run (no report): %.1f s + %.1f s wall for %.0f s simulated each "
                        + "= %.0fx real time for the pair (engine run alone %.0fx); %.1f s CPU = %.0fx per CPU second "
                        + "(%.1f s CPU for the process, with the JIT compilers and the collector: what /usr/bin/time counts)%n",
                seed, pair.baselineWallNanos() / 1e9, pair.engineWallNanos() / 1e9, pair.simulatedMillis() / 1e3, pair.pairSpeedUp(),
                pair.engineSpeedUp(), pair.pairCpuNanos() / 1e9, pair.pairCpuSpeedUp(), pair.processCpuNanos() / 1e9);
        out.printf(Locale.ROOT, "ticks      %,d engine ticks, %.1f s CPU in all, mean %.2f ms over %,.0f series = %.2f ms per 100,000 series; "
                        + "heap peak %d MiB over the pair%n",
                ticks.ticks(), ticks.nanos() / 1e9, ticks.meanTickMillis(), ticks.meanSeries(), ticks.millisPer100kSeries(),
                pair.heapPeakBytes() >> 20);
        out.flush();
    }
}
