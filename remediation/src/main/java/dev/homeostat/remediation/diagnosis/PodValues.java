package dev.homeostat.remediation.diagnosis;

import dev.homeostat.remediation.port.LabelMatch;
import dev.homeostat.remediation.port.MetricsSource;
import dev.homeostat.remediation.port.PodInfo;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Each pod's newest finite value of one metric in one window, as one read handed them, found by the pod ({@code ns/name}).
 * What a map from pod to value would answer — where several series name one pod, the last of them in the read's order
 * that had a finite value — but kept by the source's series number in arrays: a read of a 30,000-pod family stores a
 * double per series instead of hashing a key and boxing a value, and a lookup asks only for the pods it needs.
 * Series the source does not number go to a map, with their place in the read so the order still decides.
 */
final class PodValues {
    private final PodKeys keys;
    /** Per series number: its value in the last read, and its place in that read (at most {@link #base}: not in it). */
    private double[] value = new double[0];
    private long[] place = new long[0];
    /** Series without a number: pod → {place, value bits}. */
    private final Map<String, long[]> unnumbered = new HashMap<>();
    private long base;
    private long next;

    PodValues(PodKeys keys) { this.keys = keys; }

    /** Reads {@code metric}'s series that {@code match} matches over [from, to] afresh: what it held before is forgotten. */
    PodValues read(MetricsSource metrics, String metric, LabelMatch match, long from, long to) {
        base = next;
        unnumbered.clear();
        metrics.read(metric, from, to, match, (id, labels, times, values, n) -> {
            for (int i = n - 1; i >= 0; i--) {
                if (Double.isFinite(values[i])) {
                    String pod = keys.of(id, labels);
                    if (pod != null) put(id, pod, values[i]);
                    return;
                }
            }
        });
        return this;
    }

    /**
     * The series of {@code pods}: their namespaces and names. A series without a namespace label counts as in
     * {@code default} (as {@link PodKeys#of} keys it), so for pods there the match takes a missing namespace too.
     */
    static LabelMatch podsOf(Collection<PodInfo> pods) {
        Set<String> namespaces = new TreeSet<>(), names = new TreeSet<>();
        for (PodInfo p : pods) {
            if (p.namespace() == null || p.name() == null) continue; // its key names no series' pod
            namespaces.add(p.namespace());
            names.add(p.name());
        }
        if (namespaces.contains("default")) namespaces.add("");
        return LabelMatch.of("namespace", namespaces).and("pod", names);
    }

    private void put(int id, String pod, double v) {
        long at = ++next;
        if (id < 0) {
            unnumbered.put(pod, new long[] {at, Double.doubleToRawLongBits(v)});
            return;
        }
        if (id >= value.length) {
            int size = Math.max(id + 1, value.length * 2);
            value = Arrays.copyOf(value, size);
            place = Arrays.copyOf(place, size);
        }
        value[id] = v;
        place[id] = at;
    }

    /** The pod's value in the last read, or NaN when no series of it had a finite one. */
    double get(String pod) {
        long best = base;
        double v = Double.NaN;
        for (int id : keys.idsOf(pod)) {
            if (id < place.length && place[id] > best) {
                best = place[id];
                v = value[id];
            }
        }
        long[] other = unnumbered.get(pod);
        if (other != null && other[0] > best) v = Double.longBitsToDouble(other[1]);
        return v;
    }

    /** Per metric (the source numbers series per metric): each series' pod key, and the numbers of each pod's series. */
    static final class PodKeys {
        private static final int[] NONE = new int[0];
        private String[] keys = new String[0];
        private Object[] labelsOf = new Object[0];
        private final Map<String, int[]> idsByPod = new HashMap<>();

        /** The series' pod as ns/name (null without a pod label), kept by the source's number while it names these labels. */
        String of(int id, Map<String, String> labels) {
            if (id >= 0 && id < keys.length && labelsOf[id] == labels) return keys[id];
            String pod = labels.get("pod");
            String key = pod == null ? null : labels.getOrDefault("namespace", "default") + "/" + pod;
            if (id >= 0) {
                if (id >= keys.length) {
                    keys = Arrays.copyOf(keys, Math.max(id + 1, keys.length * 2));
                    labelsOf = Arrays.copyOf(labelsOf, keys.length);
                }
                if (labelsOf[id] != null) unlink(keys[id], id);
                keys[id] = key;
                labelsOf[id] = labels;
                if (key != null) link(key, id);
            }
            return key;
        }

        /** The numbers of the series that named {@code pod} when last read. */
        int[] idsOf(String pod) { return idsByPod.getOrDefault(pod, NONE); }

        private void link(String pod, int id) {
            int[] ids = idsByPod.get(pod);
            if (ids == null) {
                idsByPod.put(pod, new int[] {id});
                return;
            }
            for (int x : ids) if (x == id) return;
            int[] more = Arrays.copyOf(ids, ids.length + 1);
            more[ids.length] = id;
            idsByPod.put(pod, more);
        }

        private void unlink(String pod, int id) {
            if (pod == null) return;
            int[] ids = idsByPod.get(pod);
            if (ids == null) return;
            int[] fewer = Arrays.stream(ids).filter(x -> x != id).toArray();
            if (fewer.length == 0) idsByPod.remove(pod);
            else idsByPod.put(pod, fewer);
        }
    }
}
