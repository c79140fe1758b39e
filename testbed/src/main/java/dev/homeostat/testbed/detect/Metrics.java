package dev.homeostat.testbed.detect;

import java.util.Arrays;
import java.util.List;

/** Small numeric helpers shared by the scores; NaN stands for "undefined" (no events, no windows, no delays). */
final class Metrics {
    private Metrics() { }

    static double ratio(long numerator, long denominator) {
        return denominator == 0 ? Double.NaN : (double) numerator / denominator;
    }

    /** Harmonic mean; 0 when both are 0, NaN when either is undefined. */
    static double f1(double precision, double recall) {
        if (Double.isNaN(precision) || Double.isNaN(recall)) return Double.NaN;
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    /** Linear-interpolation percentile (numpy's default, "type 7"): q = 0.5 is the usual median. NaN when empty. */
    static double percentile(List<Double> values, double q) {
        if (values.isEmpty()) return Double.NaN;
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
