package dev.homeostat.reports.score;

/**
 * Student's t distribution, enough of it for confidence intervals and Welch's test: the CDF through the regularized
 * incomplete beta function (continued fraction, Numerical Recipes §6.4) and the quantile by bisection.
 * Accurate to about 1e-12, which is far below the 6 decimals a report prints.
 */
public final class StudentT {
    private StudentT() { }

    /** The p-quantile of t with {@code df} degrees of freedom, e.g. {@code quantile(0.975, 2) = 4.3027}. */
    public static double quantile(double p, int df) {
        if (df < 1) {
            throw new IllegalArgumentException("df must be >= 1 (got " + df + "); a sample of n values has n - 1");
        }
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p must be in (0, 1) (got " + p + ")");
        }
        if (p == 0.5) {
            return 0;
        }
        if (p < 0.5) {
            return -quantile(1 - p, df);
        }
        double tail = 1 - p;
        double lo = 0;
        double hi = 1;
        while (upperTail(hi, df) > tail) {
            hi *= 2;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
            double mid = (lo + hi) / 2;
            if (upperTail(mid, df) > tail) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /**
     * P(|T| ≥ |t|) for t with {@code df} (> 0, not necessarily whole, as Welch's test gives) degrees of
     * freedom: the regularized incomplete beta function I_{df/(df+t²)}(df/2, 1/2).
     */
    public static double twoSidedP(double t, double df) {
        if (!(df > 0)) {
            throw new IllegalArgumentException("df must be > 0 (got " + df + ")");
        }
        if (Double.isInfinite(t)) {
            return 0;
        }
        return Math.min(1, Math.max(0, regularizedBeta(df / (df + t * t), df / 2, 0.5)));
    }

    /** P(T > t) for t >= 0. */
    static double upperTail(double t, int df) {
        return 0.5 * regularizedBeta(df / (df + t * t), df / 2.0, 0.5);
    }

    static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
        if (x < (a + 1) / (a + b + 2)) {
            return front * betaContinuedFraction(x, a, b) / a;
        }
        return 1 - front * betaContinuedFraction(1 - x, b, a) / b;
    }

    private static double betaContinuedFraction(double x, double a, double b) {
        final double tiny = 1e-300;
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.abs(d) < tiny ? tiny : d);
        double h = d;
        for (int m = 1; m <= 10_000; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + aa * d;
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            c = 1 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            h *= d * c;
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + aa * d;
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            c = 1 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return h;
    }

    /** Lanczos approximation (g = 7, 9 terms), relative error below 1e-15 for the arguments used here. */
    static double logGamma(double x) {
        final double[] c = {
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        x -= 1;
        double sum = c[0];
        double t = x + 7.5;
        for (int i = 1; i < c.length; i++) {
            sum += c[i] / (x + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}
