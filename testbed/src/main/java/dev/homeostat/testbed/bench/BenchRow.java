package dev.homeostat.testbed.bench;

import java.util.List;

/**
 * One configuration of the grid: each metric is the mean over every (scenario, seed) run where it is
 * defined — not the mean of scenario means, so a scenario with more seeds weighs more. {@code pareto}
 * marks the Pareto-best on (F1 ↑, MTTR ↓, needless ↓); {@code best} the one the documented rule picks.
 */
public record BenchRow(String configuration, String policy, String detector, int runs, Double f1, Double precision,
                       Double recall, Double mttdSeconds, Double mttrSeconds, Double downtimeReduction,
                       double needlessActions, double pages, boolean pareto, boolean best,
                       List<ScenarioRow> scenarios) {
    public BenchRow {
        scenarios = List.copyOf(scenarios);
    }

    BenchRow marked(boolean pareto, boolean best) {
        return new BenchRow(configuration, policy, detector, runs, f1, precision, recall, mttdSeconds, mttrSeconds,
                downtimeReduction, needlessActions, pages, pareto, best, scenarios);
    }

    Pareto.Point point() {
        return Pareto.Point.of(f1, mttrSeconds, needlessActions);
    }
}
