package dev.homeostat.simulator.metrics;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A store's slots (a series' index in every block): handed out in runs, bound to series, and reused once a released
 * run, or a handle-appended series' slot, holds no sample any more.
 */
final class Slots {
    /** One past the highest slot ever reserved. */
    private int limit;
    private Handle[] bound = new Handle[64];
    /** Runs released by their owner, not yet reusable: {base, length}. */
    private final List<int[]> released = new ArrayList<>();
    /** Attached series appended through their handles (not bound to a reserved run), in creation order. */
    private final List<Handle> owned = new ArrayList<>();
    /** Reusable runs by length. */
    private final Map<Integer, ArrayDeque<Integer>> free = new HashMap<>();

    int limit() { return limit; }

    int reserve(int length) {
        if (length < 1) throw new IllegalArgumentException("length: must be >= 1, was " + length);
        ArrayDeque<Integer> runs = free.get(length);
        if (runs != null && !runs.isEmpty()) return runs.poll();
        int base = limit;
        limit += length;
        if (limit > bound.length) bound = Arrays.copyOf(bound, Math.max(limit, bound.length * 2));
        return base;
    }

    /** {@code h} at its own new slot ({@code slot} < 0) or at one of a reserved run. */
    void bind(Handle h, int slot) {
        h.slot = slot >= 0 ? slot : reserve(1);
        h.owned = slot < 0;
        if (h.owned) owned.add(h);
        bound[h.slot] = h;
    }

    void release(int base, int length) {
        if (base < 0 || length < 1 || base + length > limit)
            throw new IllegalArgumentException("slots: [" + base + ", " + (base + length) + ") were not reserved");
        released.add(new int[] {base, length});
    }

    /**
     * Frees the slots of series that hold no sample any more, handing each such series to {@code dropped}: handles
     * appended through (a few hundred: deployments, services), and released runs none of whose series holds a sample.
     */
    void sweep(Consumer<Handle> dropped) {
        owned.removeIf(h -> {
            if (h.holdsSamples()) return false;
            dropped.accept(h);
            bound[h.slot] = null;
            free.computeIfAbsent(1, k -> new ArrayDeque<>()).add(h.slot);
            h.slot = -1;
            return true;
        });
        for (Iterator<int[]> it = released.iterator(); it.hasNext(); ) {
            int[] run = it.next();
            boolean empty = true;
            for (int s = run[0]; s < run[0] + run[1] && empty; s++) empty = bound[s] == null || !bound[s].holdsSamples();
            if (!empty) continue;
            it.remove();
            for (int s = run[0]; s < run[0] + run[1]; s++) {
                Handle h = bound[s];
                if (h == null) continue;
                bound[s] = null;
                dropped.accept(h);
                h.slot = -1;
            }
            free.computeIfAbsent(run[1], k -> new ArrayDeque<>()).add(run[0]);
        }
    }
}
