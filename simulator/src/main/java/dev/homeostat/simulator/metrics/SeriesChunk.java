package dev.homeostat.simulator.metrics;

/**
 * Consecutive series of a family read ({@link MetricStore#readChunks}), in columns: series {@code s} of the chunk is a
 * handle, its attachment and {@link #count} samples. The store gathers a chunk's samples from its blocks in one tight
 * loop and hands the chunk whole, so a reader walks it in a loop of its own with no call per series. Valid during the
 * visit only: the next chunk reuses it.
 */
public final class SeriesChunk {
    Handle[] handles;
    Object[] attachments;
    int first;
    int size;
    /** Samples per series in {@link #times}/{@link #values}: series {@code s}'s start at {@code s * width}. */
    int width;
    int[] counts;
    long[] times;
    double[] values;

    SeriesChunk() { }

    /** Series in the chunk. */
    public int size() { return size; }

    /** Series {@code s}'s handle. */
    public Handle handle(int s) { return handles[first + s]; }

    /** Series {@code s}'s {@link Handle#attachment()} (as it was when the read began). */
    public Object attachment(int s) { return attachments[first + s]; }

    /** Series {@code s}'s samples in the read's window (0: none; a reader skips it). */
    public int count(int s) { return counts[s]; }

    /** The time of series {@code s}'s sample {@code j} ({@code j < count(s)}, in increasing time). */
    public long time(int s, int j) { return times[s * width + j]; }

    /** The value of series {@code s}'s sample {@code j}. */
    public double value(int s, int j) { return values[s * width + j]; }
}
