package dev.homeostat.detectors;

/**
 * Hysteresis against flapping: the alarm turns on when at least {@code k} of the last {@code n}
 * raw verdicts were anomalous, and turns off only after {@code n} normal ones in a row. With
 * k = n = 1 it passes the raw verdict through unchanged.
 */
final class KOfN {
    private final int k;
    private final int n;
    private final boolean[] ring;
    private int head;
    private int anomalousInRing;
    private int normalRun;
    private boolean on;

    KOfN(int k, int n) {
        if (k < 1 || n < k) throw new IllegalArgumentException("k-of-n: need 1 ≤ k ≤ n, got k=" + k + ", n=" + n);
        this.k = k;
        this.n = n;
        this.ring = new boolean[n];
    }

    /** Records one raw verdict and returns whether the alarm is on after it. */
    boolean update(boolean anomalous) {
        if (ring[head]) anomalousInRing--;
        ring[head] = anomalous;
        if (anomalous) anomalousInRing++;
        head = (head + 1) % n;
        normalRun = anomalous ? 0 : normalRun + 1;
        if (!on && anomalousInRing >= k) on = true;
        else if (on && normalRun >= n) on = false;
        return on;
    }

    boolean on() { return on; }

    /** Anomalous raw verdicts among the last n. */
    int anomalousInWindow() { return anomalousInRing; }

    /** Normal raw verdicts in a row, up to now. */
    int normalRun() { return normalRun; }

    int k() { return k; }

    int n() { return n; }
}
