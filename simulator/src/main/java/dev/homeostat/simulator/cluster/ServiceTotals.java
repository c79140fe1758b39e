package dev.homeostat.simulator.cluster;

import dev.homeostat.simulator.metrics.MetricNames;

/**
 * A Service's counters since the run began: requests, failed ones, ones slower than its latency objective (the SLO as
 * the simulation judges it), and its pods' request-duration histogram summed ({@code durations}: requests at or below
 * each bound of {@link MetricNames#LATENCY_BUCKETS}, then the count; a copy), from which the latency rules a
 * Prometheus evaluates are computed.
 */
public record ServiceTotals(double requests, double errors, double slow, double[] durations) {
    /** The histogram's count: the requests it timed (answered ones and timed-out ones). */
    public double timed() { return durations[durations.length - 1]; }

    /** The timed requests at or below {@code bound}: 0 for 0, else it must be one of the histogram's bounds. */
    public double timedAtOrBelow(double bound) {
        if (bound == 0) return 0;
        double[] bounds = MetricNames.LATENCY_BUCKETS;
        for (int i = 0; i < bounds.length; i++) if (bounds[i] == bound) return durations[i];
        throw new IllegalArgumentException("bound: " + bound + " s is not a bound of the duration histogram");
    }
}
