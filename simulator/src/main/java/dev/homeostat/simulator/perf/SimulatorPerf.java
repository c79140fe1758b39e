package dev.homeostat.simulator.perf;

import dev.homeostat.simulator.Simulation;
import dev.homeostat.simulator.spec.SimulationSpec;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures the simulator itself (engine off): how fast a scenario runs against the wall clock, how
 * many events per second it handles, how much heap it needs, and how well seeds spread over cores.
 * Wall-clock time is read here, outside the simulation, only to report speed: it never reaches a run.
 */
public final class SimulatorPerf {
    private SimulatorPerf() { }

    /**
     * One run. {@code heapPeakBytes}: the sum over heap pools of their peak use during the run (an
     * upper bound: pools peak at different moments); {@code heapLiveBytes}: heap in use after a full
     * GC at the end, with the simulation (and its metric store) still reachable. {@code cpuNanos}: the process's CPU
     * time during the run (the simulation, the collector and the JIT compilers), -1 where the JVM does not tell; on a
     * shared machine it stays the same when other processes slow the wall clock.
     */
    public record RunFigures(long seed, long simulatedMillis, long wallNanos, long events, int series, long samples,
                             long heapPeakBytes, long heapLiveBytes, long cpuNanos) {
        /** Simulated seconds per wall second. */
        public double speedUp() { return simulatedMillis * 1e6 / wallNanos; }

        /** Simulated seconds per second of the process's CPU time (NaN when unknown). */
        public double cpuSpeedUp() { return cpuNanos < 0 ? Double.NaN : simulatedMillis * 1e6 / cpuNanos; }

        public double eventsPerSecond() { return events * 1e9 / wallNanos; }
    }

    /** Same seeds on one thread, then on {@code threads} threads. */
    public record ParallelFigures(int seeds, int threads, long oneThreadNanos, long manyThreadsNanos) {
        public double speedUp() { return (double) oneThreadNanos / manyThreadsNanos; }

        /** Speed-up over the ideal one, min(threads, seeds). */
        public double efficiency() { return speedUp() / Math.min(threads, seeds); }
    }

    /** Runs {@code spec} once with {@code seed}, events discarded. */
    public static RunFigures measure(SimulationSpec spec, long seed) {
        List<MemoryPoolMXBean> heap = heapPools();
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        var sim = new Simulation(spec, seed, e -> { });
        sim.run();
        long wall = System.nanoTime() - start;
        long cpuEnd = processCpuNanos();
        long cpu = cpuStart < 0 || cpuEnd < 0 ? -1 : cpuEnd - cpuStart;
        long peak = 0;
        for (MemoryPoolMXBean pool : heap) peak += pool.getPeakUsage().getUsed();
        System.gc();
        long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        var figures = new RunFigures(seed, sim.endMillis(), wall, sim.eventsProcessed(), sim.metrics().seriesCount(),
                sim.metrics().sampleCount(), peak, live, cpu);
        return figures;
    }

    /** The process's CPU time so far, ns, or -1 where the JVM does not tell. */
    static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
    }

    /** Runs seeds {@code firstSeed .. firstSeed + seeds - 1} one after the other, then on {@code threads} threads. */
    public static ParallelFigures parallel(SimulationSpec spec, long firstSeed, int seeds, int threads) {
        if (seeds < 1) throw new IllegalArgumentException("seeds: must be >= 1, was " + seeds);
        if (threads < 1) throw new IllegalArgumentException("threads: must be >= 1, was " + threads);
        long one = timeSeeds(spec, firstSeed, seeds, 1);
        long many = timeSeeds(spec, firstSeed, seeds, threads);
        return new ParallelFigures(seeds, threads, one, many);
    }

    private static long timeSeeds(SimulationSpec spec, long firstSeed, int seeds, int threads) {
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Long>> runs = new ArrayList<>();
            for (int i = 0; i < seeds; i++) {
                long seed = firstSeed + i;
                runs.add(pool.submit(() -> {
                    var sim = new Simulation(spec, seed, e -> { });
                    sim.run();
                    return sim.eventsProcessed();
                }));
            }
            for (Future<Long> f : runs) f.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a seed's run failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running seeds", e);
        }
        return System.nanoTime() - start;
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP && p.isValid()).toList();
    }
}
