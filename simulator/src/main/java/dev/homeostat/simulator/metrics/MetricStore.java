package dev.homeostat.simulator.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Scraped samples by metric name, as a Prometheus TSDB would hold them. A series is a metric name
 * plus its labels; its samples sit in a ring of primitive arrays. Series of one metric are kept
 * sorted by their labels, so every query answers in the same order on every run.
 *
 * <p>Retention: by default every sample is kept (small scenarios, reports that chart whole runs).
 * With a retention window {@code R} (as Prometheus' {@code --storage.tsdb.retention.time}) a
 * series keeps only its samples at or after {@code latest − R}, where {@code latest} is the newest
 * sample time in the store; a series with no sample left is dropped, and comes back if it is
 * appended to again. Memory is then bounded by the window, not by the run: at 30,000 pods × 24 h
 * every sample would be ~1.4 G samples, a 30 min window holds 121 per series.
 */
public final class MetricStore {
    /** Keep every sample (the default). */
    public static final Duration KEEP_ALL = Duration.ZERO;

    private final Map<String, Map<String, Handle>> families = new TreeMap<>();
    /** Retention in ms; {@code Long.MAX_VALUE} keeps all. */
    private final long retentionMillis;
    private long latest = Long.MIN_VALUE;
    /** Time at or after which the next sweep of series that fell out of the window runs. */
    private long nextSweep = Long.MIN_VALUE;
    private int seriesCount;

    /** A store that keeps every sample. */
    public MetricStore() { this(KEEP_ALL); }

    /** A store that keeps the samples of the last {@code retention} ({@link #KEEP_ALL} or null: all of them). */
    public MetricStore(Duration retention) {
        if (retention != null && retention.isNegative())
            throw new IllegalArgumentException("retention: must be positive (or zero to keep every sample), was " + retention);
        this.retentionMillis = retention == null || retention.isZero() ? Long.MAX_VALUE : retention.toMillis();
    }

    /** The retention window ({@link #KEEP_ALL} when every sample is kept). */
    public Duration retention() { return retentionMillis == Long.MAX_VALUE ? KEEP_ALL : Duration.ofMillis(retentionMillis); }

    /** Every series of {@code metric} with its samples in [fromMillis, toMillis], sorted by labels; series without samples there are left out. */
    public List<Series> range(String metric, long fromMillis, long toMillis) {
        if (fromMillis > toMillis)
            throw new IllegalArgumentException("fromMillis: must be <= toMillis, was " + fromMillis + " > " + toMillis);
        Map<String, Handle> family = families.get(metric);
        if (family == null) return List.of();
        // with retention, what a series stopped before the window still holds (until the next sweep) is out of it too
        long from = retentionMillis == Long.MAX_VALUE || latest == Long.MIN_VALUE ? fromMillis : Math.max(fromMillis, latest - retentionMillis);
        List<Series> out = new ArrayList<>();
        for (Handle h : family.values()) {
            int lo = h.lowerBound(from);
            int hi = toMillis == Long.MAX_VALUE ? h.size : h.lowerBound(toMillis + 1);
            if (hi > lo) out.add(h.slice(lo, hi));
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
            h = new Handle(this, metric, key, Collections.unmodifiableSortedMap(sorted));
            family.put(key, h);
            seriesCount++;
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
    public int seriesCount() { return seriesCount; }

    /** Samples held over all series (after retention). */
    public long sampleCount() {
        long n = 0;
        for (Map<String, Handle> f : families.values()) for (Handle h : f.values()) n += h.size;
        return n;
    }

    /** Labels sorted by name, rendered so that string order is label order (separators below any printable char). */
    private static String key(SortedMap<String, String> labels) {
        StringBuilder sb = new StringBuilder();
        for (var e : labels.entrySet()) sb.append(e.getKey()).append('\u0001').append(e.getValue()).append('\u0002');
        return sb.toString();
    }

    /** Advances the store's newest time; once per window, drops series whose samples have all expired. */
    private void advance(long t) {
        latest = t;
        if (retentionMillis == Long.MAX_VALUE || t < nextSweep) return;
        // a sweep per retention window costs O(series) every window: nothing per sample
        nextSweep = t + retentionMillis;
        long cutoff = t - retentionMillis;
        for (Iterator<Map<String, Handle>> fi = families.values().iterator(); fi.hasNext(); ) {
            Map<String, Handle> family = fi.next();
            for (Iterator<Handle> it = family.values().iterator(); it.hasNext(); ) {
                Handle h = it.next();
                h.expire(cutoff);
                if (h.size == 0) {
                    it.remove();
                    h.attached = false;
                    seriesCount--;
                }
            }
            if (family.isEmpty()) fi.remove();
        }
    }

    /** Puts a series dropped by retention back when it is appended to again (a cached handle). */
    private void reattach(Handle h) {
        families.computeIfAbsent(h.metric, m -> new TreeMap<>()).put(h.key, h);
        h.attached = true;
        seriesCount++;
    }

    /**
     * One series' samples: a ring of primitive longs, time and value (its raw bits) side by side so an
     * append touches one cache line, with a capacity that is a power of two. The newest time is also
     * kept in a field: the order check reads no array. Appending allocates nothing once the ring
     * holds a retention window (samples are expired only when the ring is full, so the ring may hold
     * a few samples older than the window; queries never return them); with keep-all it doubles as needed.
     */
    public static final class Handle {
        private final MetricStore store;
        private final String metric;
        private final String key;
        private final Map<String, String> labels;
        private long[] data = new long[2 * 8]; // [2i] time, [2i + 1] value bits
        private int mask = 7;
        private int head; // index (in samples) of the oldest sample
        private int size;
        private long lastTime = Long.MIN_VALUE;
        private boolean attached = true;

        private Handle(MetricStore store, String metric, String key, Map<String, String> labels) {
            this.store = store;
            this.metric = metric;
            this.key = key;
            this.labels = labels;
        }

        public String metric() { return metric; }

        public Map<String, String> labels() { return labels; }

        /** Samples held (with retention, possibly a few older than the window until the ring is reused). */
        public int size() { return size; }

        public void add(long timeMillis, double value) {
            if (timeMillis < lastTime)
                throw new IllegalArgumentException("timeMillis: samples of " + metric + labels + " must not go back in time, "
                        + timeMillis + " < " + lastTime);
            lastTime = timeMillis;
            if (timeMillis > store.latest) store.advance(timeMillis);
            if (!attached) store.reattach(this);
            if (size > mask) {
                if (store.retentionMillis != Long.MAX_VALUE) expire(timeMillis - store.retentionMillis);
                if (size > mask) grow();
            }
            int i = ((head + size) & mask) << 1;
            data[i] = timeMillis;
            data[i + 1] = Double.doubleToRawLongBits(value);
            size++;
        }

        /** Drops the samples before {@code cutoff}. */
        private void expire(long cutoff) {
            while (size > 0 && data[head << 1] < cutoff) {
                head = (head + 1) & mask;
                size--;
            }
        }

        private void grow() {
            int capacity = (mask + 1) * 2;
            long[] d = new long[2 * capacity];
            int first = Math.min(size, mask + 1 - head);
            System.arraycopy(data, head << 1, d, 0, first << 1);
            System.arraycopy(data, 0, d, first << 1, (size - first) << 1);
            data = d;
            mask = capacity - 1;
            head = 0;
        }

        private long timeAt(int logical) { return data[((head + logical) & mask) << 1]; }

        /** First logical index whose time is >= t. */
        private int lowerBound(long t) {
            int lo = 0, hi = size;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (timeAt(mid) < t) lo = mid + 1; else hi = mid;
            }
            return lo;
        }

        /** Logical samples [lo, hi) copied out. */
        private Series slice(int lo, int hi) {
            int n = hi - lo;
            long[] t = new long[n];
            double[] v = new double[n];
            for (int k = 0; k < n; k++) {
                int i = ((head + lo + k) & mask) << 1;
                t[k] = data[i];
                v[k] = Double.longBitsToDouble(data[i + 1]);
            }
            return new Series(metric, labels, t, v);
        }
    }
}
