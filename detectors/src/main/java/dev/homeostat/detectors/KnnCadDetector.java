package dev.homeostat.detectors;

import java.util.ArrayDeque;

/**
 * KNN-CAD (Burnaev and Ishimtsev, "Conformalized density- and distance-based anomaly detection in
 * time-series data", 2016; NAB's {@code nab/detectors/knncad/knncad_detector.py}): each observation
 * closes a window of the last {@code dim} values; its non-conformity is the sum of the Mahalanobis
 * distances to its {@code k} nearest windows in a training set, and its score is the share of recent
 * calibration non-conformities below it (a conformal p-value turned around).
 *
 * <p>As the reference: the first {@code train} observations fill the training set; the metric is the
 * inverse of XᵀX over the training windows, refreshed every {@code train}/2 observations (kept when XᵀX
 * is singular); the calibration set then fills for {@code train} more observations, after which each
 * step moves the oldest calibration window into the training set and drops the oldest training window.
 * After a score ≥ {@code level}, the next {@code rest} observations report 0.5 (one report per anomaly).
 *
 * <p>Work per observation is bounded by {@code train}·{@code dim} (distances to every training window in
 * the space whitened by the metric's Cholesky factor, so one distance is {@code dim} products), plus a
 * refit of {@code train}·{@code dim}² every {@code train}/2 observations.
 */
final class KnnCadDetector implements UnivariateScorer {
    record Config(int dim, int k, int train, int rest, double level) {
        static Config from(Params p) {
            int dim = p.intAtLeast("dim", 19, 1);
            int k = p.intAtLeast("k", 27, 1);
            int train = p.intAtLeast("train", 750, 2);
            if (train - dim < k + 1) {
                throw p.bad("train", String.valueOf(train), "must leave at least k + 1 = " + (k + 1) + " training windows after the first dim − 1 = "
                        + (dim - 1) + " values", "train=" + (dim + k + 1));
            }
            int rest = p.intAtLeast("rest", train / 5, 0);
            double level = p.number("level", 0.9965, 0, true, 1, false);
            return new Config(dim, k, train, rest, level);
        }
    }

    private final Config cfg;
    private final double[] buf;
    private int filled;
    private long count;
    private final ArrayDeque<double[]> training = new ArrayDeque<>();
    private final ArrayDeque<double[]> trainingWhite = new ArrayDeque<>();
    private final ArrayDeque<double[]> calibration = new ArrayDeque<>();
    private double[] scores;      // ring of calibration non-conformities, oldest at scoreHead
    private int scoreHead;
    private double[][] cholesky;  // lower-triangular L with XᵀX = L·Lᵀ; null = identity metric
    private int pred;
    private double[] distances = new double[0];

    KnnCadDetector(Config cfg) {
        this.cfg = cfg;
        this.buf = new double[cfg.dim()];
    }

    @Override
    public Verdict observe(double x) {
        if (!Double.isFinite(x)) return Verdict.normal(0, cfg.level());
        System.arraycopy(buf, 1, buf, 0, buf.length - 1);
        buf[buf.length - 1] = x;
        count++;
        if (filled < cfg.dim()) filled++;
        if (filled < cfg.dim()) return Verdict.normal(0, cfg.level());
        double[] item = buf.clone();
        if (count < cfg.train()) {
            training.addLast(item);
            trainingWhite.addLast(item);  // identity metric until the first fit
            return Verdict.normal(0, cfg.level());
        }
        long ost = count % cfg.train();
        if (ost == 0 || ost == cfg.train() / 2) refit();
        if (scores == null) {
            scores = new double[training.size()];
            int i = 0;
            for (double[] w : trainingWhite) scores[i++] = nonConformity(w, true);
        }
        double[] white = whiten(item);
        double score = nonConformity(white, false);
        int below = 0;
        for (double s : scores) if (s < score) below++;
        double result = (double) below / scores.length;
        if (count >= 2L * cfg.train()) {
            training.removeFirst();
            trainingWhite.removeFirst();
            double[] moved = calibration.removeFirst();
            training.addLast(moved);
            trainingWhite.addLast(whiten(moved));
        }
        scores[scoreHead] = score;  // drop the oldest calibration score, keep the newest
        scoreHead = (scoreHead + 1) % scores.length;
        calibration.addLast(item);
        if (pred > 0) {
            pred--;
            return new Verdict(result, cfg.level(), false, "", 0.5);
        }
        if (result < cfg.level()) return new Verdict(result, cfg.level(), false, "", result);
        pred = cfg.rest();
        String why = "the last " + cfg.dim() + " values are farther from their " + cfg.k() + " nearest past windows than "
                + Numbers.fmt(100 * result) + "% of recent windows (level " + Numbers.fmt(cfg.level()) + "; next " + cfg.rest() + " observations rest)";
        return new Verdict(result, cfg.level(), true, why, result);
    }

    /** Sum of the k (k + 1 when the item is itself a training window) smallest squared whitened distances. */
    private double nonConformity(double[] white, boolean inTraining) {
        int n = trainingWhite.size();
        if (distances.length < n) distances = new double[n];
        int i = 0;
        for (double[] w : trainingWhite) {
            double d = 0;
            for (int j = 0; j < white.length; j++) {
                double e = w[j] - white[j];
                d += e * e;
            }
            distances[i++] = d;
        }
        int take = Math.min(n, cfg.k() + (inTraining ? 1 : 0));
        Select.smallest(distances, n, take);
        double sum = 0;
        for (int j = 0; j < take; j++) sum += distances[j];
        return Numbers.finite(sum);
    }

    /** The metric as the reference computes it, inv(XᵀX) over the training windows, held as its Cholesky factor. */
    private void refit() {
        int d = cfg.dim();
        double[][] a = new double[d][d];
        for (double[] w : training) {
            for (int r = 0; r < d; r++) for (int c = 0; c <= r; c++) a[r][c] += w[r] * w[c];
        }
        double[][] l = Select.cholesky(a);
        if (l == null) return;  // singular: the reference keeps its previous metric too
        cholesky = l;
        trainingWhite.clear();
        for (double[] w : training) trainingWhite.addLast(whiten(w));
    }

    /** L⁻¹·v (forward substitution), so that |L⁻¹(a − b)|² = (a − b)ᵀ (XᵀX)⁻¹ (a − b). */
    private double[] whiten(double[] v) {
        if (cholesky == null) return v;
        double[] z = new double[v.length];
        for (int r = 0; r < v.length; r++) {
            double s = v[r];
            for (int c = 0; c < r; c++) s -= cholesky[r][c] * z[c];
            z[r] = s / cholesky[r][r];
        }
        return z;
    }
}
