package dev.homeostat.detectors;

/**
 * The complementary error function, which the JDK lacks: Python's own algorithm (CPython's
 * {@code mathmodule.c}: a 25-term series for |x| < 1.5, a 50-term continued fraction above, 0 from
 * x = 30), so a detector ported from NAB's Python turns the same z into the same tail probability to
 * the last bits — which matters where NAB's scores saturate at exactly 1.0. Written here because the
 * libraries on the classpath (Smile) give erfc only to about 1e-7 relative accuracy.
 */
final class Erfc {
    private static final double SQRT_PI = 1.772453850905516027298167483341145182798;
    private static final double SERIES_CUTOFF = 1.5;
    private static final int SERIES_TERMS = 25;
    private static final double CONTFRAC_CUTOFF = 30.0;
    private static final int CONTFRAC_TERMS = 50;

    private Erfc() { }

    static double erfc(double x) {
        if (Double.isNaN(x)) return x;
        double ax = Math.abs(x);
        if (ax < SERIES_CUTOFF) return 1.0 - series(x);
        double cf = contfrac(ax);
        return x > 0.0 ? cf : 2.0 - cf;
    }

    /** The upper tail of the standard normal distribution, P(Z > z): NAB's {@code normalProbability}. */
    static double upperTail(double z) {
        return 0.5 * erfc(z / Math.sqrt(2));
    }

    private static double series(double x) {
        double x2 = x * x;
        double acc = 0.0;
        double fk = SERIES_TERMS + 0.5;
        for (int i = 0; i < SERIES_TERMS; i++) {
            acc = 2.0 + x2 * acc / fk;
            fk -= 1.0;
        }
        return acc * x * Math.exp(-x2) / SQRT_PI;
    }

    private static double contfrac(double x) {
        if (x >= CONTFRAC_CUTOFF) return 0.0;
        double x2 = x * x;
        double a = 0.0, da = 0.5;
        double p = 1.0, pLast = 0.0;
        double q = da + x2, qLast = 1.0;
        for (int i = 0; i < CONTFRAC_TERMS; i++) {
            a += da;
            da += 2.0;
            double b = da + x2;
            double t = p;
            p = b * p - a * pLast;
            pLast = t;
            t = q;
            q = b * q - a * qLast;
            qLast = t;
        }
        return p / q * x * Math.exp(-x2) / SQRT_PI;
    }
}
