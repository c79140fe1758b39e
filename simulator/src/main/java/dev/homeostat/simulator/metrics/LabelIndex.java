package dev.homeostat.simulator.metrics;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * A family view's series by label value, per label name asked for (built on first use, dropped with the view): which
 * series a matched read hands, found in the time of the series matched rather than the family's.
 */
final class LabelIndex {
    private static final int[] NONE = new int[0];
    private final Handle[] handles;
    /** Per label name: value → the places (label order, ascending) of the series with it; {@code ""} for those without it. */
    private final Map<String, Map<String, int[]>> byLabel = new HashMap<>();

    LabelIndex(Handle[] handles) { this.handles = handles; }

    /**
     * The places, ascending, of the series whose labels match: per label of {@code match}, one of its values. Null when
     * {@code match} names no label (every series).
     */
    int[] matching(Map<String, ? extends Collection<String>> match) {
        if (match.isEmpty()) return null;
        // the label whose values pick the fewest series narrows first; the others are checked per candidate
        String narrowest = null;
        long fewest = Long.MAX_VALUE;
        for (var e : match.entrySet()) {
            Map<String, int[]> index = of(e.getKey());
            long n = 0;
            for (String v : e.getValue()) n += index.getOrDefault(v, NONE).length;
            if (n < fewest) {
                fewest = n;
                narrowest = e.getKey();
            }
        }
        if (fewest == 0) return NONE;
        int[] candidates = new int[(int) fewest];
        int size = 0;
        Map<String, int[]> index = of(narrowest);
        for (String v : match.get(narrowest)) {
            int[] places = index.getOrDefault(v, NONE);
            System.arraycopy(places, 0, candidates, size, places.length);
            size += places.length;
        }
        Arrays.sort(candidates);
        int kept = 0;
        for (int i : candidates) if (matchesOthers(handles[i].labels, match, narrowest)) candidates[kept++] = i;
        return kept == candidates.length ? candidates : Arrays.copyOf(candidates, kept);
    }

    private static boolean matchesOthers(Labels labels, Map<String, ? extends Collection<String>> match, String checked) {
        for (var e : match.entrySet()) {
            if (e.getKey().equals(checked)) continue;
            String v = labels.get(e.getKey());
            if (!e.getValue().contains(v == null ? "" : v)) return false;
        }
        return true;
    }

    private Map<String, int[]> of(String label) {
        Map<String, int[]> index = byLabel.get(label);
        if (index != null) return index;
        Map<String, int[]> counts = new HashMap<>();
        String[] valueOf = new String[handles.length];
        for (int i = 0; i < handles.length; i++) {
            String v = handles[i].labels.get(label);
            valueOf[i] = v == null ? "" : v;
            int[] count = counts.computeIfAbsent(valueOf[i], k -> new int[1]);
            count[0]++;
        }
        index = new HashMap<>(counts.size() * 2);
        for (var e : counts.entrySet()) index.put(e.getKey(), new int[e.getValue()[0]]);
        for (int i = 0; i < handles.length; i++) {
            int[] places = index.get(valueOf[i]);
            int[] filled = counts.get(valueOf[i]);
            places[places.length - filled[0]--] = i;
        }
        byLabel.put(label, index);
        return index;
    }
}
