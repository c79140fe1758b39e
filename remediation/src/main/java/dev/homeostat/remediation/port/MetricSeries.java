package dev.homeostat.remediation.port;

import java.util.Map;

/** One series' samples: labels as Prometheus gives them, times in ms ascending. */
public record MetricSeries(Map<String, String> labels, long[] times, double[] values) {
    public MetricSeries {
        labels = Map.copyOf(labels);
        if (times.length != values.length) throw new IllegalArgumentException("times and values differ in length");
    }
}
