package dev.homeostat.simulator.metrics;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;

/**
 * A series' labels as the store keeps them: immutable, iterated in label-name order, equal to any map with the same
 * entries. Two arrays instead of a tree map of entries, because a store holds one per series (720,000 on the 30,000-pod
 * reference): a third of the bytes per series, which the young collector copies as a run builds its series.
 */
final class Labels extends AbstractMap<String, String> {
    private final String[] names;
    private final String[] values;

    Labels(SortedMap<String, String> sorted) {
        this.names = sorted.keySet().toArray(new String[0]);
        this.values = sorted.values().toArray(new String[0]);
    }

    @Override public int size() { return names.length; }

    @Override public boolean containsKey(Object name) { return indexOf(name) >= 0; }

    @Override public String get(Object name) {
        int i = indexOf(name);
        return i < 0 ? null : values[i];
    }

    private int indexOf(Object name) {
        for (int i = 0; i < names.length; i++) if (names[i].equals(name)) return i;
        return -1;
    }

    @Override public Set<Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override public int size() { return names.length; }

            @Override public Iterator<Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override public boolean hasNext() { return next < names.length; }

                    @Override public Entry<String, String> next() {
                        if (next >= names.length) throw new NoSuchElementException();
                        int i = next++;
                        return new SimpleImmutableEntry<>(names[i], values[i]);
                    }
                };
            }
        };
    }
}
