package dev.homeostat.simulator.spec;

import dev.homeostat.simulator.fault.Fault;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything one simulated run needs: the cluster, how long to run, how often Prometheus scrapes,
 * and the faults to inject. Validated on construction so a bad scenario fails before it runs.
 */
public record SimulationSpec(ClusterSpec cluster, Duration duration, Duration scrapeInterval, List<Fault> faults) {
    public static final Duration DEFAULT_SCRAPE_INTERVAL = Duration.ofSeconds(15);

    public SimulationSpec {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero()) throw new IllegalArgumentException("duration: must be positive, was " + duration);
        scrapeInterval = scrapeInterval == null ? DEFAULT_SCRAPE_INTERVAL : scrapeInterval;
        if (scrapeInterval.toMillis() < 1000) throw new IllegalArgumentException("scrapeInterval: must be at least 1s, was " + scrapeInterval);
        faults = faults == null ? List.of() : List.copyOf(faults);
    }
}
