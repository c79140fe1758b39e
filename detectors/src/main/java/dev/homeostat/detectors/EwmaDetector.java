package dev.homeostat.detectors;

/**
 * Exponentially weighted mean and variance: z = |x − mean| / max(sd, floor); anomalous when
 * z > {@code k}. The first {@code min} values seed the mean and variance exactly (Welford), so
 * the early EWMA is not biased towards the first value; after that each normal value updates
 * mean and variance with weight {@code alpha}.
 *
 * <p>As with {@code mad}, anomalous values are not learned; after {@code relearn} consecutive
 * anomalies (default {@code min}) mean and variance restart from that run of values.
 */
final class EwmaDetector implements UnivariateScorer {
    record Config(double alpha, double k, int min, Direction direction, double minSpread, int relearn) {
        static Config from(Params p) {
            double alpha = p.number("alpha", 0.1, 0, true, 1, false);
            double k = p.number("k", 4, 0, true, Double.MAX_VALUE, false);
            int min = p.intAtLeast("min", 30, 1);
            Direction direction = p.direction();
            double minSpread = p.has("minSpread") ? p.number("minSpread", 0, 0, true, Double.MAX_VALUE, false) : Double.NaN;
            int relearn = p.intAtLeast("relearn", min, 0);
            return new Config(alpha, k, min, direction, minSpread, relearn);
        }
    }

    private final Config cfg;
    // warm-up (and re-learning) accumulators: Welford's running mean and sum of squares
    private int n;
    private double wMean;
    private double wM2;
    private boolean ready;
    private double mean;
    private double var;
    // the current run of anomalies, accumulated the same way
    private int run;
    private double rMean;
    private double rM2;

    EwmaDetector(Config cfg) { this.cfg = cfg; }

    @Override
    public Verdict observe(double x) {
        if (!Double.isFinite(x)) return Verdict.normal(0, cfg.k());
        if (!ready) {
            n++;
            double d = x - wMean;
            wMean += d / n;
            wM2 += d * (x - wMean);
            if (!Double.isFinite(wMean) || !Double.isFinite(wM2)) restart();  // overflow from extreme values
            else if (n >= cfg.min()) {
                mean = wMean;
                var = Numbers.finite(wM2 / n);
                ready = true;
            }
            return Verdict.normal(0, cfg.k());
        }
        double sd = Math.max(Math.sqrt(var), Numbers.spreadFloor(cfg.minSpread(), mean));
        double score = Numbers.finite(cfg.direction().fold(x - mean) / sd);
        if (score <= cfg.k()) {
            run = 0;
            rMean = 0;
            rM2 = 0;
            double diff = x - mean;
            double incr = cfg.alpha() * diff;
            mean = Numbers.finite(mean + incr);
            var = Numbers.finite((1 - cfg.alpha()) * (var + diff * incr));
            if (!Double.isFinite(diff)) restart();  // overflow: start over rather than score against garbage
            return Verdict.normal(score, cfg.k());
        }
        String why = "value " + Numbers.fmt(x) + " is " + Numbers.fmt(score) + " standard deviations " + (x > mean ? "above" : "below")
                + " EWMA " + Numbers.fmt(mean) + " (k=" + Numbers.fmt(cfg.k()) + ")";
        run++;
        double d = x - rMean;
        rMean += d / run;
        rM2 += d * (x - rMean);
        if (cfg.relearn() > 0 && run >= cfg.relearn()) {
            mean = rMean;
            var = Numbers.finite(rM2 / run);
            run = 0;
        }
        if (run == 0) { rMean = 0; rM2 = 0; }
        if (!Double.isFinite(rMean) || !Double.isFinite(rM2)) restart();
        return new Verdict(score, cfg.k(), true, why);
    }

    private void restart() {
        n = 0; wMean = 0; wM2 = 0; ready = false;
        mean = 0; var = 0;
        run = 0; rMean = 0; rM2 = 0;
    }
}
