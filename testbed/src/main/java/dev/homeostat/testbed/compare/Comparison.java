package dev.homeostat.testbed.compare;

import dev.homeostat.reports.ScenarioReport;
import dev.homeostat.reports.SuiteReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Two suite reports compared scenario by scenario (sorted by name). A scenario of the base report that the new
 * one lacks fails the gate ({@code onlyInBase}): a scenario must not drop out of a gate silently. One only in the
 * new report ({@code onlyInNew}) is listed and not judged: it has nothing to be compared with.
 */
public record Comparison(String baseSuite, String newSuite, List<ScenarioComparison> scenarios, List<String> onlyInBase,
                         List<String> onlyInNew, Thresholds thresholds) {
    /** Differences smaller than this are rounding noise: report.json keeps 6 decimals. */
    static final double EPSILON = 1e-6;

    public Comparison {
        scenarios = List.copyOf(scenarios);
        onlyInBase = List.copyOf(onlyInBase);
        onlyInNew = List.copyOf(onlyInNew);
    }

    /**
     * Compares {@code next} against {@code base}. Throws IllegalArgumentException when they share no
     * scenario (almost surely two different suites given by mistake).
     */
    public static Comparison of(SuiteReport base, SuiteReport next, Thresholds thresholds) {
        Map<String, ScenarioReport> baseByName = byName(base);
        Map<String, ScenarioReport> newByName = byName(next);
        var both = new ArrayList<ScenarioComparison>();
        var onlyBase = new ArrayList<String>();
        baseByName.forEach((name, b) -> {
            ScenarioReport n = newByName.get(name);
            if (n == null) onlyBase.add(name);
            else both.add(compare(b, n, thresholds));
        });
        List<String> onlyNew = newByName.keySet().stream().filter(k -> !baseByName.containsKey(k)).toList();
        if (both.isEmpty()) {
            throw new IllegalArgumentException("the reports share no scenario (base suite " + base.suite() + ": "
                    + baseByName.keySet() + ", new suite " + next.suite() + ": " + newByName.keySet()
                    + "); compare two reports of the same suite");
        }
        return new Comparison(base.suite(), next.suite(), both, onlyBase, onlyNew, thresholds);
    }

    /** Every regression, one line each: {@code scenario: metric base → new (why)}, and each scenario missing from the new report. */
    public List<String> regressions() {
        var lines = new ArrayList<String>();
        for (String name : onlyInBase)
            lines.add(name + ": missing from the new report (run it, or remove it from the base report on purpose)");
        for (ScenarioComparison s : scenarios) {
            for (MetricComparison m : s.regressions()) {
                lines.add(s.scenario() + ": " + m.metric().field() + " " + m.metric().format(m.base()) + " → "
                        + m.metric().format(m.next()) + " (" + m.reason() + ")");
            }
        }
        return lines;
    }

    public boolean hasRegression() {
        return !onlyInBase.isEmpty() || scenarios.stream().anyMatch(s -> !s.regressions().isEmpty());
    }

    private static Map<String, ScenarioReport> byName(SuiteReport report) {
        var map = new TreeMap<String, ScenarioReport>();
        for (ScenarioReport s : report.scenarios()) map.put(s.name(), s);
        return map;
    }

    static ScenarioComparison compare(ScenarioReport base, ScenarioReport next, Thresholds thresholds) {
        var metrics = new ArrayList<MetricComparison>();
        for (Metric metric : Metric.values()) metrics.add(compare(metric, base, next, thresholds));
        return new ScenarioComparison(base.name(), base.seeds(), next.seeds(), metrics);
    }

    static MetricComparison compare(Metric metric, ScenarioReport base, ScenarioReport next, Thresholds thresholds) {
        Double b = metric.valueIn(base);
        Double n = metric.valueIn(next);
        if (b == null && n == null) return new MetricComparison(metric, null, null, null, null, Judgement.UNCHANGED, "undefined on both sides");
        if (b == null || n == null) {
            // Downtime reduction turns undefined when plain Kubernetes had no downtime but the engine
            // run had some: the engine caused an outage. Every other one-sided undefined value shows up
            // in another metric (no alert → recall; no impact → downtime), so it is not judged twice.
            if (metric == Metric.DOWNTIME_REDUCTION && n == null) {
                return new MetricComparison(metric, b, null, null, null, Judgement.REGRESSION,
                        "undefined: the engine run had downtime where plain Kubernetes had none");
            }
            return new MetricComparison(metric, b, n, null, null, Judgement.NOT_COMPARABLE,
                    "defined on the " + (b == null ? "new" : "base") + " side only");
        }
        double delta = n - b;
        Double p = Welch.pValue(Sample.of(base, metric), Sample.of(next, metric));
        double badness = metric.badness(b, n);
        double limit = thresholds.limit(metric);
        String change = (metric.higherIsBetter() ? "drop " : "increase ") + metric.format(Math.abs(delta));
        if (badness > limit + EPSILON) {
            String why = change + " > " + Thresholds.flag(metric) + " " + metric.format(limit);
            boolean significant = p == null || p < thresholds.alpha();
            if (thresholds.requireSignificance() && !significant) {
                return new MetricComparison(metric, b, n, delta, p, Judgement.WORSE,
                        why + ", but not significant (p " + formatP(p) + " >= alpha " + thresholds.alpha() + ")");
            }
            return new MetricComparison(metric, b, n, delta, p, Judgement.REGRESSION, why);
        }
        if (badness > EPSILON) return new MetricComparison(metric, b, n, delta, p, Judgement.WORSE, change + " within " + metric.format(limit));
        if (badness < -EPSILON) return new MetricComparison(metric, b, n, delta, p, Judgement.IMPROVED, "");
        return new MetricComparison(metric, b, n, delta, p, Judgement.UNCHANGED, "");
    }

    /** A p-value as printed: 3 decimals, {@code <0.001} below that, {@code n/a} when unknown. */
    public static String formatP(Double p) {
        if (p == null) return "n/a";
        if (p < 0.001) return "<0.001";
        return String.format(java.util.Locale.ROOT, "%.3f", p);
    }
}
