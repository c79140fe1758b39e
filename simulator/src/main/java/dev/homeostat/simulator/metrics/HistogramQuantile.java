package dev.homeostat.simulator.metrics;

/**
 * Prometheus' {@code histogram_quantile} over one classic histogram, so that a recording rule the simulator evaluates
 * reads what the shipped rule reads live: the rank's bucket is found in the cumulative counts, and the quantile is
 * interpolated linearly inside it (as if its requests were spread evenly between its bounds), 0 being the lower bound
 * of the first bucket and the largest finite bound the answer when the rank falls in +Inf. Counts that decrease (float
 * sums of a sliding window) are raised to the running maximum first, as Prometheus does for rates of separate series.
 */
public final class HistogramQuantile {
    private HistogramQuantile() { }

    /**
     * @param bounds     the finite upper bounds, ascending
     * @param cumulative requests at or below each bound, then the count (+Inf): {@code bounds.length + 1} values
     * @return the q-quantile, or NaN with no request counted
     */
    public static double of(double q, double[] bounds, double[] cumulative) {
        int n = bounds.length;
        double count = cumulative[n];
        for (int i = 0; i < n; i++) count = Math.max(count, cumulative[i]);
        if (!(count > 0)) return Double.NaN;
        double rank = q * count, below = 0, lower = 0;
        for (int i = 0; i < n; i++) {
            double atOrBelow = Math.max(below, cumulative[i]);
            // inside its bucket: lower + width × fraction can round a hair past the upper bound (0.05 + 0.05)
            if (atOrBelow >= rank) return Math.min(bounds[i], lower + (bounds[i] - lower) * (rank - below) / (atOrBelow - below));
            below = atOrBelow;
            lower = bounds[i];
        }
        return bounds[n - 1];
    }
}
