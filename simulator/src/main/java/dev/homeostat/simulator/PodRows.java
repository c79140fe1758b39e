package dev.homeostat.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * A Deployment's pods' traffic numbers — the ones every traffic step and scrape reads and writes — in rows of primitive
 * arrays, one row per pod, the rows of pods created one after another side by side: the step and the scrape walk a
 * Deployment's pods in creation order, so they stream through its rows instead of chasing each pod's objects (a pod,
 * its window object, the window's array) across the heap. A gone pod takes its numbers along in an array of its own and
 * leaves its row to the next new pod; a page, once allocated, never moves.
 *
 * <p>A row: the cumulative counters, the duration histogram ({@link PodState#DURATIONS} values, cumulative), then the
 * minute window — running sums of {@link #K} quantities over the last {@link #n} steps, as {@link SlidingSums} keeps
 * them and bit for bit the same: the sums, the ring of per-step values, where the ring goes next and how full it is.
 */
final class PodRows {
    // ---- cumulative counters: requests answered 200, failed 500 / 504, CPU seconds, Σ ok × latency, slowed by IO and their wait
    static final int OK200 = 0, ERR500 = 1, ERR504 = 2, CPU_SECONDS = 3, LATENCY_SECONDS = 4, IO_DELAYED = 5, IO_WAIT_SECONDS = 6;
    /** The last step's arrival rate and mean latency (for the requests in flight when the container dies). */
    static final int LAST_ARRIVALS = 7, LAST_LATENCY = 8;
    /** The duration histogram: requests at or below each bound, +Inf (the count), the sum of their durations. */
    static final int DURATIONS = 9;
    /** The minute window: its sums, then the ring (n rows of K), then the ring's next row and the rows filled so far. */
    static final int SUMS = DURATIONS + PodState.DURATIONS, RING = SUMS + 5;
    /** Quantities in the minute window: {@link PodState#REQ} … {@link PodState#CPU}. */
    static final int K = 5;

    /** Steps in the minute window. */
    final int n;
    /** Doubles in a row. */
    final int width;
    private final int head, filled;
    private final List<double[]> pages = new ArrayList<>();
    private final int firstPage;
    private int free;
    private double[] last;
    // rows of gone pods, zeroed, for the next new pods: their pages and where they start
    private double[][] freedPages = new double[4][];
    private int[] freedRows = new int[4];
    private int freed;
    // the row the pods created before the Deployment's first step share, until then (sharing) and after
    private double[] sharedPage;
    private int sharedRow = -1;
    private boolean sharing = true;

    /** @param n steps in the minute window; {@code firstPage} rows in the first page (the Deployment's replicas and a surge) */
    PodRows(int n, int firstPage) {
        if (n < 1) throw new IllegalArgumentException("n: at least 1 step in the window, got " + n);
        this.n = n;
        this.head = RING + n * K;
        this.filled = head + 1;
        this.width = filled + 1;
        this.firstPage = Math.max(1, firstPage);
    }

    /** A new row, all zero (a gone pod's, else the next of the last page): returns where it starts in {@link #page()}, read right after. */
    int allocate() {
        if (freed > 0) {
            last = freedPages[--freed];
            freedPages[freed] = null;
            return freedRows[freed];
        }
        if (free == 0) {
            int rows = pages.isEmpty() ? firstPage : 32;
            pages.add(new double[rows * width]);
            free = rows;
        }
        last = pages.getLast();
        return last.length - free-- * width;
    }

    /** The page the last {@link #allocate} row is in. */
    double[] page() { return last; }

    /**
     * A pod is gone: it keeps its numbers in an array of its own (whoever still holds it reads what it ended with), and its
     * row, zeroed, goes to the next new pod; the shared row stays with the pods that share it.
     */
    void release(PodState p) {
        double[] own = java.util.Arrays.copyOfRange(p.rows, p.row, p.row + width);
        if (!p.sharesRow) {
            java.util.Arrays.fill(p.rows, p.row, p.row + width, 0);
            if (freed == freedRows.length) {
                freedRows = java.util.Arrays.copyOf(freedRows, 2 * freed);
                freedPages = java.util.Arrays.copyOf(freedPages, 2 * freed);
            }
            freedPages[freed] = p.rows;
            freedRows[freed++] = p.row;
        }
        p.rows = own;
        p.row = 0;
        p.sharesRow = false;
    }

    /**
     * Gives a new pod its row: the shared one while the Deployment has not stepped yet — pods created before its first
     * step have the same numbers (zero) and keep them alike for as long as each step adds the same to all of them —,
     * afterwards one of its own.
     */
    void place(PodState p) {
        if (sharing && sharedRow < 0) {
            sharedRow = allocate();
            sharedPage = page();
        }
        p.sharesRow = sharing;
        p.row = sharing ? sharedRow : allocate();
        p.rows = sharing ? sharedPage : page();
    }

    /** The Deployment steps: pods created from now on get rows of their own. */
    void closeSharing() { sharing = false; }

    /** Gives {@code p} a row of its own, a copy of the shared one, before anything is written to it for {@code p} alone. */
    void own(PodState p) {
        if (!p.sharesRow) return;
        int o = allocate();
        System.arraycopy(p.rows, p.row, page(), o, width);
        p.rows = page();
        p.row = o;
        p.sharesRow = false;
    }

    double[] sharedPage() { return sharedPage; }

    int sharedRow() { return sharedRow; }

    /** Adds one step's {@code values} (length K) to the minute window of the row at {@code o} of {@code a}, as {@link SlidingSums#push}. */
    void push(double[] a, int o, double[] values) {
        int at = (int) a[o + head];
        int base = o + RING + at * K, sums = o + SUMS;
        for (int j = 0; j < K; j++) {
            a[sums + j] += values[j] - a[base + j];
            a[base + j] = values[j];
        }
        at++;
        if (at == n) {
            at = 0;
            recompute(a, o);
        }
        a[o + head] = at;
        if (a[o + filled] < n) a[o + filled]++;
    }

    /** The sums afresh from the ring, once per lap, each in the order {@link SlidingSums} adds them. */
    private void recompute(double[] a, int o) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0;
        for (int i = 0, row = o + RING; i < n; i++, row += K) {
            s0 += a[row];
            s1 += a[row + 1];
            s2 += a[row + 2];
            s3 += a[row + 3];
            s4 += a[row + 4];
        }
        int sums = o + SUMS;
        a[sums] = s0;
        a[sums + 1] = s1;
        a[sums + 2] = s2;
        a[sums + 3] = s3;
        a[sums + 4] = s4;
    }

    /** Steps in the row's window so far (at most n). */
    int filled(double[] a, int o) { return (int) a[o + filled]; }
}
