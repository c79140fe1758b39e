package dev.homeostat.detectors;

/**
 * NAB's windowed Gaussian baseline ({@code nab/detectors/gaussian/windowedGaussian_detector.py}): the
 * anomaly score of a value is {@code 1 − Q(|x − mean| / sd)}, the Gaussian tail probability over the
 * previous values, where mean and sd (population) come from a window that fills up to {@code window}
 * values and then slides forward {@code step} values at a time (NAB: 6400 and 100). The first value
 * scores 0; a flat window has sd 1e-6, as in NAB.
 *
 * <p>Constant work per sample: while the window fills, mean and variance are updated in place
 * (Welford); once full, they are recomputed over the window when a step's values join it (amortised
 * window/step per value). The engine's alarm: |z| > {@code k} once {@code min} values are in the window.
 */
final class WindowedGaussianDetector implements UnivariateScorer {
    record Config(int window, int step, double k, int min) {
        static Config from(Params p) {
            int window = p.intAtLeast("window", 6400, 2);
            int step = p.intAtLeast("step", 100, 1);
            if (step > window) throw p.bad("step", String.valueOf(step), "must not exceed window (" + window + ")", "step=" + Math.max(1, window / 64));
            double k = p.number("k", 5, 0, true, Double.MAX_VALUE, false);
            int min = p.intAtLeast("min", Math.min(30, window), 1);
            return new Config(window, step, k, min);
        }
    }

    private static final double FLAT_SD = 0.000001;

    private final Config cfg;
    private final double[] ring;
    private final double[] pending;
    private int size;       // values in the window
    private int head;       // oldest value once full
    private int pendingSize;
    private double mean;
    private double m2;      // Welford's sum of squared deviations while filling
    private double sd = 1;

    WindowedGaussianDetector(Config cfg) {
        this.cfg = cfg;
        this.ring = new double[cfg.window()];
        this.pending = new double[cfg.step()];
    }

    @Override
    public Verdict observe(double x) {
        if (!Double.isFinite(x)) return Verdict.normal(0, cfg.k());
        double anomalyScore = 0;
        double z = 0;
        if (size > 0) {
            double tail;
            if (x < mean) {
                double mirrored = 2 * mean - x;  // NAB mirrors the value rather than the sign
                z = (mirrored - mean) / sd;
            } else {
                z = (x - mean) / sd;
            }
            tail = Erfc.upperTail(z);
            anomalyScore = Numbers.finite(1 - tail);
            z = Numbers.finite(z);
        }
        boolean ready = size >= cfg.min();
        double center = mean;
        double spread = sd;
        learn(x);
        if (!ready || !(z > cfg.k())) return new Verdict(z, cfg.k(), false, "", clamp(anomalyScore));
        String why = "value " + Numbers.fmt(x) + " is " + Numbers.fmt(z) + " standard deviations " + (x > center ? "above" : "below")
                + " the window mean " + Numbers.fmt(center) + " (sd " + Numbers.fmt(spread) + ", k=" + Numbers.fmt(cfg.k()) + ")";
        return new Verdict(z, cfg.k(), true, why, clamp(anomalyScore));
    }

    private static double clamp(double s) { return Math.min(1, Math.max(0, s)); }

    private void learn(double x) {
        if (size < ring.length) {
            ring[size++] = x;
            double d = x - mean;
            mean += d / size;
            m2 += d * (x - mean);
            setSd(Math.sqrt(Math.max(0, m2 / size)));
            if (!Double.isFinite(mean) || !Double.isFinite(m2)) recompute();
            return;
        }
        pending[pendingSize++] = x;
        if (pendingSize < pending.length) return;
        for (double v : pending) {
            ring[head] = v;
            head = (head + 1) % ring.length;
        }
        pendingSize = 0;
        recompute();
    }

    /** Two-pass mean and population sd of the window (numpy's mean and std). */
    private void recompute() {
        double sum = 0;
        for (int i = 0; i < size; i++) sum += ring[i];
        mean = Numbers.finite(sum / size);
        double sq = 0;
        for (int i = 0; i < size; i++) {
            double d = ring[i] - mean;
            sq += d * d;
        }
        m2 = Numbers.finite(sq);
        setSd(Math.sqrt(sq / size));
    }

    private void setSd(double s) {
        sd = s == 0.0 || !Double.isFinite(s) ? FLAT_SD : s;
    }
}
