package dev.homeostat.testbed.scenario;

import dev.homeostat.reports.score.Expectations;
import dev.homeostat.reports.score.ScoringConfig;
import dev.homeostat.testbed.observe.Observation;
import dev.homeostat.simulator.spec.SimulationSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;

/**
 * A loaded, validated scenario: what to simulate, which seeds, which engine policy, how to score it
 * and what it must achieve. {@code source} is the file it came from; {@code clusterName} the simulated cluster's
 * {@code spec.cluster.name} (null: none), the name Chaos Mesh experiments give in {@code remoteCluster}.
 */
public record Scenario(String name, String description, Path source, SimulationSpec simulation, List<Long> seeds,
                       Path policy, ScoringConfig scoring, Expectations expectations, Observation observation, String clusterName) {
    public Scenario {
        seeds = List.copyOf(seeds);
        observation = observation == null ? Observation.DEFAULT : observation;
        if (seeds.isEmpty()) throw new IllegalArgumentException("seeds: at least one seed");
    }

    /** The same scenario over {@code count} seeds counted up from its first seed (initial + i, as OpenDC does). */
    public Scenario withSeedCount(int count) {
        long first = seeds.getFirst();
        return new Scenario(name, description, source, simulation,
                LongStream.range(first, first + count).boxed().toList(), policy, scoring, expectations, observation, clusterName);
    }
}
