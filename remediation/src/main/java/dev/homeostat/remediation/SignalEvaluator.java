package dev.homeostat.remediation;

import dev.homeostat.units.Seeds;
import dev.homeostat.detectors.Detector;
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

    /** Feeds each series' samples in (since, now] to its detector; the latest anomalous verdict per series becomes one anomaly. */
    List<Anomaly> evaluate(MetricsSource metrics, long since, long now) {
        if (signal.multivariate()) return MultivariateJoin.evaluate(this, metrics, since, now);
        tick.clear();
        metrics.read(selectors.getFirst().name(), since, now, (id, labels, times, values, n) -> {
            Known known = known(id, labels);
            known.seenAt = now;
            if (!known.selected) return;
            tick.add(known, times, values, n);
            if (known.group != null && n > 0) known.group.add(values[n - 1]);
        });
        for (PeerGroup g : groups.values()) g.settle();
        List<Anomaly> found = new ArrayList<>();
        boolean ratio = signal.peerRatio();
        for (int s = 0; s < tick.size; s++) {
            Known known = tick.known[s];
            if (known.target == null) continue; // a series without the target label cannot be acted on
            SeriesState state = known.state;
            if (state == null) {
                state = new SeriesState(known.target, known.labels.get(Engine.SERVICE_LABEL), create(known.target));
                known.state = state;
                if (known.target.kind() == Target.Kind.POD) services.learn(known.target, state.service);
            }
            state.seenAt = now;
            double median = known.group == null ? Double.NaN : known.group.median;
            // a multiple of nothing: without peers, or peers at zero, a ratio says nothing
            if (ratio && !(median > 0)) continue;
            Anomaly latest = null;
            long[] times = tick.times;
            double[] values = tick.values;
            for (int i = tick.start[s], end = i + tick.count[s]; i < end; i++) {
                long t = times[i];
                if (t <= state.lastSeen || t > now) continue; // each sample once, and none from the future
                state.lastSeen = t;
                double v = Double.isNaN(median) ? values[i] : ratio ? values[i] / median : values[i] - median;
                Verdict verdict = state.detector.observe(t, new double[] {v});
                if (verdict.anomalous()) latest = anomaly(state, t, verdict);
            }
            if (latest != null) found.add(latest);
        }
        return latestPerTarget(found);
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
        byLabels.values().removeIf(k -> {
            if (k.seenAt >= horizon) return false;
            if (k.id >= 0 && k.id < byId.length && byId[k.id] == k) byId[k.id] = null;
            return true;
        });
        byTarget.values().removeIf(s -> s.seenAt < horizon);
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

    /** The selected series of one tick and their samples, in the source's order, in arrays reused tick after tick. */
    private static final class TickBuffer {
        Known[] known = new Known[64];
        int[] start = new int[64];
        int[] count = new int[64];
        long[] times = new long[256];
        double[] values = new double[256];
        int size;
        int samples;

        void clear() {
            Arrays.fill(known, 0, size, null);
            size = 0;
            samples = 0;
        }

        void add(Known k, long[] t, double[] v, int n) {
            if (size == known.length) {
                known = Arrays.copyOf(known, size * 2);
                start = Arrays.copyOf(start, size * 2);
                count = Arrays.copyOf(count, size * 2);
            }
            if (samples + n > times.length) {
                int grown = Math.max(samples + n, times.length * 2);
                times = Arrays.copyOf(times, grown);
                values = Arrays.copyOf(values, grown);
            }
            System.arraycopy(t, 0, times, samples, n);
            System.arraycopy(v, 0, values, samples, n);
            known[size] = k;
            start[size] = samples;
            count[size++] = n;
            samples += n;
        }
    }

    /** A series' detector, the time of the last sample it saw, and when it last sent one. */
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
