package dev.homeostat.simulator.metrics;

import java.util.Arrays;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * A family's series in label order, their slots and attachments side by side: a read walks arrays, not a tree. Built
 * when first read and dropped whenever the family or an attachment changes.
 */
final class FamilyView {
    private final Handle[] handles;
    private final int[] slots;
    /**
     * Per run of {@link #CHUNK_SERIES} series (label order), its series by slot: a chunk's samples are gathered in
     * memory order, so the loads of a chunk's slots stride forward through a block (the hardware prefetches them)
     * instead of jumping about it as the label order of a Deployment's pods would.
     */
    private final int[] gatherOrder;
    private final Object[] attachments;
    /** Per series, the lag of the last {@link MetricStore.Lag} read with, worked out once per view. */
    private ToLongFunction<Handle> lagOf;
    private long[] lags;
    // scratch for one read: the window's blocks and one series' samples
    private Batch[] window = new Batch[8];
    private long[] windowTimes = new long[8];
    private long[] times = new long[8];
    private double[] values = new double[8];
    // a chunk's gathered samples: series after series, w entries each
    private static final int CHUNK_SERIES = 256;
    private static final int CHUNK_SAMPLES = 4096;
    private final int[] counts = new int[CHUNK_SERIES];
    private boolean reading;
    private long[] gatheredTimes = new long[0];
    private double[] gatheredValues = new double[0];
    private final SeriesChunk chunk = new SeriesChunk();
    /** What {@link #touch} loaded, kept so the compiler keeps its loads. */
    @SuppressWarnings("unused")
    private long touched;

    FamilyView(Map<?, Handle> family) {
        handles = family.values().toArray(Handle[]::new);
        slots = new int[handles.length];
        attachments = new Object[handles.length];
        for (int i = 0; i < handles.length; i++) {
            slots[i] = handles[i].slot;
            attachments[i] = handles[i].attachment;
        }
        gatherOrder = new int[handles.length];
        for (int first = 0; first < handles.length; first += CHUNK_SERIES) {
            int end = Math.min(handles.length, first + CHUNK_SERIES);
            long[] keyed = new long[end - first];
            for (int i = first; i < end; i++) keyed[i - first] = (long) slots[i] << 32 | i;
            Arrays.sort(keyed);
            for (int i = first; i < end; i++) gatherOrder[i] = (int) keyed[i - first];
        }
    }

    /**
     * Hands each series with samples in blocks {@code [lo, hi)} to {@code visitor}; with {@code lag}, only the samples
     * of each series' own part of the window (see {@link MetricStore.Lag}).
     */
    void read(Blocks blocks, int lo, int hi, MetricStore.Lag lag, MetricStore.SeriesVisitor visitor) {
        read(blocks, lo, hi, lag, chunk -> {
            for (int s = 0; s < chunk.size; s++) {
                int n = chunk.counts[s];
                if (n == 0) continue;
                // a sample or two per series: a loop, not an arraycopy stub call per series
                for (int j = 0, at = s * chunk.width; j < n; j++) {
                    times[j] = chunk.times[at + j];
                    values[j] = chunk.values[at + j];
                }
                visitor.visit(chunk.handle(s), chunk.attachment(s), times, values, n);
            }
        });
    }

    /**
     * {@link #read}, a chunk of series at a time: first the chunk's samples are gathered from the blocks, then the
     * chunk is handed over whole. A sample's load is a cache miss (a family's slots lie a pod's run of slots apart);
     * gathered in a tight loop, the loads of many series are in flight at once instead of one at a time between a
     * reader's calls.
     */
    void read(Blocks blocks, int lo, int hi, MetricStore.Lag lag, MetricStore.ChunkVisitor visitor) {
        int w = hi - lo;
        if (window.length < w) {
            window = new Batch[w];
            windowTimes = new long[w];
            times = new long[w];
            values = new double[w];
        }
        for (int b = 0; b < w; b++) {
            window[b] = blocks.get(lo + b);
            windowTimes[b] = window[b].time;
        }
        long[] lagBy = lag == null ? null : lagsFor(lag.lagOf());
        int chunk = Math.clamp(CHUNK_SAMPLES / w, 1, CHUNK_SERIES);
        if (gatheredTimes.length < chunk * w) {
            gatheredTimes = new long[chunk * w];
            gatheredValues = new double[chunk * w];
        }
        SeriesChunk c = this.chunk;
        c.handles = handles;
        c.attachments = attachments;
        c.width = w;
        c.counts = counts;
        c.times = gatheredTimes;
        c.values = gatheredValues;
        reading = true;
        try {
            for (int first = 0; first < slots.length; first += chunk) {
                int end = Math.min(slots.length, first + chunk);
                gather(first, end, w, lag, lagBy);
                c.first = first;
                c.size = end - first;
                visitor.visit(c);
            }
        } finally {
            reading = false;
        }
    }

    /** In a read: its scratch arrays are taken (a visitor reading the family again gets a view of its own). */
    boolean reading() { return reading; }

    /** The samples of series {@code [first, end)} in the window (each in its own part of it, with a lag), {@code w} entries apart. */
    private void gather(int first, int end, int w, MetricStore.Lag lag, long[] lagBy) {
        boolean bySlot = first % CHUNK_SERIES == 0 && (end - first == CHUNK_SERIES || end == slots.length);
        long lagFrom = lag == null ? 0 : lag.fromMillis(), lagTo = lag == null ? 0 : lag.toMillis();
        if (lagBy != null && w > 0) touch(first, end, w, lagFrom, bySlot, lagBy);
        for (int k = first; k < end; k++) {
            int i = bySlot ? gatherOrder[k] : k;
            int slot = slots[i], n = 0, at = (i - first) * w;
            // the blocks in the series' own window, [bLo, bHi) as block times ascend, counted without a branch: which
            // block a series' lag picks is a coin toss per series, and a mispredicted branch per series would cancel
            // the loads of the next series' samples already in flight
            int bLo = 0, bHi = w;
            if (lagBy != null) {
                long from = lagFrom - lagBy[i], to = lagTo - lagBy[i];
                for (int b = 0; b < w; b++) {
                    long t = windowTimes[b];
                    bLo += (int) ((t - from) >>> 63);
                    bHi -= (int) ((to - t) >>> 63);
                }
            }
            for (int b = bLo; b < bHi; b++) {
                Batch block = window[b];
                if (!block.has(slot)) continue;
                gatheredTimes[at + n] = windowTimes[b];
                gatheredValues[at + n++] = block.values[slot];
            }
            counts[i - first] = n;
        }
    }

    /**
     * Loads each series' sample of its window's first block and nothing else, in a loop with no branch and no store: the
     * loads, a cache miss each, are all in flight at once, and the gather that follows finds them in cache.
     */
    private void touch(int first, int end, int w, long lagFrom, boolean bySlot, long[] lagBy) {
        long sink = 0;
        for (int k = first; k < end; k++) {
            int i = bySlot ? gatherOrder[k] : k;
            long from = lagFrom - lagBy[i];
            int b = 0;
            for (int j = 0; j < w; j++) b += (int) ((windowTimes[j] - from) >>> 63);
            double[] v = window[Math.min(b, w - 1)].values;
            int slot = slots[i];
            if (slot < v.length) sink += Double.doubleToRawLongBits(v[slot]);
        }
        touched = sink;
    }

    private long[] lagsFor(ToLongFunction<Handle> f) {
        if (lagOf != f) {
            long[] l = new long[handles.length];
            for (int i = 0; i < handles.length; i++) l[i] = f.applyAsLong(handles[i]);
            lags = l;
            lagOf = f;
        }
        return lags;
    }
}
