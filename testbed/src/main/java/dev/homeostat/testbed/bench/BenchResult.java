package dev.homeostat.testbed.bench;

import java.util.List;

/**
 * The whole grid: the suite, its scenarios, the rows in grid order (policy outer, detector inner), the
 * best configuration and the rule that picked it.
 */
public record BenchResult(String suite, List<String> scenarios, List<Long> seeds, List<BenchRow> rows, String best,
                          String bestRule) {
    /** Among the Pareto-best rows; ties fall through to the next criterion, the last one is grid order. */
    public static final String BEST_RULE = "among the Pareto-best: highest F1, then fewest needless actions, "
            + "then lowest MTTR, then highest downtime reduction, then first in grid order";

    public BenchResult {
        scenarios = List.copyOf(scenarios);
        seeds = List.copyOf(seeds);
        rows = List.copyOf(rows);
    }
}
