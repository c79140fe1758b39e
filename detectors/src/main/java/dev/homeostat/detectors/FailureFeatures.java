package dev.homeostat.detectors;

import java.util.List;

/**
 * The feature vector of the failure-mode classifier, computed from a window of raw per-pod signal
 * vectors. Training (the testbed's window exporter, over scraped series) and serving (the
 * {@code classifier} detector, over the engine's observations) both call {@link #of}, so the two can
 * never disagree on what a feature means.
 *
 * <p>A raw observation holds the {@link #SIGNALS} in this order (NaN = no sample):
 * memory working set / limit, CPU cores (rate1m), error ratio (rate1m), mean latency in seconds
 * (rate1m), container restarts (counter), ready (1/0). Signals missing from the whole window (the
 * container was not running, the pod served nothing) give {@link #MISSING}, a value none of these
 * non-negative signals takes, so a tree can split "absent" from "zero".
 *
 * <p>Windows count observations, not milliseconds: a model trained on 15 s scrapes expects one
 * observation per 15 s (an evaluation interval equal to the scrape interval).
 */
public final class FailureFeatures {
    private FailureFeatures() { }

    /** The raw signals, as the simulator's Prometheus metric names, in observation order. */
    public static final List<String> SIGNALS = List.of(
            "pod:container_memory_working_set_bytes:ratio_limit",
            "pod:container_cpu_usage:rate1m",
            "pod:http_request_errors:ratio_rate1m",
            "pod:http_request_duration_seconds:mean_rate1m",
            "kube_pod_container_status_restarts_total",
            "kube_pod_status_ready");

    public static final int MEMORY = 0, CPU = 1, ERRORS = 2, LATENCY = 3, RESTARTS = 4, READY = 5;

    /** Feature names, in vector order (also the CSV header and the model's columns). */
    public static final List<String> NAMES = List.of(
            "memory_ratio_last", "memory_ratio_slope",
            "cpu_rate_mean", "cpu_rate_max",
            "error_ratio_mean", "error_ratio_max",
            "latency_mean_mean", "latency_mean_max",
            "restarts_increase", "ready_fraction");

    /** The value of a feature whose signal has no sample in the window. */
    public static final double MISSING = -1;

    /**
     * Features of one window; {@code rows} are observations oldest first, each holding the
     * {@link #SIGNALS} (shorter rows: the rest is missing; NaN/±∞ = missing). Never throws on
     * values; an empty window gives all features {@link #MISSING}.
     */
    public static double[] of(double[][] rows) {
        double[] f = new double[NAMES.size()];
        f[0] = last(rows, MEMORY);
        f[1] = slope(rows, MEMORY);
        f[2] = mean(rows, CPU);
        f[3] = max(rows, CPU);
        f[4] = mean(rows, ERRORS);
        f[5] = max(rows, ERRORS);
        f[6] = mean(rows, LATENCY);
        f[7] = max(rows, LATENCY);
        f[8] = increase(rows, RESTARTS);
        f[9] = mean(rows, READY);
        return f;
    }

    private static double value(double[] row, int signal) {
        if (row == null || signal >= row.length) return Double.NaN;
        double v = row[signal];
        return Double.isFinite(v) ? v : Double.NaN;
    }

    private static double last(double[][] rows, int s) {
        for (int i = rows.length - 1; i >= 0; i--) {
            double v = value(rows[i], s);
            if (!Double.isNaN(v)) return v;
        }
        return MISSING;
    }

    private static double mean(double[][] rows, int s) {
        double sum = 0;
        int n = 0;
        for (double[] row : rows) {
            double v = value(row, s);
            if (!Double.isNaN(v)) { sum += v; n++; }
        }
        return n == 0 ? MISSING : sum / n;
    }

    private static double max(double[][] rows, int s) {
        double m = Double.NEGATIVE_INFINITY;
        for (double[] row : rows) {
            double v = value(row, s);
            if (!Double.isNaN(v) && v > m) m = v;
        }
        return m == Double.NEGATIVE_INFINITY ? MISSING : m;
    }

    /** Least-squares slope per observation over the samples present (position = index in the window); 0 with fewer than 2. */
    private static double slope(double[][] rows, int s) {
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int n = 0;
        for (int i = 0; i < rows.length; i++) {
            double v = value(rows[i], s);
            if (Double.isNaN(v)) continue;
            sx += i; sy += v; sxx += (double) i * i; sxy += i * v;
            n++;
        }
        if (n < 2) return 0;
        double den = n * sxx - sx * sx;
        return den == 0 ? 0 : (n * sxy - sx * sy) / den;
    }

    /** Counter increase, as PromQL's increase() without extrapolation: resets count from zero. */
    private static double increase(double[][] rows, int s) {
        double total = 0, prev = Double.NaN;
        for (double[] row : rows) {
            double v = value(row, s);
            if (Double.isNaN(v)) continue;
            if (!Double.isNaN(prev)) total += v >= prev ? v - prev : v;
            prev = v;
        }
        return total;
    }

    /**
     * The last {@code length} observations of one target, for serving: add one per evaluation and
     * ask for {@link #features()} once {@link #full()}.
     */
    public static final class Window {
        private final double[][] ring;
        private int head;
        private int size;

        public Window(int length) {
            if (length < 1) throw new IllegalArgumentException("window length must be >= 1, was " + length);
            ring = new double[length][];
        }

        /** Appends a copy of {@code values} (the oldest observation drops out once full). */
        public void add(double[] values) {
            double[] row = values.clone();
            if (size < ring.length) {
                ring[(head + size++) % ring.length] = row;
            } else {
                ring[head] = row;
                head = (head + 1) % ring.length;
            }
        }

        public boolean full() { return size == ring.length; }

        public int size() { return size; }

        /** Features of the observations held, oldest first. */
        public double[] features() {
            double[][] rows = new double[size][];
            for (int i = 0; i < size; i++) rows[i] = ring[(head + i) % ring.length];
            return of(rows);
        }
    }
}
