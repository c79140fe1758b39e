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
import dev.homeostat.remediation.port.SeriesBatch;
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
    /** Univariate: what is known per series, an entry each, found by the source's number for it or by its labels. */
    private final SeriesTable table = new SeriesTable();
    /** Peer groups (ns/peer label value) of a signal with {@code peers}. */
    private final Map<String, PeerGroup> groups = new HashMap<>();
    /** The series of the tick being evaluated. */
    private final TickBuffer tick = new TickBuffer();
    /** Whether a series' samples are judged as they are (no peers): one inside its band needs no second look. */
    private final boolean alone;
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
        this.alone = signal.peers() == null;
    }

    Signal signal() { return signal; }

    int detectorCount() {
        int n = byTarget.size();
        for (int e = 0; e < table.limit(); e++) if (table.state[e] != null) n++;
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
        metrics.readBatches(selectors.getFirst().name(), since, now, batch -> take(batch, now));
        for (PeerGroup g : groups.values()) g.settle();
        List<Anomaly> found = new ArrayList<>();
        for (int s = 0, start = 0; s < tick.size; start += tick.count[s++]) {
            Anomaly latest = judge(s, start);
            if (latest != null) found.add(latest);
        }
        return latestPerTarget(found);
    }

    /**
     * A batch of the tick's read, in one loop: each series' entry (by number, an array index), then its new samples
     * and band into the tick's arrays (a series judged alone whose new samples all lie inside its band goes no
     * further).
     */
    private void take(SeriesBatch batch, long now) {
        SeriesTable t = table;
        for (int s = 0, size = batch.size(); s < size; s++) {
            int e = t.find(batch, s);
            if (e < 0) e = enter(batch.id(s), batch.labels(s));
            t.seenAt[e] = now;
            byte kind = t.kind[e];
            if (kind == SeriesTable.UNSELECTED) continue;
            int first = batch.start(s), n = batch.count(s);
            PeerGroup group = t.group[e];
            if (group != null && n > 0) group.add(batch.value(first + n - 1));
            if (kind == SeriesTable.NO_TARGET) continue; // a series without the target label cannot be acted on
            if (kind == SeriesTable.NEW) start(e);
            // a label set twice in one read (a source's duplicate) is judged sample by sample, as its band may move
            boolean again = t.readIn[e] == reads;
            t.readIn[e] = reads;
            tick.add(t, e, batch, first, n, now, again, alone && !again);
        }
    }

    /** A series first seen: what its labels imply, worked out once. */
    private int enter(int id, Map<String, String> labels) {
        boolean selected = selectors.getFirst().matches(labels);
        Target target = targetOf(signal, labels);
        byte kind = !selected ? SeriesTable.UNSELECTED : target == null ? SeriesTable.NO_TARGET : SeriesTable.NEW;
        return table.add(id, labels, kind, target, groupOf(labels));
    }

    /** A series' detector, made when the series first comes with a target. */
    private void start(int e) {
        Target target = table.target[e];
        SeriesState state = new SeriesState(target, table.labels[e].get(Engine.SERVICE_LABEL), create(target));
        table.state[e] = state;
        table.kind[e] = SeriesTable.LIVE;
        if (target.kind() == Target.Kind.POD) services.learn(target, state.service);
    }

    /** The tick's series {@code s}, its samples from {@code start} on, judged: its latest anomaly, or null. */
    private Anomaly judge(int s, int start) {
        int e = tick.entry[s];
        PeerGroup group = table.group[e];
        double median = group == null ? Double.NaN : group.median;
        boolean ratio = signal.peerRatio();
        if (ratio && !(median > 0)) {
            // a multiple of nothing (no peers, or peers at zero) says nothing: the samples stay unseen, as if not read
            table.lastSeen[e] = Math.min(table.lastSeen[e], tick.lastSeenBefore[s]); // the earliest, for a duplicate
            return null;
        }
        // the band as the read found it: only this series' own judging moves it, and a duplicate's is none
        double low = tick.noBand[s] ? Double.NaN : table.low[e], high = tick.noBand[s] ? Double.NaN : table.high[e];
        Anomaly latest = null;
        for (int i = start, end = i + tick.count[s]; i < end; i++) {
            double v = Double.isNaN(median) ? tick.values[i] : ratio ? tick.values[i] / median : tick.values[i] - median;
            // the detector would judge it normal and stay as it is: a quiet series costs no detector call
            if (v >= low && v <= high) continue;
            SeriesState state = table.state[e];
            long t = tick.times[i];
            Verdict verdict = state.detector.observe(t, new double[] {v});
            QuietBand band = state.detector.quietBand();
            table.low[e] = low = band.low();
            table.high[e] = high = band.high();
            if (verdict.anomalous()) latest = anomaly(state, t, verdict);
        }
        return latest;
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
        table.forgetSeenBefore(horizon);
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

    /**
     * The median of one tick's newest values of a peer group's series (NaN with fewer than two members, or fewer than
     * two finite values: nothing to compare with).
     */
    static final class PeerGroup {
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
     * series' entry, its new samples (after the last it saw, none from the future: its last-seen time moves on as they
     * are taken), its detector's quiet band and its last-seen time before.
     */
    private static final class TickBuffer {
        int[] entry = new int[64];
        long[] lastSeenBefore = new long[64];
        /** Read twice in one read (a source's duplicate): judged sample by sample, without a band. */
        boolean[] noBand = new boolean[64];
        /** Samples of each series, one series after the other. */
        int[] count = new int[64];
        long[] times = new long[256];
        double[] values = new double[256];
        int size;
        int samples;

        void clear() {
            size = 0;
            samples = 0;
        }

        /**
         * Series {@code e}'s samples {@code [first, first + n)} of {@code batch}. {@code skipQuiet}: it is judged on its
         * own values, so the samples before its first outside the band are taken without a look in the judging (it
         * would skip them), and a series with none outside is not kept.
         */
        void add(SeriesTable t, int e, SeriesBatch batch, int first, int n, long now, boolean again, boolean skipQuiet) {
            long last = t.lastSeen[e];
            int i = first, end = first + n;
            if (skipQuiet) {
                double lo = t.low[e], hi = t.high[e];
                for (; i < end; i++) {
                    long time = batch.time(i);
                    if (time <= last || time > now) continue;
                    double v = batch.value(i);
                    if (!(v >= lo && v <= hi)) break;
                    last = time;
                }
                t.lastSeen[e] = last;
                if (i == end) return;
            }
            if (size == entry.length) grow();
            if (samples + (end - i) > times.length) {
                int grown = Math.max(samples + (end - i), times.length * 2);
                times = Arrays.copyOf(times, grown);
                values = Arrays.copyOf(values, grown);
            }
            entry[size] = e;
            lastSeenBefore[size] = last;
            noBand[size] = again;
            int from = samples;
            for (; i < end; i++) {
                long time = batch.time(i);
                if (time <= last || time > now) continue; // each sample once, and none from the future
                last = time;
                times[samples] = time;
                values[samples++] = batch.value(i);
            }
            t.lastSeen[e] = last;
            count[size] = samples - from;
            size++;
        }

        private void grow() {
            int n = size * 2;
            entry = Arrays.copyOf(entry, n);
            lastSeenBefore = Arrays.copyOf(lastSeenBefore, n);
            noBand = Arrays.copyOf(noBand, n);
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
