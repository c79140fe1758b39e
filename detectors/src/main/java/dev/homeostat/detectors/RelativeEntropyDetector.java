package dev.homeostat.detectors;

import java.util.ArrayList;
import java.util.List;
import smile.stat.distribution.ChiSquareDistribution;

/**
 * Relative entropy with multiple hypotheses (Wang et al., "Statistical techniques for online anomaly
 * detection in data centers", IM 2011, figure 1; NAB's {@code relative_entropy_detector.py}): the last
 * {@code window} values are quantised into {@code bins} levels over the value range and their histogram
 * P̂ is compared with every stored hypothesis P by the test statistic 2·W·KL(P̂ ‖ P), against the
 * chi-squared point with bins − 1 degrees of freedom at false-alarm probability {@code alpha}.
 * No hypothesis fits → anomalous, and P̂ becomes a new hypothesis; the best-fitting one has been seen no
 * more than {@code c} times → anomalous too. Scores are 1 (anomalous) or 0.
 *
 * <p>Range: fixed when {@code min} and {@code max} are given (NAB gives the reference the whole file's),
 * else the range seen so far. Quantisation is the reference's: {@code ceil((x − min) / step)}, the top
 * level shared by the two highest values ({@code numpy.histogram}'s closed last bin). At most
 * {@code hypotheses} are kept; when they are all taken, a window that fits none is still anomalous but is
 * not stored.
 */
final class RelativeEntropyDetector implements UnivariateScorer {
    record Config(int bins, int window, double alpha, int c, double min, double max, int hypotheses) {
        static Config from(Params p) {
            int bins = p.intAtLeast("bins", 5, 2);
            int window = p.intAtLeast("window", 52, 2);
            double alpha = p.number("alpha", 0.01, 0, true, 1, true);
            int c = p.intAtLeast("c", 1, 0);
            double min = p.has("min") ? p.anyNumber("min", 0) : Double.NaN;
            double max = p.has("max") ? p.anyNumber("max", 0) : Double.NaN;
            if (Double.isNaN(min) != Double.isNaN(max)) throw p.invalid("give both 'min' and 'max' (a fixed value range) or neither (the range seen so far)");
            if (!Double.isNaN(min) && !(max >= min)) throw p.bad("max", Numbers.fmt(max), "must be ≥ min (" + Numbers.fmt(min) + ")", "max=" + Numbers.fmt(min + 1));
            int hypotheses = p.intAtLeast("hypotheses", 1000, 1);
            return new Config(bins, window, alpha, c, min, max, hypotheses);
        }
    }

    private final Config cfg;
    private final double threshold;
    private final double[] ring;
    private int size;
    private int head;
    private double lo = Double.NaN;
    private double hi = Double.NaN;
    private final List<double[]> hypotheses = new ArrayList<>();
    private final List<int[]> counts = new ArrayList<>();

    RelativeEntropyDetector(Config cfg) {
        this.cfg = cfg;
        this.threshold = new ChiSquareDistribution(cfg.bins() - 1).quantile(1 - cfg.alpha());
        this.ring = new double[cfg.window()];
        if (!Double.isNaN(cfg.min())) {
            lo = cfg.min();
            hi = cfg.max();
        }
    }

    @Override
    public Verdict observe(double x) {
        if (!Double.isFinite(x)) return Verdict.normal(0, 0.5);
        if (Double.isNaN(cfg.min())) {
            lo = Double.isNaN(lo) ? x : Math.min(lo, x);
            hi = Double.isNaN(hi) ? x : Math.max(hi, x);
        }
        ring[head] = x;
        head = (head + 1) % ring.length;
        if (size < ring.length) size++;
        double step = (hi - lo) / cfg.bins();
        // a flat range: every value identical, never anomalous (the reference's check for art_flatline)
        if (size < ring.length || !(step > 0) || !Double.isFinite(step)) return Verdict.normal(0, 0.5);
        double[] pHat = histogram(step);
        if (hypotheses.isEmpty()) {
            store(pHat);
            return Verdict.normal(0, 0.5);
        }
        int best = -1;
        double bestStatistic = Double.POSITIVE_INFINITY;
        for (int i = 0; i < hypotheses.size(); i++) {
            double statistic = 2 * cfg.window() * klDivergence(pHat, hypotheses.get(i));
            if (statistic < threshold && statistic < bestStatistic) {
                bestStatistic = statistic;
                best = i;
            }
        }
        if (best >= 0) {
            int seen = ++counts.get(best)[0];
            if (seen > cfg.c()) return Verdict.normal(0, 0.5);
            return new Verdict(1, 0.5, true, "the last " + cfg.window() + " values fit a distribution seen only " + seen
                    + " time(s) (c=" + cfg.c() + ")", 1);
        }
        if (hypotheses.size() < cfg.hypotheses()) store(pHat);
        return new Verdict(1, 0.5, true, "the distribution of the last " + cfg.window() + " values fits none of the "
                + hypotheses.size() + " seen before (relative entropy test at alpha=" + Numbers.fmt(cfg.alpha()) + ")", 1);
    }

    private void store(double[] p) {
        hypotheses.add(p);
        counts.add(new int[] {1});
    }

    /** Empirical frequencies of the window's levels {@code ceil((x − lo)/step)} in [0, bins]; the top two levels share the last bin. */
    private double[] histogram(double step) {
        double[] p = new double[cfg.bins()];
        int inRange = 0;
        for (int i = 0; i < size; i++) {
            double level = Math.ceil((ring[i] - lo) / step);
            if (!(level >= 0 && level <= cfg.bins())) continue;  // outside a fixed range: not counted, as numpy.histogram
            p[Math.min((int) level, cfg.bins() - 1)]++;
            inRange++;
        }
        for (int b = 0; b < p.length; b++) p[b] = inRange == 0 ? 1.0 / p.length : p[b] / inRange;
        return p;
    }

    /** scipy.stats.entropy(p, q): Σ p·ln(p/q) over p > 0; +∞ where q = 0 < p. */
    static double klDivergence(double[] p, double[] q) {
        double d = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] == 0) continue;
            if (q[i] == 0) return Double.POSITIVE_INFINITY;
            d += p[i] * Math.log(p[i] / q[i]);
        }
        return d;
    }
}
