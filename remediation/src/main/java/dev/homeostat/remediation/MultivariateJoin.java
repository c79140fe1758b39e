package dev.homeostat.remediation;

import dev.homeostat.detectors.Verdict;
import dev.homeostat.remediation.SignalEvaluator.SeriesState;
import dev.homeostat.remediation.model.Anomaly;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.policy.MetricSelector;
import dev.homeostat.remediation.policy.Signal;
import dev.homeostat.remediation.port.MetricSeries;
import dev.homeostat.remediation.port.MetricsSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A multivariate signal: per target, each new sample of the first metric becomes one vector, in the order of the
 * signal's metrics: the first metric's value, then for every other metric its latest value at or before that sample
 * — or NaN when it has none newer than the first metric's previous sample. That staleness rule is the engine's
 * version of Prometheus' staleness marker: kube-state-metrics' status series (waiting reason, last terminated
 * reason) vanish when the status ends, and a vanished series must not keep its last value for ever. Several series
 * of one metric for one target (containers, reasons) are merged by their maximum at each time. Latest values carry
 * over between ticks in the target's state.
 */
final class MultivariateJoin {
    private MultivariateJoin() { }

    /** One target's samples of one metric, its series merged by maximum per time; {@code labels} are its first series'. */
    private record Joined(Target target, Map<String, String> labels, long[] times, double[] values) { }

    static List<Anomaly> evaluate(SignalEvaluator evaluator, MetricsSource metrics, long since, long now) {
        Signal signal = evaluator.signal();
        List<MetricSelector> sel = evaluator.selectors();
        int m = sel.size();
        List<Map<String, Joined>> byMetric = new ArrayList<>(m);
        for (MetricSelector selector : sel) byMetric.add(joinByTarget(signal, SignalEvaluator.query(metrics, selector, since, now)));
        Map<String, SeriesState> states = evaluator.byTarget();
        List<Anomaly> found = new ArrayList<>();
        for (Joined driver : byMetric.getFirst().values()) {
            SeriesState state = states.computeIfAbsent(driver.target.ref(),
                    k -> new SeriesState(driver.target, driver.labels.get(Engine.SERVICE_LABEL), evaluator.create(driver.target)));
            state.seenAt = now;
            state.carry(m);
            int[] next = new int[m];
            Anomaly latest = null;
            for (int i = 0; i < driver.times.length; i++) {
                long t = driver.times[i];
                if (t <= state.lastSeen || t > now) continue; // each sample once, and none from the future
                double[] row = new double[m];
                row[0] = driver.values[i];
                for (int j = 1; j < m; j++) {
                    Joined other = byMetric.get(j).get(driver.target.ref());
                    if (other != null) next[j] = advance(state, j, other, next[j], t);
                    row[j] = state.carriedTime[j] > state.lastSeen ? state.carriedValue[j] : Double.NaN;
                }
                state.lastSeen = t;
                Verdict verdict = state.detector.observe(t, row);
                if (verdict.anomalous()) latest = evaluator.anomaly(state, t, verdict);
            }
            if (latest != null) found.add(latest);
        }
        // samples of the other metrics after the last driver sample still count as "latest" for the next tick's first one
        for (int j = 1; j < m; j++) {
            for (Joined other : byMetric.get(j).values()) {
                SeriesState state = states.get(other.target.ref());
                if (state == null) continue;
                state.carry(m);
                advance(state, j, other, 0, now);
            }
        }
        return found;
    }

    /** Takes metric j's samples from index {@code from} up to time {@code t} as its latest; returns the next index. */
    private static int advance(SeriesState state, int j, Joined other, int from, long t) {
        int i = from;
        for (; i < other.times.length && other.times[i] <= t; i++) {
            if (other.times[i] >= state.carriedTime[j]) {
                state.carriedTime[j] = other.times[i];
                state.carriedValue[j] = other.values[i];
            }
        }
        return i;
    }

    private static Map<String, Joined> joinByTarget(Signal signal, List<MetricSeries> list) {
        List<MetricSeries> sorted = new ArrayList<>(list);
        sorted.sort(Comparator.comparing(s -> new TreeMap<>(s.labels()).toString()));
        var groups = new TreeMap<String, List<MetricSeries>>();
        var targets = new TreeMap<String, Target>();
        for (MetricSeries s : sorted) {
            Target target = SignalEvaluator.targetOf(signal, s.labels());
            if (target == null) continue;
            groups.computeIfAbsent(target.ref(), r -> new ArrayList<>()).add(s);
            targets.putIfAbsent(target.ref(), target);
        }
        var out = new TreeMap<String, Joined>();
        groups.forEach((ref, group) -> {
            if (group.size() == 1) {
                MetricSeries s = group.getFirst();
                out.put(ref, new Joined(targets.get(ref), s.labels(), s.times(), s.values()));
                return;
            }
            var merged = new TreeMap<Long, Double>();
            for (MetricSeries s : group) {
                for (int i = 0; i < s.times().length; i++) {
                    merged.merge(s.times()[i], s.values()[i], (a, b) -> Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b));
                }
            }
            long[] times = merged.keySet().stream().mapToLong(Long::longValue).toArray();
            double[] values = merged.values().stream().mapToDouble(Double::doubleValue).toArray();
            out.put(ref, new Joined(targets.get(ref), group.getFirst().labels(), times, values));
        });
        return out;
    }
}
