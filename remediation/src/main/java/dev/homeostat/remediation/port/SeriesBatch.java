package dev.homeostat.remediation.port;

import java.util.Arrays;
import java.util.Map;

/**
 * Series of a {@link MetricsSource#readBatches} in columns: per series its source number, its labels and where its
 * samples lie in the shared sample arrays. A reader walks a batch in one loop over arrays instead of taking a call per
 * series; the source refills the same batch for the next series, so a reader that keeps samples copies them.
 */
public final class SeriesBatch {
    /** Series a source puts in a batch before handing it over: a chunk whose columns stay in cache. */
    public static final int SERIES = 512;

    private int size;
    private int samples;
    private int[] ids = new int[SERIES];
    /**
     * Untyped, so that storing one needs no type check: that check (and a cast on reading) loads each label map's class,
     * a cache miss per series; {@link #labelsAre} compares without either.
     */
    private Object[] labels = new Object[SERIES];
    private int[] start = new int[SERIES];
    private int[] count = new int[SERIES];
    private long[] times = new long[SERIES * 2];
    private double[] values = new double[SERIES * 2];

    /** Series in the batch. */
    public int size() { return size; }

    /** Whether it holds {@link #SERIES} series: a source hands it over and {@link #clear}s it. */
    public boolean full() { return size >= SERIES; }

    /** Series {@code s}'s number ({@link MetricsSource.SeriesSink#accept}'s {@code id}, or {@link MetricsSource.SeriesSink#NO_ID}). */
    public int id(int s) { return ids[s]; }

    /** Series {@code s}'s labels: one instance per series while it lasts, as {@link MetricsSource.SeriesSink#accept} gets them. */
    @SuppressWarnings("unchecked")
    public Map<String, String> labels(int s) { return (Map<String, String>) labels[s]; }

    /** Whether series {@code s}'s labels are that very instance (a reader's check that a number still names its series). */
    public boolean labelsAre(int s, Object instance) { return labels[s] == instance; }

    /** Where series {@code s}'s samples start in {@link #time}/{@link #value}. */
    public int start(int s) { return start[s]; }

    /** How many samples series {@code s} has (at least one when a source adds it through {@link #add}). */
    public int count(int s) { return count[s]; }

    /** The time of sample {@code i} (from {@link #start} on, in increasing time per series). */
    public long time(int i) { return times[i]; }

    /** The value of sample {@code i}. */
    public double value(int i) { return values[i]; }

    /** Empty again, for the next series of a read. */
    public void clear() {
        Arrays.fill(labels, 0, size, null);
        size = 0;
        samples = 0;
    }

    /** Adds a series with the first {@code n} entries of {@code t}/{@code v} (copied) as its samples. */
    public void add(int id, Map<String, String> seriesLabels, long[] t, double[] v, int n) {
        if (size == ids.length) grow();
        if (samples + n > times.length) {
            int grown = Math.max(samples + n, times.length * 2);
            times = Arrays.copyOf(times, grown);
            values = Arrays.copyOf(values, grown);
        }
        ids[size] = id;
        labels[size] = seriesLabels;
        start[size] = samples;
        count[size] = n;
        // a sample or two per series: a loop, not an arraycopy stub call per series
        for (int i = 0; i < n; i++) {
            times[samples] = t[i];
            values[samples++] = v[i];
        }
        size++;
    }

    private void grow() {
        int n = size * 2;
        ids = Arrays.copyOf(ids, n);
        labels = Arrays.copyOf(labels, n);
        start = Arrays.copyOf(start, n);
        count = Arrays.copyOf(count, n);
    }
}
