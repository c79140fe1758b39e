package dev.homeostat.remediation.port;

import java.util.List;

/**
 * Windows of samples per series. In simulation the simulator's metric store; live, Prometheus'
 * {@code query_range} with the query configured for the metric.
 */
@FunctionalInterface
public interface MetricsSource {
    /** Every series of {@code metric} with its samples in [fromMillis, toMillis]. */
    List<MetricSeries> range(String metric, long fromMillis, long toMillis);
}
