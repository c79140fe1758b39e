package dev.homeostat.detectors;

import java.util.Arrays;
import java.util.SplittableRandom;

import smile.anomaly.IsolationForest;
import smile.anomaly.IsolationTree;
import smile.math.MathEx;

/**
 * Multivariate anomaly detection with Smile's {@link IsolationForest} over the whole values vector.
 *
 * <p>Life cycle: the first {@code train} complete observations (no missing signal) are the
 * warm-up; then the forest is fitted and the threshold chosen as the {@code quantile} of the
 * training scores times {@code margin} (unless {@code threshold} is fixed). Every {@code refit}
 * observations (0 = never) the forest is refitted on the last {@code train} normal observations.
 *
 * <p>Two deliberate departures from a plain {@code IsolationForest.fit}:
 * <ul>
 * <li><b>Determinism.</b> Smile builds trees in a parallel stream and draws from a thread-local
 * RNG, so the same seed gives different forests on different core counts. Here each tree is fitted
 * alone ({@code ntrees=1}, which Smile runs on the calling thread) on a subsample this class draws
 * from a {@link SplittableRandom} split from the factory's seed, with Smile's RNG re-seeded per tree.
 * Same seed + same data → same forest, on any machine and thread.</li>
 * <li><b>Guard points.</b> An isolation tree cannot tell a point far beyond the training range
 * from the most extreme training point (both follow the same branches), so a step to +20 spreads
 * would score like the usual maximum and never cross a threshold set from training scores. Every
 * tree therefore also gets 2 guard points per signal at median ± {@code guard} robust spreads
 * ({@link SortedWindow#robustSigma});
 * values beyond the training cloud then share the guards' short paths and score high. Guards are
 * not scored when choosing the threshold.</li>
 * </ul>
 * Cuts are fully extended by default ({@code extension} = signals − 1; Hariri et al.'s extended
 * isolation forest), which isolates an anomaly in one of several correlated signals much better
 * than axis-parallel cuts. Missing signals (NaN, or a shorter vector) are imputed with the training median; an observation
 * with no finite value scores 0. Warm-up rows with a missing signal are skipped.
 */
final class IsolationForestDetector implements Detector {
    record Config(int train, int refit, double threshold, double quantile, double margin, int trees, double subsample, double guard, int extension) {
        static Config from(Params p) {
            int train = p.intAtLeast("train", 120, 8);
            int refit = p.intAtLeast("refit", 0, 0);
            double threshold = p.has("threshold") ? p.number("threshold", 0.6, 0, true, 1, false) : Double.NaN;
            double quantile = p.number("quantile", 0.995, 0, true, 1, false);
            double margin = p.number("margin", 1.1, 0, true, Double.MAX_VALUE, false);
            int trees = p.intAtLeast("trees", 100, 1);
            double subsample = p.number("subsample", 0.7, 0, true, 1, false);
            double guard = p.number("guard", 6, 0, true, Double.MAX_VALUE, false);
            if (p.has("threshold") && (p.has("quantile") || p.has("margin"))) {
                throw p.invalid("'threshold' fixes the threshold; drop 'quantile'/'margin' or drop 'threshold'");
            }
            // default fully extended (hyperplane cuts over all signals): an anomaly in one of several
            // correlated signals is isolated by most cuts, not only those on its own axis
            int extension = p.has("extension") ? p.intAtLeast("extension", 0, 0) : Integer.MAX_VALUE;
            return new Config(train, refit, threshold, quantile, margin, trees, subsample, guard, extension);
        }
    }

    private final Config cfg;
    private final SplittableRandom random;
    private int dim = -1;
    private double[][] recent;     // ring of the last `train` complete normal rows
    private int recentHead;
    private int recentSize;
    private IsolationForest forest;
    private double threshold;
    private double[] median;
    private double[] spread;
    private int sinceFit;

    IsolationForestDetector(Config cfg, long seed) {
        this.cfg = cfg;
        this.random = new SplittableRandom(seed);
        this.threshold = Double.isNaN(cfg.threshold()) ? 1.0 : cfg.threshold();
    }

    @Override
    public Verdict observe(long timeMillis, double[] values) {
        if (values == null || values.length == 0) return Verdict.normal(0, threshold);
        if (dim < 0) {
            dim = values.length;
            recent = new double[cfg.train()][];
        }
        if (values.length > dim) {
            throw new IllegalArgumentException("isolation-forest: values has " + values.length + " signals but this detector learned "
                    + dim + " from its first observation; make one detector per fixed set of signals");
        }
        boolean complete = values.length == dim;
        boolean anyFinite = false;
        for (double v : values) {
            if (Double.isFinite(v)) anyFinite = true; else complete = false;
        }
        if (forest == null) {
            if (complete) {
                remember(values.clone());
                if (recentSize == cfg.train()) fit();
            }
            return Verdict.normal(0, threshold);
        }
        if (!anyFinite) return Verdict.normal(0, threshold);
        double[] row = new double[dim];
        for (int j = 0; j < dim; j++) {
            row[j] = j < values.length && Double.isFinite(values[j]) ? values[j] : median[j];
        }
        double score = Numbers.finite(forest.score(row));
        boolean anomalous = score > threshold;
        Verdict verdict = anomalous ? new Verdict(score, threshold, true, explain(row, score)) : Verdict.normal(score, threshold);
        if (!anomalous && complete) remember(row);
        if (cfg.refit() > 0 && ++sinceFit >= cfg.refit()) fit();
        return verdict;
    }

    private void remember(double[] row) {
        if (recentSize < recent.length) {
            recent[(recentHead + recentSize++) % recent.length] = row;
        } else {
            recent[recentHead] = row;
            recentHead = (recentHead + 1) % recent.length;
        }
    }

    private String explain(double[] row, double score) {
        int worst = 0;
        double worstZ = -1;
        for (int j = 0; j < dim; j++) {
            double z = Numbers.finite(Math.abs(row[j] - median[j]) / spread[j]);
            if (z > worstZ) { worstZ = z; worst = j; }
        }
        return "isolation score " + Numbers.fmt(score) + " > " + Numbers.fmt(threshold) + "; signal " + worst + " value "
                + Numbers.fmt(row[worst]) + " is " + Numbers.fmt(worstZ) + " MADs " + (row[worst] > median[worst] ? "above" : "below")
                + " training median " + Numbers.fmt(median[worst]);
    }

    /** Fits the forest on the remembered rows (oldest first) and, unless fixed, re-chooses the threshold. */
    private void fit() {
        sinceFit = 0;
        int n = recentSize;
        double[][] data = new double[n][];
        for (int i = 0; i < n; i++) data[i] = recent[(recentHead + i) % recent.length];
        median = new double[dim];
        spread = new double[dim];
        double[] column = new double[n];
        for (int j = 0; j < dim; j++) {
            for (int i = 0; i < n; i++) column[i] = data[i][j];
            Arrays.sort(column);
            median[j] = Numbers.medianOfSorted(column, n);
            spread[j] = Math.max(Numbers.robustSigmaOfSorted(column, n, median[j]), Numbers.spreadFloor(Double.NaN, median[j]));
        }
        double[][] guards = new double[2 * dim][];
        for (int j = 0; j < dim; j++) {
            guards[2 * j] = median.clone();
            guards[2 * j][j] = Numbers.finite(median[j] + cfg.guard() * spread[j]);
            guards[2 * j + 1] = median.clone();
            guards[2 * j + 1][j] = Numbers.finite(median[j] - cfg.guard() * spread[j]);
        }
        int m = Math.min(n, Math.max(2, (int) Math.round(n * cfg.subsample())));
        int sampleSize = m + guards.length;
        int maxDepth = Math.max(1, (int) Math.ceil(Math.log(sampleSize) / Math.log(2)));
        // Smile's rate must be < 1; this one rounds to the whole sample, which this class already subsampled
        int extension = Math.min(cfg.extension(), dim - 1);
        var options = new IsolationForest.Options(1, maxDepth, (sampleSize - 0.25) / sampleSize, extension);
        IsolationTree[] trees = new IsolationTree[cfg.trees()];
        int[] index = new int[n];
        for (int t = 0; t < trees.length; t++) {
            long treeSeed = random.nextLong();
            var pick = new SplittableRandom(treeSeed);
            for (int i = 0; i < n; i++) index[i] = i;
            double[][] sample = new double[sampleSize][];
            for (int i = 0; i < m; i++) {           // partial Fisher–Yates: m rows without replacement
                int r = i + pick.nextInt(n - i);
                int tmp = index[i]; index[i] = index[r]; index[r] = tmp;
                sample[i] = data[index[i]];
            }
            System.arraycopy(guards, 0, sample, m, guards.length);
            MathEx.setSeed(pick.nextLong());        // Smile's split choices: thread-local RNG, seeded per tree
            trees[t] = IsolationForest.fit(sample, options).trees()[0];
        }
        forest = new IsolationForest(sampleSize, dim, extension, trees);
        if (Double.isNaN(cfg.threshold())) {
            double[] scores = new double[n];
            for (int i = 0; i < n; i++) scores[i] = Numbers.finite(forest.score(data[i]));
            Arrays.sort(scores);
            threshold = Numbers.finite(quantile(scores, cfg.quantile()) * cfg.margin());
        }
    }

    /** Linear-interpolated quantile of sorted values (type 7, as R and NumPy default). */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
