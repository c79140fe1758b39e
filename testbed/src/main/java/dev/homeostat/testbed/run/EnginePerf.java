package dev.homeostat.testbed.run;

import dev.homeostat.remediation.policy.Policy;
import dev.homeostat.testbed.scenario.Scenario;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Measures a scenario's seed as {@code homeostat run} runs it: the baseline, then the engine run of the same seed
 * (journals kept in memory; no report, charts or files written), on the calling thread. Wall-clock and CPU time are
 * read here and around the engine's ticks only to report speed: they never reach a run.
 */
public final class EnginePerf {
    private EnginePerf() { }

    /**
     * {@code pairCpuNanos}: the CPU time of the thread that ran the pair; {@code processCpuNanos}: the whole JVM's over
     * the same span, which adds what the pair costs on other threads (the JIT compilers; the collector, whose pauses
     * the serial collector runs on the VM thread): the figure to hold against {@code /usr/bin/time} of a whole
     * {@code homeostat run}. {@code heapPeakBytes}: the sum over heap pools of their peak use during the pair (an upper
     * bound: pools peak at different moments); {@code journalEvents}: what the engine run's journal holds.
     */
    public record Figures(long simulatedMillis, long baselineWallNanos, long engineWallNanos, long pairCpuNanos, long processCpuNanos,
                          EngineTicks ticks, long heapPeakBytes, long journalEvents) {
        public long pairWallNanos() { return baselineWallNanos + engineWallNanos; }

        /** Simulated time per wall time of the pair: how fast {@code homeostat run} scores the scenario. */
        public double pairSpeedUp() { return simulatedMillis * 1e6 / pairWallNanos(); }

        /** Simulated time per CPU time of the pair (the figure a busy, shared machine leaves intact). */
        public double pairCpuSpeedUp() { return simulatedMillis * 1e6 / pairCpuNanos; }

        /** Simulated time per wall time of the engine run alone. */
        public double engineSpeedUp() { return simulatedMillis * 1e6 / engineWallNanos; }
    }

    public static Figures measure(Scenario scenario, long seed, Policy policy) {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.isValid()).toList();
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long process = processCpuNanos();
        long cpu = EngineTicks.cpuNanos();
        long start = System.nanoTime();
        var baseline = ScenarioRunner.runRecorded(scenario, seed, null, null);
        BaselineGarbage.collect(1);   // as homeostat run does on one thread
        long baselineWall = System.nanoTime() - start;
        var ticks = new EngineTicks();
        start = System.nanoTime();
        var engine = ScenarioRunner.runRecorded(scenario, seed, policy, ScenarioRunner.noOpFaults(baseline.journal()), ticks);
        long engineWall = System.nanoTime() - start;
        cpu = EngineTicks.cpuNanos() - cpu;
        process = processCpuNanos() - process;
        long peak = 0;
        for (MemoryPoolMXBean pool : heap) peak += pool.getPeakUsage().getUsed();
        return new Figures(scenario.simulation().duration().toMillis(), baselineWall, engineWall, cpu, process, ticks, peak,
                engine.journal().events().size());
    }

    /** CPU time of the whole JVM so far (every thread, the JVM's own included), in ns; -1 where the platform does not say. */
    static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
    }
}
