package dev.homeostat.remediation;

import dev.homeostat.units.Seeds;
import dev.homeostat.detectors.Detector;
import dev.homeostat.detectors.QuietBand;
import dev.homeostat.detectors.Verdict;
import dev.homeostat.remediation.model.Anomaly;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.policy.MetricSelector;
import dev.homeostat.remediation.policy.Signal;
import dev.homeostat.remediation.port.MetricSeries;
import dev.homeostat.remediation.port.MetricsSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One signal of the policy: its series' detectors and what each saw last. A tick costs what is new: the series of
 * the signal's metric come through {@link MetricsSource#read} with the samples since the last tick; what the evaluator
 * knows of each series (whether the selector takes it, its target, its peer group, its detector) is found by the
 * source's number for it — else by its labels — and was worked out once, when the series first came; only the
 * anomalies found are sorted.
 *
 * <p>With {@code peers} set, a series is judged against its peers (the series sharing that label, e.g. the pods of one
 * service): the detector gets its value minus the peers' median of the tick, so a rise every pod shares — a load
 * ramp, a slow dependency — is not one pod's anomaly, and a pod that stands out is.
 */
final class SignalEvaluator {
    private final Signal signal;
    private final List<MetricSelector> selectors;
    private final DetectorFactory detectors;
    private final long seed;
    /** Univariate: what is known per series, by its label set, and by the source's number for it. */
    private final Map<Map<String, String>, Known> byLabels = new HashMap<>();
    private Known[] byId = new Known[0];
    /** Peer groups (ns/peer label value) of a signal with {@code peers}. */
    private final Map<String, PeerGroup> groups = new HashMap<>();
    /** The series of the tick being evaluated. */
    private final TickBuffer tick = new TickBuffer();
    /** Univariate reads so far: which read last handed each series. */
    private int reads;
    /** Multivariate: state per target ref (several metrics' series join on the target). */
    private final Map<String, SeriesState> byTarget = new TreeMap<>();

    private final ServiceIndex services;

    SignalEvaluator(Signal signal, DetectorFactory detectors, long seed, ServiceIndex services) {
        this.services = services;
        this.signal = signal;
        this.selectors = signal.selectors();
        this.detectors = detectors;
        this.seed = seed;
    }

    Signal signal() { return signal; }

    int detectorCount() {
        int n = byTarget.size();
        for (Known k : byLabels.values()) if (k.state != null) n++;
        return n;
    }

    /**
     * Feeds each series' samples in (since, now] to its detector; the latest anomalous verdict per series becomes one
     * anomaly. In two passes, as a peer's value needs its group's median of the tick: the read takes each series' new
     * samples and what its detector's {@link QuietBand} is into the tick's arrays, then the judging walks those arrays
     * and touches a series' detector only for a sample outside its band: a quiet tick reads each series' entry once.
     */
    List<Anomaly> evaluate(MetricsSource metrics, long since, long now) {
        if (signal.multivariate()) return MultivariateJoin.evaluate(this, metrics, since, now);
        tick.clear();
        reads++;
        metrics.read(selectors.getFirst().name(), since, now, (id, labels, times, values, n) -> {
            Known known = known(id, labels);
            known.seenAt = now;
            if (!known.selected) return;
            if (known.group != null && n > 0) known.group.add(values[n - 1]);
            if (known.target == null) return; // a series without the target label cannot be acted on
            if (known.state == null) start(known);
            // a label set twice in one read (a source's duplicate) is judged sample by sample, as its band may move
            boolean again = known.readIn == reads;
            known.readIn = reads;
            tick.add(known, times, values, n, now, again);
        });
        for (PeerGroup g : groups.values()) g.settle();
        List<Anomaly> found = new ArrayList<>();
        for (int s = 0; s < tick.size; s++) {
            Anomaly latest = judge(s);
            if (latest != null) found.add(latest);
        }
        return latestPerTarget(found);
    }

    /** A series' detector, made when the series first comes with a target. */
    private void start(Known known) {
        known.state = new SeriesState(known.target, known.labels.get(Engine.SERVICE_LABEL), create(known.target));
        if (known.target.kind() == Target.Kind.POD) services.learn(known.target, known.state.service);
    }

    /** The tick's series {@code s} judged: its latest anomaly, or null. */
    private Anomaly judge(int s) {
        PeerGroup group = tick.group[s];
        double median = group == null ? Double.NaN : group.median;
        boolean ratio = signal.peerRatio();
        if (ratio && !(median > 0)) {
            // a multiple of nothing (no peers, or peers at zero) says nothing: the samples stay unseen, as if not read
            tick.known[s].lastSeen = Math.min(tick.known[s].lastSeen, tick.lastSeenBefore[s]); // the earliest, for a duplicate
            return null;
        }
        double low = tick.low[s], high = tick.high[s];
        Anomaly latest = null;
        for (int i = tick.start[s], end = i + tick.count[s]; i < end; i++) {
            double v = Double.isNaN(median) ? tick.values[i] : ratio ? tick.values[i] / median : tick.values[i] - median;
            // the detector would judge it normal and stay as it is: a quiet series costs no detector call
            if (v >= low && v <= high) continue;
            Known known = tick.known[s];
            long t = tick.times[i];
            Verdict verdict = known.state.detector.observe(t, new double[] {v});
            QuietBand band = known.state.detector.quietBand();
            known.quietLow = low = band.low();
            known.quietHigh = high = band.high();
            if (verdict.anomalous()) latest = anomaly(known.state, t, verdict);
        }
        return latest;
    }

    /** What is known of a series: by the source's number when it gives one and it still names these labels, else by the labels. */
    private Known known(int id, Map<String, String> labels) {
        if (id >= 0 && id < byId.length) {
            Known k = byId[id];
            if (k != null && k.instance == labels) return k;
        }
        Known k = byLabels.get(labels);
        if (k == null) {
            k = new Known(labels, selectors.getFirst().matches(labels), targetOf(signal, labels), groupOf(labels));
            byLabels.put(labels, k);
        }
        k.instance = labels;
        if (id >= 0) {
            if (k.id >= 0 && k.id < byId.length && byId[k.id] == k) byId[k.id] = null;
            if (id >= byId.length) byId = Arrays.copyOf(byId, Math.max(id + 1, byId.length * 2));
            byId[id] = k;
            k.id = id;
        }
        return k;
    }

    private PeerGroup groupOf(Map<String, String> labels) {
        if (signal.peers() == null) return null;
        String peer = labels.get(signal.peers());
        if (peer == null) return null;
        return groups.computeIfAbsent(labels.getOrDefault(Engine.NAMESPACE_LABEL, "default") + "/" + peer, g -> new PeerGroup());
    }

    /** At most one anomaly per target and tick (several series may name one target, e.g. one per container): the latest. */
    static List<Anomaly> latestPerTarget(List<Anomaly> found) {
        if (found.size() < 2) return found;
        var byTarget = new java.util.LinkedHashMap<String, Anomaly>();
        for (Anomaly a : found) byTarget.merge(a.target().ref(), a, (x, y) -> y.timeMillis() >= x.timeMillis() ? y : x);
        return byTarget.size() == found.size() ? found : new ArrayList<>(byTarget.values());
    }

    Detector create(Target target) {
        return detectors.create(signal.detector(), Seeds.derive(seed, signal.name() + " " + target.ref()));
    }

    Anomaly anomaly(SeriesState state, long t, Verdict verdict) {
        return new Anomaly(t, signal.name(), signal.detector().name(), state.target, state.service, verdict.score(), verdict.explanation());
    }

    Map<String, SeriesState> byTarget() { return byTarget; }

    List<MetricSelector> selectors() { return selectors; }

    /** Drops the detectors of series that sent nothing since {@code horizon} (pods that are gone, mostly). */
    void forgetQuietSince(long horizon) {
        if (anyQuietSince(horizon)) byLabels.values().removeIf(k -> {
            if (k.seenAt >= horizon) return false;
            if (k.id >= 0 && k.id < byId.length && byId[k.id] == k) byId[k.id] = null;
            return true;
        });
        byTarget.values().removeIf(s -> s.seenAt < horizon);
    }

    /**
     * Whether a series may be quiet since {@code horizon}: a walk of the numbered entries in number order (the order
     * they lie in memory) instead of the label map's table; false only when every entry is numbered and none is quiet.
     */
    private boolean anyQuietSince(long horizon) {
        int numbered = 0;
        for (Known k : byId) {
            if (k == null) continue;
            if (k.seenAt < horizon) return true;
            numbered++;
        }
        return numbered != byLabels.size();
    }

    /** The series of one selector: asks the source for the bare name and keeps the series its matchers accept. */
    static List<MetricSeries> query(MetricsSource metrics, MetricSelector selector, long since, long now) {
        List<MetricSeries> all = metrics.range(selector.name(), since, now);
        if (selector.labels().isEmpty()) return all;
        return all.stream().filter(s -> selector.matches(s.labels())).toList();
    }

    static Target targetOf(Signal signal, Map<String, String> labels) {
        String name = labels.get(signal.targetLabel());
        if (name == null || name.isBlank()) return null;
        return switch (signal.target()) {
            case POD, DEPLOYMENT, SERVICE -> new Target(signal.target(), labels.getOrDefault(Engine.NAMESPACE_LABEL, "default"), name);
            case NODE -> new Target(Target.Kind.NODE, null, name); // Signal refuses node targets; here for exhaustiveness
        };
    }

    /** What the evaluator worked out of a series' labels when it first came, and its detector once it has one. */
    private static final class Known {
        final Map<String, String> labels;
        /** The signal's selector takes it (its label matchers accept it). */
        final boolean selected;
        /** Null: no target label, nothing to act on. */
        final Target target;
        /** Null: no peers, or no peer label. */
        final PeerGroup group;
        SeriesState state;
        /** The read that last handed it. */
        int readIn;
        /** The time of the last sample its detector was handed or skipped. */
        long lastSeen = Long.MIN_VALUE;
        /** The detector's {@link QuietBand} after its last observation, kept here so a quiet tick reads no other object. */
        double quietLow = Double.NaN;
        double quietHigh = Double.NaN;
        /** The labels instance and number the source last gave it. */
        Map<String, String> instance;
        int id = MetricsSource.SeriesSink.NO_ID;
        long seenAt;

        Known(Map<String, String> labels, boolean selected, Target target, PeerGroup group) {
            this.labels = labels;
            this.selected = selected;
            this.target = target;
            this.group = group;
        }
    }

    /**
     * The median of one tick's newest values of a peer group's series (NaN with fewer than two members, or fewer than
     * two finite values: nothing to compare with).
     */
    private static final class PeerGroup {
        private int members;
        private int finite;
        private double[] newest = new double[8];
        double median = Double.NaN;

        void add(double newestValue) {
            members++;
            if (!Double.isFinite(newestValue)) return;
            if (finite == newest.length) newest = Arrays.copyOf(newest, finite * 2);
            newest[finite++] = newestValue;
        }

        /** Works out the tick's median and starts the next tick's count. */
        void settle() {
            median = PeerMedians.median(members, newest, finite);
            members = 0;
            finite = 0;
        }
    }

    /**
     * The selected series of one tick with a target, in the source's order, in arrays reused tick after tick: each
     * series' new samples (after the last it saw, none from the future: its last-seen time moves on as they are taken),
     * its peer group, its detector's quiet band and its last-seen time before.
     */
    private static final class TickBuffer {
        Known[] known = new Known[64];
        PeerGroup[] group = new PeerGroup[64];
        long[] lastSeenBefore = new long[64];
        double[] low = new double[64];
        double[] high = new double[64];
        int[] start = new int[64];
        int[] count = new int[64];
        long[] times = new long[256];
        double[] values = new double[256];
        int size;
        int samples;

        void clear() {
            Arrays.fill(known, 0, size, null);
            Arrays.fill(group, 0, size, null);
            size = 0;
            samples = 0;
        }

        void add(Known k, long[] t, double[] v, int n, long now, boolean noBand) {
            if (size == known.length) grow();
            if (samples + n > times.length) {
                int grown = Math.max(samples + n, times.length * 2);
                times = Arrays.copyOf(times, grown);
                values = Arrays.copyOf(values, grown);
            }
            known[size] = k;
            group[size] = k.group;
            lastSeenBefore[size] = k.lastSeen;
            low[size] = noBand ? Double.NaN : k.quietLow;
            high[size] = noBand ? Double.NaN : k.quietHigh;
            start[size] = samples;
            for (int i = 0; i < n; i++) {
                if (t[i] <= k.lastSeen || t[i] > now) continue; // each sample once, and none from the future
                k.lastSeen = t[i];
                times[samples] = t[i];
                values[samples++] = v[i];
            }
            count[size] = samples - start[size];
            size++;
        }

        private void grow() {
            int n = size * 2;
            known = Arrays.copyOf(known, n);
            group = Arrays.copyOf(group, n);
            lastSeenBefore = Arrays.copyOf(lastSeenBefore, n);
            low = Arrays.copyOf(low, n);
            high = Arrays.copyOf(high, n);
            start = Arrays.copyOf(start, n);
            count = Arrays.copyOf(count, n);
        }
    }

    /** A series' detector; for a multivariate join also the time of the last sample it saw, and when it last sent one. */
    static final class SeriesState {
        final Target target;
        final String service;
        final Detector detector;
        long lastSeen = Long.MIN_VALUE;
        long seenAt;
        long[] carriedTime;
        double[] carriedValue;

        SeriesState(Target target, String service, Detector detector) {
            this.target = target;
            this.service = service;
            this.detector = detector;
        }

        void carry(int metrics) {
            if (carriedTime != null) return;
            carriedTime = new long[metrics];
            carriedValue = new double[metrics];
            Arrays.fill(carriedTime, Long.MIN_VALUE);
            Arrays.fill(carriedValue, Double.NaN);
        }
    }
}
