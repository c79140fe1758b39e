package dev.homeostat.testbed.compare;

import dev.homeostat.reports.ScenarioReport;
import dev.homeostat.reports.score.StudentT;
import java.util.List;

/**
 * One side of a comparison for one metric, as report.json keeps it: the mean over seeds, its 95%
 * confidence interval and the number of seeds. The sample standard deviation is recovered from the
 * interval, which reports built as {@code mean ± t(0.975, n−1)·s/√n}.
 *
 * <p>report.json does not store per metric how many seeds had it defined, so {@code n} is the number of
 * seeds of the scenario; for a metric undefined on some seeds (MTTD when a seed detected nothing) the
 * recovered {@code s} is then a little too small and the p-value a little too low.
 */
public record Sample(Double mean, Double low, Double high, int n) {
    public Sample {
        if (n < 0) throw new IllegalArgumentException("n must be >= 0, was " + n);
    }

    /** The sample of {@code metric} in {@code report}. */
    public static Sample of(ScenarioReport report, Metric metric) {
        List<Double> ci = report.confidence95().get(metric.field());
        Double low = ci == null || ci.size() != 2 ? null : ci.get(0);
        Double high = ci == null || ci.size() != 2 ? null : ci.get(1);
        return new Sample(metric.valueIn(report), low, high, report.seeds().size());
    }

    /** The sample standard deviation, or null when it cannot be recovered (n < 2, no mean or no interval). */
    public Double standardDeviation() {
        if (mean == null || low == null || high == null || n < 2) return null;
        double halfWidth = Math.max(0, (high - low) / 2);
        return halfWidth * Math.sqrt(n) / StudentT.quantile(0.975, n - 1);
    }
}
