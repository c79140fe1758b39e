package dev.homeostat.testbed.compare;

import java.util.List;

/** One scenario present in both reports: its seeds on each side and one comparison per {@link Metric}. */
public record ScenarioComparison(String scenario, List<Long> baseSeeds, List<Long> newSeeds, List<MetricComparison> metrics) {
    public ScenarioComparison {
        baseSeeds = List.copyOf(baseSeeds);
        newSeeds = List.copyOf(newSeeds);
        metrics = List.copyOf(metrics);
    }

    public List<MetricComparison> regressions() {
        return metrics.stream().filter(m -> m.judgement() == Judgement.REGRESSION).toList();
    }
}
