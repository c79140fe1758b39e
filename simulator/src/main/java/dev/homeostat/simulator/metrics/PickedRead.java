package dev.homeostat.simulator.metrics;

/**
 * A matched read's gather ({@link MetricStore#readChunks} with label matchers): the picked series' samples in the
 * window's blocks, each in its own part of the window with a lag, handed as {@link SeriesChunk}s as a family read
 * hands them. No family view: a read of one service's series of a family that changes every few ticks would otherwise
 * rebuild the family's arrays for a few hundred series.
 */
final class PickedRead {
    private static final int CHUNK_SERIES = 256;
    private static final int CHUNK_SAMPLES = 4096;
    private final SeriesChunk chunk = new SeriesChunk();
    private final Handle[] handles = new Handle[CHUNK_SERIES];
    private final Object[] attachments = new Object[CHUNK_SERIES];
    private final int[] counts = new int[CHUNK_SERIES];
    private long[] times = new long[0];
    private double[] values = new double[0];
    private boolean reading;

    /** In a read: its scratch arrays are taken (a visitor reading again gets a reader of its own). */
    boolean reading() { return reading; }

    void read(Blocks blocks, int lo, int hi, MetricStore.Lag lag, Handle[] picked, MetricStore.ChunkVisitor visitor) {
        int w = hi - lo;
        // a long window takes fewer series per chunk, as a family read does
        int size = Math.clamp(CHUNK_SAMPLES / w, 1, CHUNK_SERIES);
        if (times.length < size * w) {
            times = new long[size * w];
            values = new double[size * w];
        }
        SeriesChunk c = chunk;
        c.handles = handles;
        c.attachments = attachments;
        c.first = 0;
        c.width = w;
        c.counts = counts;
        c.times = times;
        c.values = values;
        reading = true;
        try {
            for (int first = 0; first < picked.length; first += size) {
                int end = Math.min(picked.length, first + size);
                for (int k = first; k < end; k++) {
                    Handle h = picked[k];
                    long lagOf = lag == null ? 0 : lag.lagOf().applyAsLong(h);
                    handles[k - first] = h;
                    attachments[k - first] = h.attachment;
                    counts[k - first] = gather(blocks, lo, hi, h.slot, (k - first) * w, lag, lagOf);
                }
                c.size = end - first;
                visitor.visit(c);
            }
        } finally {
            reading = false;
            java.util.Arrays.fill(handles, null);
            java.util.Arrays.fill(attachments, null);
        }
    }

    /** A series' samples in blocks [lo, hi) (inside [lag.from − its lag, lag.to − its lag] with a lag) from {@code at}; how many. */
    private int gather(Blocks blocks, int lo, int hi, int slot, int at, MetricStore.Lag lag, long lagOf) {
        int n = 0;
        for (int b = lo; b < hi; b++) {
            Batch block = blocks.get(b);
            long t = block.time;
            if (lag != null && (t < lag.fromMillis() - lagOf || t > lag.toMillis() - lagOf)) continue;
            if (!block.has(slot)) continue;
            times[at + n] = t;
            values[at + n++] = block.values[slot];
        }
        return n;
    }
}
