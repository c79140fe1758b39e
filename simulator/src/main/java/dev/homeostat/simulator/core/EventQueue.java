package dev.homeostat.simulator.core;

import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The future-event list of a discrete-event simulation: a binary min-heap ordered by
 * (time, band, sequence), kept in primitive arrays so that adding and polling allocate nothing once
 * the arrays have grown (the layout of OpenDC's queue). Handlers live in a separate {@code Object[]}
 * addressed by an int slot, so sifting moves only primitives.
 *
 * <p>The band orders events of the same instant by kind (e.g. cluster changes before the traffic
 * step before outside hooks); within a band, events of an instant run in the order they were added.
 * Events before the current time are rejected: time never goes backwards.
 */
public final class EventQueue<T> {
    /** Highest band; bands are 0..MAX_BAND, lower first. */
    public static final int MAX_BAND = 7;
    private static final int BAND_SHIFT = 59;

    private long[] times;
    private long[] keys;    // band << BAND_SHIFT | sequence: unique, so the order is total
    private int[] slots;
    private Object[] handlers;
    private int[] freeSlots;
    private int freeCount;
    private int nextSlot;
    private int size;
    private long sequence;
    private long now;
    private long polled;

    public EventQueue() { this(64); }

    public EventQueue(int initialCapacity) {
        if (initialCapacity < 1) throw new IllegalArgumentException("initialCapacity: must be >= 1, was " + initialCapacity);
        times = new long[initialCapacity];
        keys = new long[initialCapacity];
        slots = new int[initialCapacity];
        handlers = new Object[initialCapacity];
        freeSlots = new int[initialCapacity];
    }

    /** The time of the event polled last (0 before the first). */
    public long now() { return now; }

    public int size() { return size; }

    /** Events polled since the queue was made. */
    public long polledCount() { return polled; }

    public boolean isEmpty() { return size == 0; }

    /** Adds {@code handler} at {@code time} in band 0. */
    public void add(long time, T handler) { add(time, 0, handler); }

    /** Adds {@code handler} at {@code time} in {@code band}; rejects times before {@link #now()}. */
    public void add(long time, int band, T handler) {
        if (time < now)
            throw new IllegalArgumentException("time: event at " + time + " ms is before the current time " + now + " ms; schedule at or after now");
        if (band < 0 || band > MAX_BAND) throw new IllegalArgumentException("band: must be in [0, " + MAX_BAND + "], was " + band);
        Objects.requireNonNull(handler, "handler");
        if (size == times.length) grow();
        int slot = freeCount > 0 ? freeSlots[--freeCount] : nextSlot++;
        handlers[slot] = handler;
        siftUp(size++, time, ((long) band << BAND_SHIFT) | sequence++, slot);
    }

    /** Time of the next event. */
    public long peekTime() {
        if (size == 0) throw new NoSuchElementException("event queue is empty");
        return times[0];
    }

    /** Removes the next event, advances {@link #now()} to its time and returns its handler. */
    @SuppressWarnings("unchecked")
    public T poll() {
        if (size == 0) throw new NoSuchElementException("event queue is empty");
        long time = times[0];
        int slot = slots[0];
        size--;
        if (size > 0) siftDown(0, times[size], keys[size], slots[size]);
        now = time;
        polled++;
        T handler = (T) handlers[slot];
        handlers[slot] = null;
        freeSlots[freeCount++] = slot;
        return handler;
    }

    private void grow() {
        int capacity = times.length * 2;
        times = Arrays.copyOf(times, capacity);
        keys = Arrays.copyOf(keys, capacity);
        slots = Arrays.copyOf(slots, capacity);
        handlers = Arrays.copyOf(handlers, capacity);
        freeSlots = Arrays.copyOf(freeSlots, capacity);
    }

    private static boolean less(long t1, long k1, long t2, long k2) {
        return t1 < t2 || (t1 == t2 && k1 < k2);
    }

    private void siftUp(int index, long time, long key, int slot) {
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            if (!less(time, key, times[parent], keys[parent])) break;
            set(index, times[parent], keys[parent], slots[parent]);
            index = parent;
        }
        set(index, time, key, slot);
    }

    private void siftDown(int index, long time, long key, int slot) {
        int half = size >>> 1;
        while (index < half) {
            int child = 2 * index + 1;
            int right = child + 1;
            if (right < size && less(times[right], keys[right], times[child], keys[child])) child = right;
            if (!less(times[child], keys[child], time, key)) break;
            set(index, times[child], keys[child], slots[child]);
            index = child;
        }
        set(index, time, key, slot);
    }

    private void set(int index, long time, long key, int slot) {
        times[index] = time;
        keys[index] = key;
        slots[index] = slot;
    }
}
