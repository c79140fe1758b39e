package dev.homeostat.remediation.live.rules;

import dev.homeostat.detectors.DetectorSpec;
import dev.homeostat.remediation.live.AlertmanagerWebhook;
import dev.homeostat.remediation.policy.Policy;
import dev.homeostat.remediation.policy.Signal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Prometheus alerting rules of a policy: one per signal, labelled {@code homeostat_signal: <signal>} so that
 * Alertmanager routes it to the engine's webhook and the engine routes it like its own anomaly, with the condition
 * of the signal's detector written in PromQL — so the alerts never drift from the policy the simulation scores.
 *
 * <ul>
 *   <li>{@code threshold:above=A,below=B,for=N}: exactly the detector: {@code Q > A} / {@code Q < B}, with
 *       {@code for: (N-1) × evaluationInterval} (the detector fires at the N-th consecutive sample).</li>
 *   <li>{@code mad} and {@code ewma}: the z-score over the detector's window, in Prometheus' functions: the median
 *       ({@code quantile_over_time(0.5)}) or mean for the centre and {@code stddev_over_time} for the spread (for
 *       normal data, 1.4826 × MAD = σ), floored at {@code minSpread}; {@code direction} picks the side. An
 *       approximation of the detector (no relearning), said so in the rule's annotation.</li>
 *   <li>A signal with {@code peers} is judged on what the engine judges (SignalEvaluator): each series minus, or
 *       over, the median of its group ({@code quantile by (namespace, <label>) (0.5, …)}, Prometheus' median of an
 *       even group is the mean of the middle two as the engine's is); a series alone in its group as it is
 *       (difference) or not at all (ratio), and a ratio only over a median above zero.</li>
 *   <li>Every other detector (forecast, isolation forest, clustering, classifier, lifecycle, ensembles, seasonal)
 *       and multivariate signals have no PromQL form: no rule, and {@link #skipped} says why. The engine still
 *       detects them from {@code query_range}.</li>
 * </ul>
 */
public final class SignalAlertRules {
    /** One alerting rule, in the order and shape Prometheus writes it. */
    public record Rule(String alert, String expr, Duration forDuration, Map<String, String> labels, Map<String, String> annotations) { }

    /** A signal without a rule, and why. */
    public record Skipped(String signal, String reason) { }

    private final List<Rule> rules = new ArrayList<>();
    private final List<Skipped> skipped = new ArrayList<>();
    private final Duration interval;

    /** The rules of {@code policy}; {@code queries} maps a metric name to the PromQL that stands for it (EngineConfig prometheus.queries). */
    public SignalAlertRules(Policy policy, Map<String, String> queries) {
        this.interval = policy.evaluationInterval();
        for (Signal s : policy.signals()) {
            if (s.multivariate()) {
                skipped.add(new Skipped(s.name(), "multivariate (" + s.metrics().size() + " metrics): no single PromQL condition"));
                continue;
            }
            String q = peered(s, queries.getOrDefault(s.metric(), s.metric()));
            DetectorSpec d = s.detector();
            switch (d.name()) {
                case "threshold" -> rules.add(threshold(s, q, d));
                case "mad", "ewma" -> rules.add(zScore(s, q, d));
                default -> skipped.add(new Skipped(s.name(), "detector '" + d.name() + "' has no PromQL form; the engine detects it from query_range"));
            }
        }
    }

    public List<Rule> rules() { return List.copyOf(rules); }

    public List<Skipped> skipped() { return List.copyOf(skipped); }

    /** The rule group's evaluation interval: the policy's. */
    public Duration interval() { return interval; }

    /** The series {@code s}'s detector reads, {@code q} against its peers when the signal names them. */
    static String peered(Signal s, String q) {
        if (s.peers() == null) return q;
        String by = "(namespace, " + s.peers() + ")";
        String grouped = "on " + by + " (count by " + by + " (" + q + ") > 1)";
        String median = "quantile by " + by + " (0.5, " + q + ")";
        if (s.peerRatio()) return "(" + q + ") / on " + by + " group_left () (" + median + " > 0) and " + grouped;
        return "((" + q + ") - on " + by + " group_left () " + median + ") and " + grouped + " or ((" + q + ") unless " + grouped + ")";
    }

    private Rule threshold(Signal s, String q, DetectorSpec d) {
        String above = d.params().get("above");
        String below = d.params().get("below");
        String expr = above != null && below != null ? "(" + q + ") > " + above + " or (" + q + ") < " + below
                : above != null ? "(" + q + ") > " + above : "(" + q + ") < " + below;
        int n = Integer.parseInt(d.params().getOrDefault("for", "1"));
        return rule(s, q.equals(s.metric()) ? expr.replace("(" + q + ")", q) : expr, interval.multipliedBy(Math.max(0, n - 1)),
                "value {{ $value }} " + (above != null ? "above " + above : "below " + below) + " (" + d + ")", "exact");
    }

    private Rule zScore(Signal s, String q, DetectorSpec d) {
        boolean mad = d.name().equals("mad");
        int window = mad ? intParam(d, "window", 60) : (int) Math.round(2 / Double.parseDouble(d.params().getOrDefault("alpha", "0.1")) - 1);
        String k = d.params().getOrDefault("k", mad ? "5" : "4");
        String floor = d.params().getOrDefault("minSpread", "1e-9");
        String range = "[" + promDuration(interval.multipliedBy(Math.max(2, window))) + ":" + promDuration(interval) + "]";
        String centre = mad ? "quantile_over_time(0.5, (" + q + ")" + range + ")" : "avg_over_time((" + q + ")" + range + ")";
        String z = "((" + q + ") - " + centre + ") / clamp_min(stddev_over_time((" + q + ")" + range + "), " + floor + ")";
        String expr = switch (d.params().getOrDefault("direction", "both").toLowerCase(Locale.ROOT)) {
            case "up" -> z + " > " + k;
            case "down" -> z + " < -" + k;
            default -> "abs(" + z + ") > " + k;
        };
        return rule(s, expr, Duration.ZERO, "z-score {{ $value }} beyond " + k + " (" + d + ")",
                "approximate: " + (mad ? "median and standard deviation" : "mean and standard deviation") + " over " + window + " evaluation intervals");
    }

    private Rule rule(Signal s, String expr, Duration forDuration, String summary, String fidelity) {
        var labels = new LinkedHashMap<String, String>();
        labels.put(AlertmanagerWebhook.SIGNAL_LABEL, s.name());
        labels.put("severity", "warning");
        var annotations = new LinkedHashMap<String, String>();
        annotations.put("summary", s.name() + " on {{ $labels.namespace }}/{{ $labels." + s.targetLabel() + " }}: " + summary);
        annotations.put("homeostat_detector", s.detector().toString());
        annotations.put("homeostat_fidelity", fidelity);
        return new Rule("Homeostat" + camel(s.name()), expr, forDuration, labels, annotations);
    }

    private static int intParam(DetectorSpec d, String name, int fallback) {
        return Integer.parseInt(d.params().getOrDefault(name, Integer.toString(fallback)));
    }

    /** {@code service-errors} → {@code ServiceErrors}. */
    static String camel(String name) {
        var out = new StringBuilder();
        for (String part : name.split("[^A-Za-z0-9]+")) if (!part.isEmpty()) out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        return out.toString();
    }

    /** A Prometheus duration: whole milliseconds, seconds, minutes or hours, largest unit that divides. */
    public static String promDuration(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0 && ms > 0) return ms / 3_600_000 + "h";
        if (ms % 60_000 == 0 && ms > 0) return ms / 60_000 + "m";
        if (ms % 1000 == 0) return ms / 1000 + "s";
        return ms + "ms";
    }
}
