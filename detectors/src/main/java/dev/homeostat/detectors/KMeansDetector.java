package dev.homeostat.detectors;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import smile.clustering.Clustering;
import smile.clustering.KMeans;
import smile.math.MathEx;

/**
 * Multivariate: Smile k-means over the standardised training window; score = distance to the
 * nearest centroid / the {@code quantile} of the training rows' distances (floored at
 * {@link TrainedVectorDetector#MIN_SCALE}); anomalous when the score exceeds {@code threshold}.
 * Life cycle, standardisation, imputation and refits: {@link TrainedVectorDetector}.
 *
 * <p>Determinism: Smile seeds k-means++ from its thread-local RNG; each fit re-seeds it with a
 * value split from the factory's seed, on the calling thread, so the same seed and data give the
 * same centroids on any thread (the parallel assignment step is order-independent). When the window
 * holds fewer distinct rows than {@code clusters} (a constant series), the distinct rows themselves
 * are the centroids: k-means++ cannot seed more centres than distinct points; {@code clusters=1}
 * is the mean (Smile's k-means wants k ≥ 2).
 */
final class KMeansDetector {
    private KMeansDetector() { }

    record Config(int train, int refit, int clusters, int maxIter, double quantile, double threshold) {
        static Config from(Params p) {
            int train = p.intAtLeast("train", 120, 8);
            int refit = p.intAtLeast("refit", 0, 0);
            int clusters = p.intAtLeast("clusters", 3, 1);
            if (clusters > train) throw p.bad("clusters", String.valueOf(clusters), "must not exceed train (" + train + ")", "clusters=3");
            int maxIter = p.intAtLeast("maxIter", 100, 1);
            double quantile = p.number("quantile", 0.99, 0, true, 1, false);
            double threshold = p.number("threshold", 3, 0, true, Double.MAX_VALUE, false);
            return new Config(train, refit, clusters, maxIter, quantile, threshold);
        }
    }

    static Detector create(Config cfg, long seed) {
        return new TrainedVectorDetector("kmeans", cfg.train(), cfg.refit(), cfg.threshold(), (z, s) -> fit(cfg, z, s), seed);
    }

    /** Centroids over standardised rows and the scale of their training distances. */
    record Model(double[][] centroids, double scale, double quantile, double threshold) implements TrainedVectorDetector.Model {
        @Override
        public double score(double[] z) { return nearest(z) / scale; }

        double nearest(double[] z) {
            double best = Double.POSITIVE_INFINITY;
            for (double[] c : centroids) best = Math.min(best, TrainedVectorDetector.distance2(z, c));
            return Math.sqrt(best);
        }

        @Override
        public String explain(double[] z, double score) {
            return "distance " + Numbers.fmt(nearest(z)) + " to the nearest of " + centroids.length + " centroids is "
                    + Numbers.fmt(score) + "× the training q" + Numbers.fmt(quantile) + " distance " + Numbers.fmt(scale)
                    + " (threshold " + Numbers.fmt(threshold) + ")";
        }
    }

    static Model fit(Config cfg, double[][] z, long seed) {
        double[][] centroids;
        List<double[]> distinct = distinctRows(z, cfg.clusters());
        if (distinct.size() <= cfg.clusters()) {
            centroids = distinct.toArray(double[][]::new);
        } else if (cfg.clusters() == 1) {  // Smile wants k ≥ 2; one centroid is the mean
            double[] mean = new double[z[0].length];
            for (double[] row : z) for (int j = 0; j < mean.length; j++) mean[j] += row[j] / z.length;
            centroids = new double[][] {mean};
        } else {
            MathEx.setSeed(seed);           // k-means++ seeding draws from Smile's thread-local RNG
            centroids = KMeans.fit(z, new Clustering.Options(cfg.clusters(), cfg.maxIter())).centers();
        }
        for (double[] c : centroids) {
            for (double v : c) if (!Double.isFinite(v)) throw new ArithmeticException("non-finite centroid");
        }
        var partial = new Model(centroids, 1, cfg.quantile(), cfg.threshold());
        double[] d = new double[z.length];
        for (int i = 0; i < z.length; i++) d[i] = partial.nearest(z[i]);
        Arrays.sort(d);
        double scale = Math.max(TrainedVectorDetector.quantile(d, cfg.quantile()), TrainedVectorDetector.MIN_SCALE);
        return new Model(centroids, scale, cfg.quantile(), cfg.threshold());
    }

    /** Up to {@code limit + 1} distinct rows in first-seen order (enough to know whether k-means is needed). */
    private static List<double[]> distinctRows(double[][] z, int limit) {
        Set<List<Double>> seen = new LinkedHashSet<>();
        for (double[] row : z) {
            seen.add(Arrays.stream(row).boxed().toList());
            if (seen.size() > limit) break;
        }
        return seen.stream().map(r -> r.stream().mapToDouble(Double::doubleValue).toArray()).toList();
    }
}
