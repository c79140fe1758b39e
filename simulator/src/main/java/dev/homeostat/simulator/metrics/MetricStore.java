package dev.homeostat.simulator.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Scraped samples by metric name, as a Prometheus TSDB would hold them. A series is a metric name
 * plus its labels; its samples sit in growable primitive arrays. Series of one metric are kept
 * sorted by their labels, so every query answers in the same order on every run.
 */
public final class MetricStore {
    private final Map<String, Map<String, Handle>> families = new TreeMap<>();

    /** Every series of {@code metric} with its samples in [fromMillis, toMillis], sorted by labels; series without samples there are left out. */
    public List<Series> range(String metric, long fromMillis, long toMillis) {
        if (fromMillis > toMillis)
            throw new IllegalArgumentException("fromMillis: must be <= toMillis, was " + fromMillis + " > " + toMillis);
        Map<String, Handle> family = families.get(metric);
        if (family == null) return List.of();
        List<Series> out = new ArrayList<>();
        for (Handle h : family.values()) {
            int lo = h.lowerBound(fromMillis);
            int hi = toMillis == Long.MAX_VALUE ? h.size : h.lowerBound(toMillis + 1);
            if (hi > lo) out.add(new Series(metric, h.labels, Arrays.copyOfRange(h.times, lo, hi), Arrays.copyOfRange(h.values, lo, hi)));
        }
        return out;
    }

    /** The series of {@code metric} with exactly these labels, created empty on first use. Keep the handle to append cheaply. */
    public Handle series(String metric, Map<String, String> labels) {
        if (metric == null || metric.isBlank()) throw new IllegalArgumentException("metric: a series needs a metric name");
        Map<String, Handle> family = families.computeIfAbsent(metric, m -> new TreeMap<>());
        SortedMap<String, String> sorted = new TreeMap<>(labels == null ? Map.of() : labels);
        String key = key(sorted);
        Handle h = family.get(key);
        if (h == null) {
            h = new Handle(metric, Collections.unmodifiableSortedMap(sorted));
            family.put(key, h);
        }
        return h;
    }

    /** Appends one sample; times of a series must not decrease. */
    public void add(String metric, Map<String, String> labels, long timeMillis, double value) {
        series(metric, labels).add(timeMillis, value);
    }

    /** Names of the metrics that have at least one series, sorted. */
    public List<String> metricNames() { return List.copyOf(families.keySet()); }

    /** Number of series over all metrics. */
    public int seriesCount() {
        int n = 0;
        for (Map<String, Handle> f : families.values()) n += f.size();
        return n;
    }

    /** Labels sorted by name, rendered so that string order is label order (separators below any printable char). */
    private static String key(SortedMap<String, String> labels) {
        StringBuilder sb = new StringBuilder();
        for (var e : labels.entrySet()) sb.append(e.getKey()).append('\u0001').append(e.getValue()).append('\u0002');
        return sb.toString();
    }

    /** One series' sample buffer. */
    public static final class Handle {
        private final String metric;
        private final Map<String, String> labels;
        private long[] times = new long[16];
        private double[] values = new double[16];
        private int size;

        private Handle(String metric, Map<String, String> labels) {
            this.metric = metric;
            this.labels = labels;
        }

        public String metric() { return metric; }

        public Map<String, String> labels() { return labels; }

        public int size() { return size; }

        public void add(long timeMillis, double value) {
            if (size > 0 && timeMillis < times[size - 1])
                throw new IllegalArgumentException("timeMillis: samples of " + metric + labels + " must not go back in time, "
                        + timeMillis + " < " + times[size - 1]);
            if (size == times.length) {
                times = Arrays.copyOf(times, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            times[size] = timeMillis;
            values[size] = value;
            size++;
        }

        /** First index whose time is >= t. */
        private int lowerBound(long t) {
            int lo = 0, hi = size;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (times[mid] < t) lo = mid + 1; else hi = mid;
            }
            return lo;
        }
    }
}
