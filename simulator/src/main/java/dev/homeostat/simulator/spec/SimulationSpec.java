package dev.homeostat.simulator.spec;

import dev.homeostat.simulator.fault.Fault;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything one simulated run needs: the cluster, how long to run, how often Prometheus scrapes,
 * the faults to inject, and how long the metric store keeps samples ({@code metricsRetention};
 * zero or null keeps every sample, which small scenarios and whole-run charts want; large ones set
 * a window at least as long as the engine's lookback). Validated on construction so a bad scenario
 * fails before it runs.
 */
public record SimulationSpec(ClusterSpec cluster, Duration duration, Duration scrapeInterval, List<Fault> faults,
                             Duration metricsRetention) {
    public static final Duration DEFAULT_SCRAPE_INTERVAL = Duration.ofSeconds(15);
    /** Keep every sample (the default). */
    public static final Duration KEEP_ALL_METRICS = Duration.ZERO;

    public SimulationSpec {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero()) throw new IllegalArgumentException("duration: must be positive, was " + duration);
        scrapeInterval = scrapeInterval == null ? DEFAULT_SCRAPE_INTERVAL : scrapeInterval;
        if (scrapeInterval.toMillis() < 1000) throw new IllegalArgumentException("scrapeInterval: must be at least 1s, was " + scrapeInterval);
        faults = faults == null ? List.of() : List.copyOf(faults);
        metricsRetention = metricsRetention == null ? KEEP_ALL_METRICS : metricsRetention;
        if (metricsRetention.isNegative())
            throw new IllegalArgumentException("metricsRetention: must be positive (or 0 to keep every sample), was " + metricsRetention);
        if (!metricsRetention.isZero() && metricsRetention.compareTo(scrapeInterval) < 0)
            throw new IllegalArgumentException("metricsRetention: " + metricsRetention + " is shorter than the scrape interval " + scrapeInterval
                    + "; keep at least the engine's lookback (e.g. 30m), or 0 to keep every sample");
    }

    /** A run that keeps every sample. */
    public SimulationSpec(ClusterSpec cluster, Duration duration, Duration scrapeInterval, List<Fault> faults) {
        this(cluster, duration, scrapeInterval, faults, KEEP_ALL_METRICS);
    }

    /** This spec with another metrics retention. */
    public SimulationSpec withMetricsRetention(Duration retention) {
        return new SimulationSpec(cluster, duration, scrapeInterval, faults, retention);
    }

    /** This spec with another duration (faults starting after it are kept: they simply never start). */
    public SimulationSpec withDuration(Duration newDuration) {
        return new SimulationSpec(cluster, newDuration, scrapeInterval, faults, metricsRetention);
    }
}
