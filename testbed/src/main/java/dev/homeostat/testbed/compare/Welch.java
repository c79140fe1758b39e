package dev.homeostat.testbed.compare;

import dev.homeostat.reports.score.StudentT;

/**
 * Welch's unequal-variance t-test from summary statistics: t = (m₂ − m₁)/√(s₁²/n₁ + s₂²/n₂) with the
 * Welch–Satterthwaite degrees of freedom (not a whole number), and the two-sided p-value
 * P(|T| ≥ |t|) = I_{df/(df+t²)}(df/2, 1/2), from the project's one Student-t ({@link StudentT#twoSidedP}).
 */
public final class Welch {
    private Welch() { }

    /** The test statistic, its degrees of freedom and the two-sided p-value. */
    public record Result(double t, double df, double pValue) { }

    /**
     * The two-sided p-value of "both means are equal"; null when either side has no mean or no standard
     * deviation (fewer than two seeds). With no spread on either side the test degenerates: identical
     * means give 1, different ones 0 (every seed agreed, so the difference is certain).
     */
    public static Double pValue(Sample base, Sample next) {
        Double s1 = base.standardDeviation();
        Double s2 = next.standardDeviation();
        if (s1 == null || s2 == null) return null;
        return test(base.mean(), s1, base.n(), next.mean(), s2, next.n()).pValue();
    }

    /** Welch's test from means, sample standard deviations and sizes (each n >= 2). */
    public static Result test(double mean1, double sd1, int n1, double mean2, double sd2, int n2) {
        if (n1 < 2 || n2 < 2) throw new IllegalArgumentException("Welch's test needs n >= 2 on both sides (got " + n1 + ", " + n2 + ")");
        if (sd1 < 0 || sd2 < 0) throw new IllegalArgumentException("standard deviations must be >= 0 (got " + sd1 + ", " + sd2 + ")");
        double v1 = sd1 * sd1 / n1;
        double v2 = sd2 * sd2 / n2;
        double se2 = v1 + v2;
        double diff = mean2 - mean1;
        if (se2 == 0) {
            boolean same = diff == 0;
            return new Result(same ? 0 : Math.copySign(Double.POSITIVE_INFINITY, diff), Double.POSITIVE_INFINITY, same ? 1 : 0);
        }
        double t = diff / Math.sqrt(se2);
        double df = se2 * se2 / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1));
        return new Result(t, df, StudentT.twoSidedP(t, df));
    }
}
