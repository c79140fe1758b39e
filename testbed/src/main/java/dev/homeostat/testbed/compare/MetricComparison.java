package dev.homeostat.testbed.compare;

/**
 * One metric of one scenario, base against new: the means, {@code delta = next − base} (null when
 * either is undefined), Welch's two-sided p-value (null when unknown), the judgement and why.
 */
public record MetricComparison(Metric metric, Double base, Double next, Double delta, Double pValue, Judgement judgement,
                               String reason) {
}
