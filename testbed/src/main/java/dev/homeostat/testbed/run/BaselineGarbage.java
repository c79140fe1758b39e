package dev.homeostat.testbed.run;

/**
 * What a large baseline leaves behind when its engine run starts: its whole simulation (pods, metric store), dead but in
 * the old generation, where only a full collection reclaims it. Left to the collector, the engine run builds its own
 * simulation beside it, the heap grows to hold both (new pages first touched inside the collector's pauses), and the
 * full collection comes anyway, with the engine run's simulation live to mark and move. Collected as the baseline
 * ends, there is little left alive to move and the engine run reuses the same pages: on the 30,000-pod reference the
 * process's heap stays at one simulation's size. Only when one run goes at a time ({@code --threads 1}, or a single
 * pair): with runs in parallel a collection here would mark and move the other runs' live simulations. Never changes a
 * result.
 */
final class BaselineGarbage {
    /** Below this much heap in use, a collection is not worth its pause (a CI scenario uses tens of MiB). */
    static final long MIN_USED_BYTES = 512L << 20;

    private BaselineGarbage() { }

    /**
     * Called between a seed's baseline and its engine run, with the baseline's simulation no longer referenced;
     * {@code parallel}: how many runs go at once.
     */
    static void collect(int parallel) {
        Runtime runtime = Runtime.getRuntime();
        if (worthCollecting(parallel, runtime.totalMemory() - runtime.freeMemory())) System.gc();
    }

    static boolean worthCollecting(int parallel, long usedBytes) {
        return parallel == 1 && usedBytes >= MIN_USED_BYTES;
    }
}
