package dev.homeostat.detectors;

/**
 * Static bounds: anomalous once the value has been above {@code above} (or below {@code below})
 * for {@code for} consecutive observations. Score = how far outside the bounds, in the signal's
 * own units (0 inside), compared with threshold 0. Missing values neither extend nor break a run.
 */
final class ThresholdDetector implements UnivariateScorer {
    record Config(double above, double below, int consecutive) {
        static Config from(Params p) {
            double above = p.anyNumber("above", Double.NaN);
            double below = p.anyNumber("below", Double.NaN);
            if (Double.isNaN(above) && Double.isNaN(below)) {
                throw p.invalid("set at least one of 'above' or 'below' (e.g. threshold:above=0.9)");
            }
            if (!Double.isNaN(above) && !Double.isNaN(below) && below > above) {
                // below > above would make every value anomalous: almost certainly swapped bounds
                throw p.invalid("'below' (" + Numbers.fmt(below) + ") is greater than 'above' (" + Numbers.fmt(above)
                        + "); every value would be anomalous. Swap them?");
            }
            return new Config(above, below, p.positiveInt("for", 1));
        }
    }

    private final Config cfg;
    /** Inside the bounds (inclusive): a value there ends a run, so with no run going it changes nothing. */
    private final QuietBand inside;
    private int run;

    ThresholdDetector(Config cfg) {
        this.cfg = cfg;
        this.inside = new QuietBand(Double.isNaN(cfg.below()) ? Double.NEGATIVE_INFINITY : cfg.below(),
                Double.isNaN(cfg.above()) ? Double.POSITIVE_INFINITY : cfg.above());
    }

    /** With no run going, a value inside the bounds (or ±∞ beside an open bound: not finite) is normal and leaves the run at 0. */
    @Override
    public QuietBand quietBand() { return run == 0 ? inside : QuietBand.NONE; }

    @Override
    public Verdict observe(double x) {
        if (!Double.isFinite(x)) return Verdict.normal(0, 0);
        double overAbove = Double.isNaN(cfg.above()) ? 0 : x - cfg.above();
        double underBelow = Double.isNaN(cfg.below()) ? 0 : cfg.below() - x;
        double excess = Numbers.finite(Math.max(0, Math.max(overAbove, underBelow)));
        if (excess <= 0) {
            run = 0;
            return Verdict.normal(0, 0);
        }
        run = Math.min(run + 1, cfg.consecutive());
        if (run < cfg.consecutive()) return Verdict.normal(excess, 0);
        boolean high = overAbove > 0;
        String why = "value " + Numbers.fmt(x) + " is " + (high ? "above " + Numbers.fmt(cfg.above()) : "below " + Numbers.fmt(cfg.below()))
                + (cfg.consecutive() > 1 ? " for " + cfg.consecutive() + " consecutive observations" : "");
        return new Verdict(excess, 0, true, why);
    }
}
