package dev.homeostat.simulator;

/**
 * Running sums of k quantities over the last n steps (a ring of per-step values), e.g. requests and
 * errors of the last 60 traffic steps. Sums are recomputed from the ring once per lap so that
 * adding and subtracting floats for a day of steps cannot drift.
 */
final class SlidingSums {
    private final int k;
    private final int n;
    /**
     * The ring (n rows of k), then the k sums, then the owner's own values ({@link #extra()}), in one array: one object
     * to reach per pod, not several.
     */
    private final double[] ring;
    private final int sums;
    private int head;
    private int filled;

    SlidingSums(int k, int n) { this(k, n, 0); }

    /** With {@code extra} values of the owner's after the window's, at {@link #extra()} in {@link #array()}. */
    SlidingSums(int k, int n, int extra) {
        this.k = k;
        this.n = n;
        this.ring = new double[k * n + k + extra];
        this.sums = k * n;
    }

    /** The array the window lives in, with the owner's values from {@link #extra()} on. */
    double[] array() { return ring; }

    /** Where the owner's values start in {@link #array()}. */
    int extra() { return sums + k; }

    /** Adds one step's {@code values} (length k); the oldest step leaves the window once it is full. */
    void push(double[] values) {
        int base = head * k;
        for (int j = 0; j < k; j++) {
            ring[sums + j] += values[j] - ring[base + j];
            ring[base + j] = values[j];
        }
        head++;
        if (head == n) {
            head = 0;
            if (k <= 5) recomputeSmall(); else recomputeByColumn();
        }
        if (filled < n) filled++;
    }

    /**
     * Up to five sums as locals, row by row: independent chains the CPU overlaps (a column at a time
     * is latency-bound), each adding its values in the same order as {@link #recomputeByColumn}, so
     * the sums are bit-identical.
     */
    private void recomputeSmall() {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0;
        for (int i = 0; i < n; i++) {
            int row = i * k;
            s0 += ring[row];
            if (k > 1) s1 += ring[row + 1];
            if (k > 2) s2 += ring[row + 2];
            if (k > 3) s3 += ring[row + 3];
            if (k > 4) s4 += ring[row + 4];
        }
        ring[sums] = s0;
        if (k > 1) ring[sums + 1] = s1;
        if (k > 2) ring[sums + 2] = s2;
        if (k > 3) ring[sums + 3] = s3;
        if (k > 4) ring[sums + 4] = s4;
    }

    private void recomputeByColumn() {
        for (int j = 0; j < k; j++) {
            double s = 0;
            for (int i = 0; i < n; i++) s += ring[i * k + j];
            ring[sums + j] = s;
        }
    }

    double sum(int j) { return ring[sums + j]; }

    /** Steps in the window so far (at most n). */
    int filled() { return filled; }
}
