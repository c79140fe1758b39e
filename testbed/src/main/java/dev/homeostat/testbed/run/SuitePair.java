package dev.homeostat.testbed.run;

import dev.homeostat.testbed.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;

/**
 * One (scenario, seed) pair of a suite and its index in the suite's enumeration: scenarios in the
 * order they were loaded (sorted by path), then seeds ascending. The index is what a shard selects on
 * ({@code index % N == I}) and the order in which every result list of the suite is kept, so a merged
 * report aggregates seeds in exactly the order an unsharded run does.
 */
public record SuitePair(int index, Scenario scenario, long seed) {
    public SuitePair {
        if (index < 0) throw new IllegalArgumentException("index must be >= 0, was " + index);
    }

    /** Every pair of the suite, numbered from 0. */
    public static List<SuitePair> enumerate(List<Scenario> scenarios) {
        var pairs = new ArrayList<SuitePair>();
        for (Scenario scenario : scenarios)
            for (long seed : scenario.seeds().stream().sorted().toList())
                pairs.add(new SuitePair(pairs.size(), scenario, seed));
        return List.copyOf(pairs);
    }

    /** {@code memory-leak-checkout seed 3}: how messages name a pair. */
    public String label() {
        return scenario.name() + " seed " + seed;
    }
}
