package dev.homeostat.detectors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import smile.clustering.Clustering;
import smile.clustering.DBSCAN;

/**
 * Multivariate, density-based: Smile DBSCAN over the standardised training window. A new row is
 * <em>noise</em> — anomalous — when fewer than {@code minPts} reference rows lie within
 * {@code radius} of it, which is DBSCAN's own test for a core point.
 *
 * <p>Score = (distance to the {@code minPts}-th nearest reference row) / radius, so the score is
 * continuous and the threshold is always 1: score ≤ 1 exactly when at least {@code minPts}
 * reference rows lie within the radius. The reference rows are the training rows DBSCAN put in a
 * cluster: training noise is dropped, so a past outlier cannot vouch for a new one.
 *
 * <p>The radius, unless fixed, is chosen the classic way from the k-distance curve: the
 * {@code quantile} of the training rows' distances to their {@code minPts}-th nearest other row,
 * times {@code margin}, and at least {@link TrainedVectorDetector#MIN_SCALE}. DBSCAN is
 * deterministic (no RNG). Neighbours are found by a linear scan: the window is small and the scan
 * allocates nothing. Life cycle, standardisation and refits: {@link TrainedVectorDetector}.
 */
final class DbscanDetector {
    private DbscanDetector() { }

    record Config(int train, int refit, int minPts, double radius, double quantile, double margin) {
        static Config from(Params p) {
            int train = p.intAtLeast("train", 120, 8);
            int refit = p.intAtLeast("refit", 0, 0);
            int minPts = p.intAtLeast("minPts", 5, 1);
            if (minPts >= train) throw p.bad("minPts", String.valueOf(minPts), "must be less than train (" + train + ")", "minPts=5");
            double radius = p.has("radius") ? p.number("radius", 1, 0, true, Double.MAX_VALUE, false) : Double.NaN;
            double quantile = p.number("quantile", 0.99, 0, true, 1, false);
            double margin = p.number("margin", 2, 0, true, Double.MAX_VALUE, false);
            if (p.has("radius") && (p.has("quantile") || p.has("margin"))) {
                throw p.invalid("'radius' fixes the radius; drop 'quantile'/'margin' or drop 'radius'");
            }
            return new Config(train, refit, minPts, radius, quantile, margin);
        }
    }

    static Detector create(Config cfg, long seed) {
        return new TrainedVectorDetector("dbscan", cfg.train(), cfg.refit(), 1, (z, s) -> fit(cfg, z), seed);
    }

    /** The reference rows (training rows in some cluster) and the radius. */
    record Model(double[][] reference, int minPts, double radius, int clusters) implements TrainedVectorDetector.Model {
        @Override
        public double score(double[] z) { return kthDistance(reference, z, minPts, -1) / radius; }

        @Override
        public double threshold() { return 1; }

        @Override
        public String explain(double[] z, double score) {
            return "noise for DBSCAN: fewer than minPts=" + minPts + " of " + reference.length + " training rows ("
                    + clusters + (clusters == 1 ? " cluster" : " clusters") + ") within radius " + Numbers.fmt(radius)
                    + "; the " + minPts + "th nearest is " + Numbers.fmt(score) + " radii away";
        }
    }

    static Model fit(Config cfg, double[][] z) {
        int k = Math.min(cfg.minPts(), z.length - 1);
        double radius = cfg.radius();
        if (Double.isNaN(radius)) {
            double[] kd = new double[z.length];
            for (int i = 0; i < z.length; i++) kd[i] = kthDistance(z, z[i], k, i);
            Arrays.sort(kd);
            radius = Math.max(TrainedVectorDetector.quantile(kd, cfg.quantile()) * cfg.margin(), TrainedVectorDetector.MIN_SCALE);
        }
        if (!Double.isFinite(radius)) throw new ArithmeticException("non-finite radius");
        // Smile counts a point's neighbours without the point itself (KD-tree range search skips the query object)
        DBSCAN<double[]> dbscan = DBSCAN.fit(z, cfg.minPts(), radius);
        int[] group = dbscan.group();
        List<double[]> reference = new ArrayList<>(z.length);
        for (int i = 0; i < z.length; i++) if (group[i] != Clustering.OUTLIER) reference.add(z[i]);
        if (reference.size() < cfg.minPts()) {
            // everything is noise (a sparse window): judge against all training rows rather than flag every point
            reference = List.of(z);
        }
        return new Model(reference.toArray(double[][]::new), Math.min(cfg.minPts(), reference.size()), radius, dbscan.k());
    }

    /** Distance from {@code z} to its k-th nearest row of {@code rows} (1-based k), skipping index {@code skip}. */
    static double kthDistance(double[][] rows, double[] z, int k, int skip) {
        double[] best = new double[k];          // k smallest squared distances, ascending
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        for (int i = 0; i < rows.length; i++) {
            if (i == skip) continue;
            double d = TrainedVectorDetector.distance2(rows[i], z);
            if (d >= best[k - 1]) continue;
            int j = k - 1;
            while (j > 0 && best[j - 1] > d) { best[j] = best[j - 1]; j--; }
            best[j] = d;
        }
        return Math.sqrt(best[k - 1]);
    }
}
