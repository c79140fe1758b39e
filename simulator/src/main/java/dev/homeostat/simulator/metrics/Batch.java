package dev.homeostat.simulator.metrics;

import java.util.Arrays;

/**
 * The samples of one time, by slot: what a scrape writes. Values sit in a primitive array, and which slots hold a
 * sample in a bitmap beside it: a reused block clears 1 bit per slot, not 64, so a scrape's memory traffic is its own
 * writes.
 */
public final class Batch {
    long time;
    double[] values;
    long[] present;

    Batch(int slots) {
        int capacity = Math.max(64, slots + (slots >> 3));
        this.values = new double[capacity];
        this.present = new long[(capacity + 63) >>> 6];
    }

    /** The sample of the series at {@code slot} (reserved and bound) at this block's time. */
    public void put(int slot, double value) {
        if (slot >= values.length) grow(slot);
        values[slot] = value;
        present[slot >>> 6] |= 1L << slot;
    }

    /** {@code length} samples from {@code src[from..]} at slots {@code slot..}: one copy, for series laid out as the caller's array. */
    public void putAll(int slot, double[] src, int from, int length) {
        int end = slot + length;
        if (end > values.length) grow(end - 1);
        System.arraycopy(src, from, values, slot, length);
        for (int s = slot; s < end; ) {
            int word = s >>> 6, upTo = Math.min(end, (word + 1) << 6);
            long mask = upTo - s == 64 ? -1L : ((1L << (upTo - s)) - 1) << s;
            present[word] |= mask;
            s = upTo;
        }
    }

    /**
     * The values of this block with room for slots {@code base..base + length - 1}: a writer of a run of series stores
     * its samples there directly and then marks which it wrote with {@link #mark}, one bitmap update for the run
     * instead of one per sample. A value stored but not marked is no sample.
     */
    public double[] run(int base, int length) {
        if (base + length > values.length) grow(base + length - 1);
        return values;
    }

    /** Marks the slots {@code base + i} for each bit i set in {@code mask} as holding a sample (a run of at most 64 slots, from {@link #run}). */
    public void mark(int base, long mask) {
        int word = base >>> 6, shift = base & 63;
        present[word] |= mask << shift;
        if (shift != 0) {
            long high = mask >>> (64 - shift);
            if (high != 0) present[word + 1] |= high;
        }
    }

    boolean has(int slot) { return slot < values.length && (present[slot >>> 6] & (1L << slot)) != 0; }

    /** Ready for another time: no slot holds a sample (the values stay: a slot counts only once marked present). */
    void reuse(long time) {
        Arrays.fill(present, 0L);
        this.time = time;
    }

    long sampleCount() {
        long n = 0;
        for (long word : present) n += Long.bitCount(word);
        return n;
    }

    private void grow(int slot) {
        int capacity = Math.max(slot + 1, values.length + (values.length >> 1));
        values = Arrays.copyOf(values, capacity);
        present = Arrays.copyOf(present, (capacity + 63) >>> 6);
    }
}
