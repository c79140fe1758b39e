package dev.homeostat.detectors;

/**
 * Rolling median / MAD: robust z = |x − median| / max(1.4826·MAD, floor) over the last
 * {@code window} normal observations; anomalous when z > {@code k}. The scale is the largest of
 * 1.4826·MAD, 1.2533·mean absolute deviation and P90(|x − median|)/1.645, so quantized metrics
 * whose MAD collapses to (nearly) 0 do not alarm on every value off the mode (see
 * {@link SortedWindow#robustSigma}).
 *
 * <p>Anomalous observations are not learned, so an outlier cannot drag the baseline and a
 * sustained shift keeps alarming. After {@code relearn} consecutive anomalies (default: the
 * window) the shift is taken as the new normal: the window is replaced by those recent
 * anomalous values and scoring continues against the new level. {@code relearn=0} never
 * re-learns.
 */
final class MadDetector implements UnivariateScorer {
    record Config(int window, double k, int min, Direction direction, double minSpread, int relearn) {
        static Config from(Params p) {
            int window = p.intAtLeast("window", 60, 2);
            double k = p.number("k", 5, 0, true, Double.MAX_VALUE, false);
            int min = p.intAtLeast("min", Math.max(1, window / 2), 1);
            if (min > window) throw p.bad("min", String.valueOf(min), "must not exceed window (" + window + ")", "min=" + window / 2);
            Direction direction = p.direction();
            double minSpread = p.has("minSpread") ? p.number("minSpread", 0, 0, true, Double.MAX_VALUE, false) : Double.NaN;
            int relearn = p.intAtLeast("relearn", window, 0);
            return new Config(window, k, min, direction, minSpread, relearn);
        }
    }

    private final Config cfg;
    private final SortedWindow window;
    private final SortedWindow rejected;  // the last values of the current run of anomalies, for re-learning
    private int run;                      // consecutive anomalies so far

    MadDetector(Config cfg) {
        this.cfg = cfg;
        this.window = new SortedWindow(cfg.window());
        this.rejected = new SortedWindow(cfg.window());
    }

    @Override
    public Verdict observe(double x) {
        if (!Double.isFinite(x)) return Verdict.normal(0, cfg.k());
        if (window.size() < cfg.min()) {
            window.add(x);
            return Verdict.normal(0, cfg.k());
        }
        double median = window.median();
        double spread = Math.max(window.robustSigma(median), Numbers.spreadFloor(cfg.minSpread(), median));
        double score = Numbers.finite(cfg.direction().fold(x - median) / spread);
        if (score <= cfg.k()) {
            rejected.clear();
            run = 0;
            window.add(x);
            return Verdict.normal(score, cfg.k());
        }
        String why = "value " + Numbers.fmt(x) + " is " + Numbers.fmt(score) + " MADs " + (x > median ? "above" : "below")
                + " median " + Numbers.fmt(median) + " (k=" + Numbers.fmt(cfg.k()) + ")";
        rejected.add(x);
        run++;
        if (cfg.relearn() > 0 && run >= cfg.relearn()) relearn();
        return new Verdict(score, cfg.k(), true, why);
    }

    private void relearn() {
        window.clear();
        for (double v : rejected.toArray()) window.add(v);
        rejected.clear();
        run = 0;
    }
}
