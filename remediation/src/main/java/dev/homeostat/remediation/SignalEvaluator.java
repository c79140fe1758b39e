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
 * the signal's metric come with the samples since the last tick, each series' state is found by its labels (no key
 * rebuilt per tick), and only the anomalies found are sorted.
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
    /** Univariate: state per series, by its label set. */
    private final Map<Map<String, String>, SeriesState> byLabels = new HashMap<>();
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

    int detectorCount() { return byLabels.size() + byTarget.size(); }

    /** Feeds each series' samples in (since, now] to its detector; the latest anomalous verdict per series becomes one anomaly. */
    List<Anomaly> evaluate(MetricsSource metrics, long since, long now) {
        if (signal.multivariate()) return MultivariateJoin.evaluate(this, metrics, since, now);
        List<MetricSeries> list = query(metrics, selectors.getFirst(), since, now);
        double[] peerMedian = signal.peers() == null ? null : new double[list.size()];
        if (peerMedian != null) PeerMedians.fill(list, signal.peers(), peerMedian);
        List<Anomaly> found = new ArrayList<>();
        for (int s = 0; s < list.size(); s++) {
            MetricSeries series = list.get(s);
            SeriesState state = byLabels.get(series.labels());
            if (state == null) {
                Target target = targetOf(signal, series.labels());
                if (target == null) continue; // a series without the target label cannot be acted on
                state = new SeriesState(target, series.labels().get(Engine.SERVICE_LABEL), create(target));
                byLabels.put(series.labels(), state);
                if (target.kind() == Target.Kind.POD) services.learn(target, state.service);
            }
            state.seenAt = now;
            double median = peerMedian == null ? Double.NaN : peerMedian[s];
            boolean ratio = signal.peerRatio();
            // a multiple of nothing: without peers, or peers at zero, a ratio says nothing
            if (ratio && !(median > 0)) continue;
            Anomaly latest = null;
            long[] times = series.times();
            double[] values = series.values();
            for (int i = 0; i < times.length; i++) {
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
        byLabels.values().removeIf(s -> s.seenAt < horizon);
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
