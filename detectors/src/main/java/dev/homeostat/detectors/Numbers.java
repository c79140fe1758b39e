package dev.homeostat.detectors;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Small numeric helpers shared by the detectors: finite scores, spread floors, stable formatting. */
final class Numbers {
    private Numbers() { }

    /** Consistency constant: 1.4826 · MAD estimates the standard deviation of a normal distribution. */
    static final double MAD_TO_SIGMA = 1.4826;
    /** Consistency constant: 1.2533 · mean absolute deviation estimates the standard deviation of a normal distribution. */
    static final double MEAN_AD_TO_SIGMA = 1.2533;
    /** Consistency constant: the 90th percentile of |x − μ| is 1.645 σ for a normal distribution. */
    static final double P90_TO_SIGMA = 1.645;
    /** Default spread floor, relative to |center|: changes below a millionth of the level are float noise, not news. */
    static final double RELATIVE_FLOOR = 1e-6;
    /** Default absolute spread floor, so a constant 0 series never divides by zero. */
    static final double ABSOLUTE_FLOOR = 1e-9;

    /** Scores must be finite (Verdict contract): NaN becomes 0, overflow saturates. */
    static double finite(double score) {
        if (Double.isNaN(score)) return 0;
        if (score == Double.POSITIVE_INFINITY) return Double.MAX_VALUE;
        if (score == Double.NEGATIVE_INFINITY) return -Double.MAX_VALUE;
        return score;
    }

    /** The spread below which a window is treated as flat: {@code minSpread} if given, else a tiny fraction of |center|. */
    static double spreadFloor(double minSpread, double center) {
        if (!Double.isNaN(minSpread)) return minSpread;
        double f = RELATIVE_FLOOR * Math.abs(center) + ABSOLUTE_FLOOR;
        return Double.isFinite(f) ? f : Double.MAX_VALUE;
    }

    /** Four significant digits, no locale, no exponent for everyday magnitudes: stable text for journals. */
    static String fmt(double x) {
        if (!Double.isFinite(x)) return Double.toString(x);
        double a = Math.abs(x);
        if (a == 0) return "0";
        if (a >= 1e-3 && a < 1e9) {
            return new BigDecimal(x).round(new MathContext(4)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.3e", x);
    }

    /** Median of a sorted prefix; halves first so huge values cannot overflow. */
    static double medianOfSorted(double[] sorted, int n) {
        if (n == 0) return 0;
        return (n & 1) == 1 ? sorted[n / 2] : sorted[n / 2 - 1] / 2 + sorted[n / 2] / 2;
    }

    /**
     * Median of |x − median| over a sorted prefix in one outward merge (O(n), no allocation): the
     * deviations left of the median grow leftwards, those right of it grow rightwards.
     */
    static double madOfSorted(double[] sorted, int n, double median) {
        if (n == 0) return 0;
        int right = lowerBound(sorted, n, median);
        int left = right - 1;
        int k = (n - 1) / 2;                // first of the middle deviations (0-based)
        boolean even = (n & 1) == 0;
        double lower = 0;
        for (int taken = 0; ; taken++) {
            double dl = left >= 0 ? median - sorted[left] : Double.POSITIVE_INFINITY;
            double dr = right < n ? sorted[right] - median : Double.POSITIVE_INFINITY;
            double d;
            if (dl <= dr) { d = dl; left--; } else { d = dr; right++; }
            if (taken == k) {
                if (!even) return d;
                lower = d;
            } else if (taken == k + 1) {
                return lower / 2 + d / 2;
            }
        }
    }

    /** The j-th smallest (0-based) of |x − center| over a sorted prefix, by the same outward merge. */
    static double kthDeviation(double[] sorted, int n, double center, int j) {
        int right = lowerBound(sorted, n, center);
        int left = right - 1;
        for (int taken = 0; ; taken++) {
            double dl = left >= 0 ? center - sorted[left] : Double.POSITIVE_INFINITY;
            double dr = right < n ? sorted[right] - center : Double.POSITIVE_INFINITY;
            double d;
            if (dl <= dr) { d = dl; left--; } else { d = dr; right++; }
            if (taken == j) return d;
        }
    }

    /** See {@link SortedWindow#robustSigma}: max(1.4826·MAD, 1.2533·mean |x − median|, P90 |x − median| / 1.645). */
    static double robustSigmaOfSorted(double[] sorted, int n, double median) {
        if (n == 0) return 0;
        double meanAd = 0;
        for (int i = 0; i < n; i++) meanAd += Math.abs(sorted[i] - median) / n;
        double p90 = kthDeviation(sorted, n, median, (int) Math.floor(0.9 * (n - 1)));
        return Math.max(Math.max(MAD_TO_SIGMA * madOfSorted(sorted, n, median), MEAN_AD_TO_SIGMA * meanAd), p90 / P90_TO_SIGMA);
    }

    /** First index in sorted[0, n) whose value is ≥ x. */
    static int lowerBound(double[] sorted, int n, double x) {
        int lo = 0, hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
