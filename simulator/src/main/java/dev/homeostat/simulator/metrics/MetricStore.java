package dev.homeostat.simulator.metrics;

import java.util.List;

/** Scraped samples by metric name (API contract; implementation in progress). */
public final class MetricStore {
    /** Every series of {@code metric} with its samples in [fromMillis, toMillis]. */
    public List<Series> range(String metric, long fromMillis, long toMillis) { throw new UnsupportedOperationException(); }
}
