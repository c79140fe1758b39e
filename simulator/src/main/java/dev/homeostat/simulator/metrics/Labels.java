package dev.homeostat.simulator.metrics;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Map;
import java.util.Set;

/**
 * A series' labels as the store keeps them: immutable, iterated in label-name order, equal to any map with the same
 * entries, and the series' key in its family (ordered as {@link #compareTo} says). Two arrays instead of a tree map of
 * entries and a key string, because a store holds one per series (720,000 on the 30,000-pod reference): less than
 * half the bytes per series, which the young collector copies as a run builds its series.
 */
final class Labels extends AbstractMap<String, String> implements Comparable<Labels> {
    private final String[] names;
    private final String[] values;

    private Labels(String[] names, String[] values) {
        this.names = names;
        this.values = values;
    }

    /** {@code labels} in name order. */
    static Labels of(Map<String, String> labels) {
        String[] names = labels.keySet().toArray(new String[0]);
        Arrays.sort(names);
        String[] values = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            values[i] = labels.get(names[i]);
            if (values[i] == null) throw new IllegalArgumentException("labels: label " + names[i] + " has no value; give it one (\"\" for empty)");
        }
        return new Labels(names, values);
    }

    /**
     * Label order: name, then value, label after label, a set that is a prefix of another first. The same order as the
     * strings {@code name\u0001value\u0002…} (separators below any printable character), as {@code TreeMap<String, …>}
     * kept families by before.
     */
    @Override public int compareTo(Labels other) {
        int n = Math.min(names.length, other.names.length);
        for (int i = 0; i < n; i++) {
            // names (and many values) are the same strings from one call site: an identity check spares comparing them
            if (names[i] != other.names[i]) {
                int c = names[i].compareTo(other.names[i]);
                if (c != 0) return c;
            }
            if (values[i] != other.values[i]) {
                int c = values[i].compareTo(other.values[i]);
                if (c != 0) return c;
            }
        }
        return Integer.compare(names.length, other.names.length);
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
