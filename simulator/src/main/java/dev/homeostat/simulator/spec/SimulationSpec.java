package dev.homeostat.simulator.spec;

import dev.homeostat.simulator.change.Change;
import dev.homeostat.simulator.fault.Fault;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything one simulated run needs: the cluster, how long to run, how often Prometheus scrapes,
 * the faults to inject, the routine changes to apply ({@code changes}: rollouts, config changes,
 * scales, drains — not faults), and how long the metric store keeps samples ({@code metricsRetention};
 * zero or null keeps every sample, which small scenarios and whole-run charts want; large ones set
 * a window at least as long as the engine's lookback). Validated on construction so a bad scenario
 * fails before it runs.
 */
public record SimulationSpec(ClusterSpec cluster, Duration duration, Duration scrapeInterval, List<Fault> faults,
                             Duration metricsRetention, Duration trafficStep, List<Change> changes) {
    public static final Duration DEFAULT_SCRAPE_INTERVAL = Duration.ofSeconds(15);
    /**
     * The fluid traffic model's step (default 1 s). Longer steps (5 s, 15 s) trade in-step detail
     * for speed in large scenarios: rates are integrated over the step, probes and other cluster
     * events stay event-driven.
     */
    public static final Duration DEFAULT_TRAFFIC_STEP = Duration.ofSeconds(1);
    /** The window of the {@code rate1m} recording rules: it must hold a whole number of traffic steps. */
    private static final Duration RATE_WINDOW = Duration.ofMinutes(1);
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
        trafficStep = trafficStep == null ? DEFAULT_TRAFFIC_STEP : trafficStep;
        checkTrafficStep(trafficStep, scrapeInterval, cluster);
        changes = changes == null ? List.of() : List.copyOf(changes);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < changes.size(); i++)
            if (!names.add(changes.get(i).name()))
                throw new IllegalArgumentException("changes[" + i + "].name: duplicate change '" + changes.get(i).name() + "'; give each change its own name");
    }

    /** Every window that sums traffic steps must hold a whole number of them, or its sums would cover the wrong span. */
    private static void checkTrafficStep(Duration step, Duration scrapeInterval, ClusterSpec cluster) {
        long ms = step.toMillis();
        if (ms < 1000 || ms % 1000 != 0)
            throw new IllegalArgumentException("trafficStep: must be a whole number of seconds, at least 1s, was " + step + "; use e.g. 1s, 5s or 15s");
        if (RATE_WINDOW.toMillis() % ms != 0)
            throw new IllegalArgumentException("trafficStep: " + step + " does not divide the 1m window of the rate1m rules; use 1s, 2s, 3s, 4s, 5s, 6s, 10s, 12s, 15s, 20s, 30s or 1m");
        if (scrapeInterval.toMillis() % ms != 0)
            throw new IllegalArgumentException("scrapeInterval: " + scrapeInterval + " is not a multiple of trafficStep " + step
                    + "; make the scrape interval a multiple of the step (or shorten spec.trafficStep)");
        for (ServiceSpec s : cluster.services())
            if (s.slo().window().toMillis() % ms != 0)
                throw new IllegalArgumentException("services[" + s.namespace() + "/" + s.name() + "].slo.window: " + s.slo().window()
                        + " is not a multiple of trafficStep " + step + "; make the SLO window a multiple of the step (or shorten spec.trafficStep)");
    }

    /** A run without routine changes. */
    public SimulationSpec(ClusterSpec cluster, Duration duration, Duration scrapeInterval, List<Fault> faults, Duration metricsRetention,
                          Duration trafficStep) {
        this(cluster, duration, scrapeInterval, faults, metricsRetention, trafficStep, List.of());
    }

    /** A run with the default 1 s traffic step. */
    public SimulationSpec(ClusterSpec cluster, Duration duration, Duration scrapeInterval, List<Fault> faults, Duration metricsRetention) {
        this(cluster, duration, scrapeInterval, faults, metricsRetention, DEFAULT_TRAFFIC_STEP);
    }

    /** A run that keeps every sample. */
    public SimulationSpec(ClusterSpec cluster, Duration duration, Duration scrapeInterval, List<Fault> faults) {
        this(cluster, duration, scrapeInterval, faults, KEEP_ALL_METRICS, DEFAULT_TRAFFIC_STEP);
    }

    /** This spec with another metrics retention. */
    public SimulationSpec withMetricsRetention(Duration retention) {
        return new SimulationSpec(cluster, duration, scrapeInterval, faults, retention, trafficStep, changes);
    }

    /** This spec with another duration (faults and changes after it are kept: they simply never happen). */
    public SimulationSpec withDuration(Duration newDuration) {
        return new SimulationSpec(cluster, newDuration, scrapeInterval, faults, metricsRetention, trafficStep, changes);
    }

    /** This spec with another traffic step (validated like the scenario field {@code spec.trafficStep}). */
    public SimulationSpec withTrafficStep(Duration step) {
        return new SimulationSpec(cluster, duration, scrapeInterval, faults, metricsRetention, step, changes);
    }

    /** This spec with these routine changes instead of its own. */
    public SimulationSpec withChanges(List<Change> newChanges) {
        return new SimulationSpec(cluster, duration, scrapeInterval, faults, metricsRetention, trafficStep, newChanges);
    }
}
