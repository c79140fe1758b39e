package dev.homeostat.testbed.run;

/**
 * How much CPU time the engine's ticks of one run took, and over how many series of the metric store: for
 * {@code homeostat perf} only. The thread's CPU clock (not the wall clock: on a shared machine the wall clock counts
 * other processes' turns too) is read around each tick, outside the engine; nothing of it reaches the run.
 */
public final class EngineTicks {
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /** CPU time of the calling thread so far, in ns. */
    static long cpuNanos() { return THREADS.getCurrentThreadCpuTime(); }

    private long ticks;
    private long nanos;
    private long seriesSum;

    void add(long tickNanos, int series) {
        ticks++;
        nanos += tickNanos;
        seriesSum += series;
    }

    public long ticks() { return ticks; }

    /** CPU time of all ticks. */
    public long nanos() { return nanos; }

    /** Series in the store at a tick, on average. */
    public double meanSeries() { return ticks == 0 ? 0 : (double) seriesSum / ticks; }

    /** Mean CPU time of one tick, in ms. */
    public double meanTickMillis() { return ticks == 0 ? Double.NaN : nanos / 1e6 / ticks; }

    /** Mean CPU time of one tick per 100,000 series of the store, in ms: how tick cost scales with the cluster. */
    public double millisPer100kSeries() { return meanSeries() == 0 ? Double.NaN : meanTickMillis() * 1e5 / meanSeries(); }
}
