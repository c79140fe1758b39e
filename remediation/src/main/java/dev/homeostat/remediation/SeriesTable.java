package dev.homeostat.remediation;

import dev.homeostat.remediation.SignalEvaluator.SeriesState;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.port.MetricsSource;
import dev.homeostat.remediation.port.SeriesBatch;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What a univariate signal knows per series, in columns: an entry per series, its hot state (when it was last handed,
 * the last sample it took, its detector's quiet band, the read that last handed it) in primitive arrays by entry, so a
 * tick walks arrays instead of an object per series (objects the young collector may have scattered in hash order, a
 * cache miss each). An entry is found by the source's number for the series (an array index), else by its labels.
 */
final class SeriesTable {
    /** {@link #kind}: the selector does not take the series. */
    static final byte UNSELECTED = 0;
    /** Taken, but it names no target: a peer at most. */
    static final byte NO_TARGET = 1;
    /** Taken, with a target, its detector not made yet. */
    static final byte NEW = 2;
    /** Taken, with a target and its detector. */
    static final byte LIVE = 3;

    private final Map<Map<String, String>, Integer> byLabels = new HashMap<>();
    /** Per source number, its entry + 1 (0: none). */
    private int[] ofId = new int[0];
    private int[] free = new int[16];
    private int freeCount;
    private int size;

    // per entry: cold
    Map<String, String>[] labels = newLabels(64);
    Target[] target = new Target[64];
    SeriesState[] state = new SeriesState[64];
    // per entry: hot
    byte[] kind = new byte[64];
    SignalEvaluator.PeerGroup[] group = new SignalEvaluator.PeerGroup[64];
    /** The labels instance the source last gave it (its number is trusted only while it names that instance). */
    Object[] instance = new Object[64];
    int[] id = new int[64];
    long[] seenAt = new long[64];
    /** The time of the last sample its detector was handed or skipped. */
    long[] lastSeen = new long[64];
    /** Its detector's quiet band after its last observation. */
    double[] low = new double[64];
    double[] high = new double[64];
    /** The read that last handed it. */
    int[] readIn = new int[64];

    /** Entries in use. */
    int count() { return byLabels.size(); }

    /** One past the highest entry ever used: entries below it are in use or free ({@link #labels} null). */
    int limit() { return size; }

    /** The entry of series {@code s} of {@code batch} (by its number, else by its labels), or -1. */
    int find(SeriesBatch batch, int s) {
        int sourceId = batch.id(s);
        if (sourceId >= 0 && sourceId < ofId.length) {
            int e = ofId[sourceId] - 1;
            if (e >= 0 && batch.labelsAre(s, instance[e])) return e;
        }
        Map<String, String> seriesLabels = batch.labels(s);
        Integer e = byLabels.get(seriesLabels);
        if (e == null) return -1;
        bind(e, sourceId, seriesLabels);
        return e;
    }

    /** A new entry for a series first seen, with what its labels imply. */
    int add(int sourceId, Map<String, String> seriesLabels, byte seriesKind, Target seriesTarget, SignalEvaluator.PeerGroup peers) {
        int e = freeCount > 0 ? free[--freeCount] : size++;
        if (e >= kind.length) grow();
        labels[e] = seriesLabels;
        target[e] = seriesTarget;
        state[e] = null;
        kind[e] = seriesKind;
        group[e] = peers;
        id[e] = MetricsSource.SeriesSink.NO_ID;
        seenAt[e] = 0;
        lastSeen[e] = Long.MIN_VALUE;
        low[e] = Double.NaN;
        high[e] = Double.NaN;
        readIn[e] = 0;
        byLabels.put(seriesLabels, e);
        bind(e, sourceId, seriesLabels);
        return e;
    }

    private void bind(int e, int sourceId, Map<String, String> seriesLabels) {
        instance[e] = seriesLabels;
        if (sourceId < 0) return;
        if (id[e] >= 0 && id[e] < ofId.length && ofId[id[e]] == e + 1) ofId[id[e]] = 0;
        if (sourceId >= ofId.length) ofId = Arrays.copyOf(ofId, Math.max(sourceId + 1, ofId.length * 2));
        ofId[sourceId] = e + 1;
        id[e] = sourceId;
    }

    /** Drops the entries of series handed last before {@code horizon}. */
    void forgetSeenBefore(long horizon) {
        for (int e = 0; e < size; e++) {
            if (labels[e] == null || seenAt[e] >= horizon) continue;
            byLabels.remove(labels[e]);
            if (id[e] >= 0 && id[e] < ofId.length && ofId[id[e]] == e + 1) ofId[id[e]] = 0;
            labels[e] = null;
            target[e] = null;
            state[e] = null;
            group[e] = null;
            instance[e] = null;
            if (freeCount == free.length) free = Arrays.copyOf(free, freeCount * 2);
            free[freeCount++] = e;
        }
    }

    private void grow() {
        int n = kind.length * 2;
        labels = Arrays.copyOf(labels, n);
        target = Arrays.copyOf(target, n);
        state = Arrays.copyOf(state, n);
        kind = Arrays.copyOf(kind, n);
        group = Arrays.copyOf(group, n);
        instance = Arrays.copyOf(instance, n);
        id = Arrays.copyOf(id, n);
        seenAt = Arrays.copyOf(seenAt, n);
        lastSeen = Arrays.copyOf(lastSeen, n);
        low = Arrays.copyOf(low, n);
        high = Arrays.copyOf(high, n);
        readIn = Arrays.copyOf(readIn, n);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String>[] newLabels(int n) { return (Map<String, String>[]) new Map[n]; }
}
