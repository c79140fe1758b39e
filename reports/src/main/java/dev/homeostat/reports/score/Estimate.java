package dev.homeostat.reports.score;

import java.util.Collection;
import java.util.Objects;

/**
 * A metric over seeds: the mean of the seeds where it is defined, with a 95% confidence interval from
 * Student's t with n − 1 degrees of freedom (mean ± t(0.975, n−1)·s/√n). With n = 1 the interval is the
 * mean itself; with n = 0 everything is null (undefined on every seed).
 *
 * @param n how many seeds had the metric defined
 */
public record Estimate(Double mean, Double low, Double high, int n) {
    public static final Estimate UNDEFINED = new Estimate(null, null, null, 0);

    public Estimate {
        if (n < 0 || (n == 0) != (mean == null)) {
            throw new IllegalArgumentException("Estimate needs mean == null exactly when n == 0 (got mean " + mean
                    + ", n " + n + ")");
        }
    }

    /** Nulls in {@code values} are seeds where the metric is undefined; they are left out. */
    public static Estimate of(Collection<? extends Number> values) {
        double[] xs = values.stream().filter(Objects::nonNull).mapToDouble(Number::doubleValue).toArray();
        int n = xs.length;
        if (n == 0) {
            return UNDEFINED;
        }
        double sum = 0;
        for (double x : xs) {
            sum += x;
        }
        double mean = sum / n;
        if (n == 1) {
            return new Estimate(mean, mean, mean, 1);
        }
        double squares = 0;
        for (double x : xs) {
            squares += (x - mean) * (x - mean);
        }
        double halfWidth = StudentT.quantile(0.975, n - 1) * Math.sqrt(squares / (n - 1)) / Math.sqrt(n);
        return new Estimate(mean, mean - halfWidth, mean + halfWidth, n);
    }
}
