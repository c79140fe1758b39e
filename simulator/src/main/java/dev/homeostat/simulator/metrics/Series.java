package dev.homeostat.simulator.metrics;

import java.util.Map;

/**
 * Samples of one time series (metric name + labels) between two times, as Prometheus returns
 * them from {@code query_range}. {@code times} in ms since the run started, ascending.
 */
public record Series(String metric, Map<String, String> labels, long[] times, double[] values) {
    public int size() { return times.length; }
}
