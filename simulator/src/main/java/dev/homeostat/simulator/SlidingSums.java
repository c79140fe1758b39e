package dev.homeostat.simulator;

/**
 * Running sums of k quantities over the last n steps (a ring of per-step values), e.g. requests and
 * errors of the last 60 traffic steps. Sums are recomputed from the ring once per lap so that
 * adding and subtracting floats for a day of steps cannot drift.
 */
final class SlidingSums {
    private final int k;
    private final int n;
    private final double[] ring;
    private final double[] sums;
    private int head;
    private int filled;

    SlidingSums(int k, int n) {
        this.k = k;
        this.n = n;
        this.ring = new double[k * n];
        this.sums = new double[k];
    }

    /** Adds one step's {@code values} (length k); the oldest step leaves the window once it is full. */
    void push(double[] values) {
        int base = head * k;
        for (int j = 0; j < k; j++) {
            sums[j] += values[j] - ring[base + j];
            ring[base + j] = values[j];
        }
        head++;
        if (head == n) {
            head = 0;
            for (int j = 0; j < k; j++) {
                double s = 0;
                for (int i = 0; i < n; i++) s += ring[i * k + j];
                sums[j] = s;
            }
        }
        if (filled < n) filled++;
    }

    double sum(int j) { return sums[j]; }

    /** Steps in the window so far (at most n). */
    int filled() { return filled; }
}
