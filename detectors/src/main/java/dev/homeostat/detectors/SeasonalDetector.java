package dev.homeostat.detectors;

import java.util.Arrays;

/**
 * Same-phase baseline: observation t is compared with the median of the observations at the
 * same phase ({@code t mod period}) in the last {@code cycles} periods, so a nightly batch peak is
 * normal at night and anomalous at noon. The spread is the larger of 1.4826 × the median and
 * 1.2533 × the mean of the absolute residuals |value − same-phase median| over the last
 * max(period, 60) observations, pooled across phases because a handful of cycles is too few for
 * a per-phase MAD. An anomalous observation adds its residual, clipped at k spreads, to the
 * window the median is taken from: leaving it out would bias the median residual low, flag more,
 * and shrink the spread in a loop; clipping keeps the median unbiased and outliers harmless.
 * The mean is taken over normal residuals only (a mean would follow the clipped values upwards).
 *
 * <p>Phase counts observations, so feed one observation per evaluation interval and pass a
 * missing value as NaN (it advances the phase, scores 0, and leaves a hole in the history).
 * Anomalous values are stored as holes too: they never become a baseline, and a shift that
 * lasts {@code cycles} periods empties the phase's history and is then learned as the new normal.
 */
final class SeasonalDetector implements UnivariateScorer {
    record Config(int period, int cycles, double k, int min, Direction direction, double minSpread) {
        static Config from(Params p) {
            if (!p.has("period")) throw p.invalid("parameter 'period' is required: observations per season (e.g. seasonal:period=1440)");
            int period = p.intAtLeast("period", 1440, 2);
            int cycles = p.positiveInt("cycles", 3);
            double k = p.number("k", 5, 0, true, Double.MAX_VALUE, false);
            int min = p.positiveInt("min", 1);
            if (min > cycles) throw p.bad("min", String.valueOf(min), "must not exceed cycles (" + cycles + ")", "min=1");
            Direction direction = p.direction();
            double minSpread = p.has("minSpread") ? p.number("minSpread", 0, 0, true, Double.MAX_VALUE, false) : Double.NaN;
            return new Config(period, cycles, k, min, direction, minSpread);
        }
    }

    private final Config cfg;
    private final double[] history;        // cycles × period; slot (t / period) % cycles holds the period being written
    private final double[] phaseValues;    // scratch for one phase's past values
    private final SortedWindow residuals;  // |value − same-phase median| of recent observations, anomalies clipped
    private final SortedWindow normalResiduals;  // the same, normal observations only
    private final int residualsNeeded;
    private long t;

    SeasonalDetector(Config cfg) {
        this.cfg = cfg;
        this.history = new double[cfg.cycles() * cfg.period()];
        Arrays.fill(history, Double.NaN);
        this.phaseValues = new double[cfg.cycles()];
        this.residuals = new SortedWindow(Math.max(cfg.period(), 60));
        this.normalResiduals = new SortedWindow(Math.max(cfg.period(), 60));
        this.residualsNeeded = Math.min(cfg.period(), 30);
    }

    @Override
    public Verdict observe(double x) {
        int phase = (int) (t % cfg.period());
        int slot = (int) ((t / cfg.period()) % cfg.cycles());
        t++;
        int here = slot * cfg.period() + phase;
        // before overwriting, every slot (including this one, from `cycles` periods ago) is a past period
        int count = 0;
        for (int c = 0; c < cfg.cycles(); c++) {
            double v = history[c * cfg.period() + phase];
            if (!Double.isNaN(v)) phaseValues[count++] = v;
        }
        history[here] = Double.NaN;
        if (!Double.isFinite(x)) return Verdict.normal(0, cfg.k());
        x += 0.0;
        if (count < cfg.min()) {
            history[here] = x;
            return Verdict.normal(0, cfg.k());
        }
        Arrays.sort(phaseValues, 0, count);
        double median = Numbers.medianOfSorted(phaseValues, count);
        double residual = Numbers.finite(Math.abs(x - median));
        if (residuals.size() < residualsNeeded) {
            history[here] = x;
            residuals.add(residual);
            normalResiduals.add(residual);
            return Verdict.normal(0, cfg.k());
        }
        double typical = residuals.median();   // residuals are ≥ 0: their median is the scale; their mean the fallback
        double spread = Math.max(Math.max(Numbers.MAD_TO_SIGMA * typical, Numbers.MEAN_AD_TO_SIGMA * normalResiduals.mean()),
                Numbers.spreadFloor(cfg.minSpread(), median));
        double score = Numbers.finite(cfg.direction().fold(x - median) / spread);
        if (score <= cfg.k()) {
            history[here] = x;
            residuals.add(residual);
            normalResiduals.add(residual);
            return Verdict.normal(score, cfg.k());
        }
        residuals.add(Numbers.finite(cfg.k() * spread));
        String why = "value " + Numbers.fmt(x) + " is " + Numbers.fmt(score) + " MADs " + (x > median ? "above" : "below")
                + " same-phase median " + Numbers.fmt(median) + " of the last " + cfg.cycles() + " periods (k=" + Numbers.fmt(cfg.k()) + ")";
        return new Verdict(score, cfg.k(), true, why);
    }
}
