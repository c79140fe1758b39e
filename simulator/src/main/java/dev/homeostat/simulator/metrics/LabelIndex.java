package dev.homeostat.simulator.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A family's series by label value, per label a matched read asked for: built from the family on the first such read,
 * then kept up to date as series come and go (the store tells it), so a matched read finds its series in the time of
 * those series, however often the family changes (a 30,000-pod family gains and loses pods every few ticks while pods
 * are replaced).
 */
final class LabelIndex {
    private static final Set<Handle> NONE = Set.of();
    /** Per label name: value → its series ({@code ""}: the series without the label). */
    private final Map<String, Map<String, Set<Handle>>> byLabel = new HashMap<>();

    /** A series joined the family. */
    void add(Handle h) {
        for (var e : byLabel.entrySet()) valuesOf(e.getValue(), h.labels, e.getKey()).add(h);
    }

    /** A series left the family. */
    void remove(Handle h) {
        for (var e : byLabel.entrySet()) {
            String v = h.labels.get(e.getKey());
            Set<Handle> series = e.getValue().get(v == null ? "" : v);
            if (series == null) continue;
            series.remove(h);
            if (series.isEmpty()) e.getValue().remove(v == null ? "" : v);
        }
    }

    /**
     * The family's series whose labels match (per label of {@code match}, one of its values), in label order; the label
     * asked with the most values narrows (a pod's name among a namespace's), the others are checked per series.
     */
    Handle[] matching(Map<String, ? extends Collection<String>> match, Collection<Handle> family) {
        String narrowest = null;
        for (var e : match.entrySet()) {
            if (e.getValue().isEmpty()) return new Handle[0];
            if (narrowest == null || e.getValue().size() > match.get(narrowest).size()) narrowest = e.getKey();
        }
        Map<String, Set<Handle>> index = of(narrowest, family);
        List<Handle> out = new ArrayList<>();
        for (String v : match.get(narrowest))
            for (Handle h : index.getOrDefault(v, NONE)) if (matches(h.labels, match)) out.add(h);
        Handle[] sorted = out.toArray(Handle[]::new);
        java.util.Arrays.sort(sorted, (a, b) -> a.labels.compareTo(b.labels));
        return sorted;
    }

    private static boolean matches(Labels labels, Map<String, ? extends Collection<String>> match) {
        for (var e : match.entrySet()) {
            String v = labels.get(e.getKey());
            if (!e.getValue().contains(v == null ? "" : v)) return false;
        }
        return true;
    }

    private Map<String, Set<Handle>> of(String label, Collection<Handle> family) {
        Map<String, Set<Handle>> index = byLabel.get(label);
        if (index != null) return index;
        index = new HashMap<>();
        for (Handle h : family) valuesOf(index, h.labels, label).add(h);
        byLabel.put(label, index);
        return index;
    }

    private static Set<Handle> valuesOf(Map<String, Set<Handle>> index, Labels labels, String label) {
        String v = labels.get(label);
        return index.computeIfAbsent(v == null ? "" : v, k -> new HashSet<>(4));
    }
}
