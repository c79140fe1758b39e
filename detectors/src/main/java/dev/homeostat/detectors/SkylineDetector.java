package dev.homeostat.detectors;

/**
 * A streaming Skyline ensemble after earthgecko Skyline's NAB entry ({@code nab/detectors/earthgecko_skyline}):
 * seven simple tests vote on each value, it is anomalous when at least {@code consensus} agree, and after
 * such an anomaly nothing is reported for {@code expire} observations (Skyline's expiration, 12 h there).
 * The anomaly score is the share of tests that fire, so NAB's threshold sweep can pick the consensus level.
 *
 * <p>The tests, on the series so far (t = mean of the last three values):
 * <ol>
 *   <li>histogram bins: t falls in one of 15 equal bins (over the last {@code window} values) holding ≤ 20 of them;</li>
 *   <li>first hour average: |t − mean| > 3 sd over the values older than {@code lag} observations (a day ago);</li>
 *   <li>stddev from average: |t − mean| > 3 sd over the whole series;</li>
 *   <li>mean subtraction cumulation: |x − mean| > 3 sd over the values before x;</li>
 *   <li>median absolute deviation: |x − median| > 6 MAD over the last {@code window} values;</li>
 *   <li>stddev from moving average: |x − EWMA| > 3 EW sd (pandas' adjusted EWM, centre of mass {@code com});</li>
 *   <li>least squares: the mean residual of the last three values from a line fitted to the whole series
 *       exceeds 3 residual sd, both rounding to non-zero (Skyline's guard against tiny units).</li>
 * </ol>
 * Constant work per sample: whole-series statistics are running sums (Welford, pandas' online EWM, centred
 * co-moments for the line); the median and the histogram use a sorted window of the last {@code window}
 * values instead of the reference's whole series. Observations are counted, not timed: {@code lag} and
 * {@code expire} are numbers of observations (276 and 144 are 23 h and 12 h of 5-minute samples).
 */
final class SkylineDetector implements UnivariateScorer {
    record Config(int window, int lag, int consensus, int expire, double com) {
        static Config from(Params p) {
            int window = p.intAtLeast("window", 2016, 3);
            int lag = p.intAtLeast("lag", 276, 1);
            int consensus = p.intAtLeast("consensus", 5, 1);
            if (consensus > TESTS) throw p.bad("consensus", String.valueOf(consensus), "must be at most " + TESTS + " (the number of tests)", "consensus=5");
            int expire = p.intAtLeast("expire", 144, 0);
            double com = p.number("com", 50, 0, false, Double.MAX_VALUE, false);
            return new Config(window, lag, consensus, expire, com);
        }
    }

    static final int TESTS = 7;
    private static final String[] NAMES = {"histogram bins", "first hour average", "stddev from average", "mean subtraction cumulation",
        "median absolute deviation", "stddev from moving average", "least squares"};

    private final Config cfg;
    private final SortedWindow recent;
    private final double[] lagged;     // the last `lag` values, oldest at lagHead once full
    private int lagHead;
    private int lagSize;
    private final Welford old = new Welford();   // values older than `lag`
    private final Welford all = new Welford();
    private final double alpha;
    private double ewMean, ewCov, sumWt, sumWt2, oldWt;
    private long n;
    private double last1 = Double.NaN, last2 = Double.NaN;  // the two values before the current one
    private double meanX, meanY, cxx, cxy, cyy;             // centred co-moments of (index, value)
    private long quietUntil;                                // first observation index after the expiration

    SkylineDetector(Config cfg) {
        this.cfg = cfg;
        this.recent = new SortedWindow(cfg.window());
        this.lagged = new double[cfg.lag()];
        this.alpha = 1 / (1 + cfg.com());
    }

    @Override
    public Verdict observe(double x) {
        if (!Double.isFinite(x)) return Verdict.normal(0, cfg.consensus());
        double prevMean = all.mean(), prevSd = all.sd();
        long prevCount = all.count();
        learn(x);
        double tail = Double.isNaN(last2) ? x : (x + last1 + last2) / 3;
        boolean[] fired = new boolean[TESTS];
        fired[0] = histogramBins(tail);
        fired[1] = old.count() >= 2 && Math.abs(tail - old.mean()) > 3 * old.sd();
        fired[2] = all.count() >= 2 && Math.abs(tail - all.mean()) > 3 * all.sd();
        fired[3] = prevCount >= 2 && Math.abs(x - prevMean) > 3 * prevSd;
        fired[4] = medianAbsoluteDeviation(x);
        fired[5] = ewStd() > 0 ? Math.abs(x - ewMean) > 3 * ewStd() : false;
        fired[6] = leastSquares(x);
        long index = n - 1;
        last2 = last1;
        last1 = x;
        int count = 0;
        for (boolean f : fired) if (f) count++;
        if (index < quietUntil) return Verdict.normal(0, cfg.consensus());
        double share = (double) count / TESTS;
        if (count < cfg.consensus()) return new Verdict(count, cfg.consensus(), false, "", share);
        quietUntil = index + 1 + cfg.expire();
        var why = new StringBuilder("value ").append(Numbers.fmt(x)).append(": ").append(count).append(" of ").append(TESTS)
                .append(" Skyline tests fire (consensus ").append(cfg.consensus()).append("):");
        for (int i = 0; i < TESTS; i++) if (fired[i]) why.append(' ').append(NAMES[i]).append(',');
        why.setLength(why.length() - 1);
        why.append("; next ").append(cfg.expire()).append(" observations rest");
        return new Verdict(count, cfg.consensus(), true, why.toString(), share);
    }

    private void learn(double x) {
        recent.add(x);
        all.add(x);
        if (lagSize == lagged.length) {
            old.add(lagged[lagHead]);
            lagged[lagHead] = x;
            lagHead = (lagHead + 1) % lagged.length;
        } else {
            lagged[lagSize++] = x;
        }
        // pandas ewm(com, adjust=True, ignore_na=False).mean()/.std(bias=False), online as pandas' ewmcov computes them
        if (n == 0) {
            ewMean = x;
            ewCov = 0;
            sumWt = 1;
            sumWt2 = 1;
            oldWt = 1;
        } else {
            sumWt *= 1 - alpha;
            sumWt2 *= (1 - alpha) * (1 - alpha);
            oldWt *= 1 - alpha;
            double oldMean = ewMean;
            if (ewMean != x) ewMean = (oldWt * oldMean + x) / (oldWt + 1);
            ewCov = (oldWt * (ewCov + (oldMean - ewMean) * (oldMean - ewMean)) + (x - ewMean) * (x - ewMean)) / (oldWt + 1);
            sumWt += 1;
            sumWt2 += 1;
            oldWt += 1;
        }
        // the line through (index, value): Welford's co-moments
        n++;
        double dx = (n - 1) - meanX;
        double dy = x - meanY;
        meanX += dx / n;
        meanY += dy / n;
        cxx += dx * ((n - 1) - meanX);
        cxy += dx * (x - meanY);
        cyy += dy * (x - meanY);
    }

    private double ewStd() {
        double numerator = sumWt * sumWt;
        double denominator = numerator - sumWt2;
        return denominator > 0 ? Math.sqrt(Math.max(0, numerator / denominator * ewCov)) : Double.NaN;
    }

    /** Skyline's histogram_bins over the window: the first bin only counts values at or below its left edge. */
    private boolean histogramBins(double t) {
        int size = recent.size();
        double lo = recent.get(0), hi = recent.get(size - 1);
        if (lo == hi) return size <= 20;  // numpy centres one populated bin on the value; t is that value
        double width = (hi - lo) / 15;
        if (t <= lo) return recent.countBelow(lo + width) <= 20;
        if (t >= hi) return false;
        int bin = Math.min(14, (int) ((t - lo) / width));
        double left = lo + bin * width;
        double right = bin == 14 ? hi : lo + (bin + 1) * width;
        int inBin = (bin == 14 ? recent.countAtMost(right) : recent.countBelow(right)) - recent.countBelow(left);
        return inBin <= 20;
    }

    private boolean medianAbsoluteDeviation(double x) {
        double median = recent.median();
        double mad = recent.mad(median);
        return mad != 0 && Math.abs(x - median) / mad > 6;
    }

    /** Skyline's least_squares: residuals of the last three values from the fitted line, against the residual sd. */
    private boolean leastSquares(double x) {
        if (n < 3 || !(cxx > 0)) return false;
        double slope = cxy / cxx;
        double intercept = meanY - slope * meanX;
        double sd = Math.sqrt(Math.max(0, cyy - cxy * slope) / n);
        double e0 = x - (slope * (n - 1) + intercept);
        double e1 = last1 - (slope * (n - 2) + intercept);
        double e2 = last2 - (slope * (n - 3) + intercept);
        double t = (e0 + e1 + e2) / 3;
        return Math.abs(t) > sd * 3 && Math.rint(sd) != 0 && Math.rint(t) != 0;
    }

    /** Running mean and sample standard deviation (pandas' std, ddof = 1). */
    private static final class Welford {
        private long count;
        private double mean;
        private double m2;

        void add(double x) {
            count++;
            double d = x - mean;
            mean += d / count;
            m2 += d * (x - mean);
        }

        long count() { return count; }
        double mean() { return mean; }
        double sd() { return count < 2 ? Double.NaN : Math.sqrt(Math.max(0, m2 / (count - 1))); }
    }
}
