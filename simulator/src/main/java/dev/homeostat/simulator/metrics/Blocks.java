package dev.homeostat.simulator.metrics;

import java.util.ArrayDeque;

/**
 * A store's blocks in time order: a ring of capacity a power of two, with expired blocks kept for reuse, so a long
 * run allocates nothing once its retention window is full.
 */
final class Blocks {
    private Batch[] ring = new Batch[16];
    private int head;
    private int count;
    private final ArrayDeque<Batch> pool = new ArrayDeque<>();

    int count() { return count; }

    /** The block at logical index {@code i} (0: the oldest). */
    Batch get(int i) { return ring[(head + i) & (ring.length - 1)]; }

    /** First logical index whose time is >= t. */
    int firstAtOrAfter(long t) {
        int lo = 0, hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (get(mid).time < t) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /** The block at {@code time}, created (with room for {@code slots} slots) if there is none. */
    Batch at(long time, int slots) {
        if (count > 0) {
            Batch last = get(count - 1);
            if (last.time == time) return last;
            if (last.time < time) return insert(count, time, slots);
        }
        int i = firstAtOrAfter(time);
        if (i < count && get(i).time == time) return get(i);
        return insert(i, time, slots);
    }

    /** Moves the blocks before {@code cutoff} to the pool. */
    void expireBefore(long cutoff) {
        while (count > 0 && ring[head].time < cutoff) {
            pool.push(ring[head]);
            ring[head] = null;
            head = (head + 1) & (ring.length - 1);
            count--;
        }
    }

    /** Blocks holding a sample at {@code slot}. */
    int count(int slot) {
        int n = 0;
        for (int b = 0; b < count; b++) if (get(b).has(slot)) n++;
        return n;
    }

    boolean holds(int slot) {
        for (int b = count - 1; b >= 0; b--) if (get(b).has(slot)) return true;
        return false;
    }

    long sampleCount() {
        long n = 0;
        for (int b = 0; b < count; b++) n += get(b).sampleCount();
        return n;
    }

    /** A block at {@code index} (appends at the end; scrapes always append, late single samples may insert). */
    private Batch insert(int index, long time, int slots) {
        if (count == ring.length) grow();
        for (int i = count; i > index; i--) ring[(head + i) & (ring.length - 1)] = get(i - 1);
        Batch b = pool.poll();
        if (b == null || b.values.length < slots) {
            b = new Batch(slots);
            b.time = time;
        } else {
            b.reuse(time);
        }
        ring[(head + index) & (ring.length - 1)] = b;
        count++;
        return b;
    }

    private void grow() {
        Batch[] grown = new Batch[ring.length * 2];
        for (int i = 0; i < count; i++) grown[i] = get(i);
        ring = grown;
        head = 0;
    }
}
