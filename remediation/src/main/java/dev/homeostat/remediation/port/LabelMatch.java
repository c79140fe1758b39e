package dev.homeostat.remediation.port;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which series a {@link MetricsSource#read(String, long, long, LabelMatch, MetricsSource.SeriesSink) matched read}
 * hands: per label, the values it may have; a series matches when each named label has one of them. As in PromQL, a
 * series without the label has it as {@code ""} (so {@code ""} among the values also matches the series that lack it),
 * and a label with no values matches nothing. Prometheus takes it as it is: {@code label="v"} for one value,
 * {@code label=~"v1|v2"} (each value quoted) for several.
 *
 * <p>The diagnosis asks with the namespace and names of the pods it judges ({@code namespace="shop",
 * pod=~"checkout-1|checkout-2|…"}): the pod recording rules it reads carry both labels, live and in the simulation.
 */
public record LabelMatch(SortedMap<String, Set<String>> values) {
    public LabelMatch {
        TreeMap<String, Set<String>> copy = new TreeMap<>();
        for (var e : values.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank()) throw new IllegalArgumentException("values: a label name must not be blank");
            copy.put(e.getKey(), Collections.unmodifiableSet(new TreeSet<>(e.getValue())));
        }
        values = Collections.unmodifiableSortedMap(copy);
    }

    /** Series whose {@code label} is one of {@code values}. */
    public static LabelMatch of(String label, Collection<String> values) {
        return new LabelMatch(new TreeMap<>(Map.of(label, Set.copyOf(values))));
    }

    /** This match and also {@code label} one of {@code values} (replacing what this one asked of {@code label}). */
    public LabelMatch and(String label, Collection<String> values) {
        TreeMap<String, Set<String>> more = new TreeMap<>(this.values);
        more.put(label, Set.copyOf(values));
        return new LabelMatch(more);
    }

    /** Whether a series with these labels matches. */
    public boolean matches(Map<String, String> labels) {
        for (var e : values.entrySet()) {
            String v = labels.get(e.getKey());
            if (!e.getValue().contains(v == null ? "" : v)) return false;
        }
        return true;
    }
}
