package dev.homeostat.remediation.policy;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A metric name with optional equality label matchers, written as in PromQL:
 * {@code kube_pod_container_status_last_terminated_reason{reason="OOMKilled"}}. The engine asks
 * its {@code MetricsSource} for the bare {@code name} and keeps the series whose labels match, so
 * the ports stay unchanged; one metric may then name several series per target (one per reason),
 * and the selector picks the one a signal means.
 */
public record MetricSelector(String name, Map<String, String> labels) {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern MATCHER = Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*=\\s*\"([^\"]*)\"\\s*");

    public MetricSelector {
        // a plain name is passed to the MetricsSource as it is (live, it may key a configured query); only a name with matchers must be a metric name
        if (name == null || name.isBlank() || (labels != null && !labels.isEmpty() && !NAME.matcher(name).matches())) {
            throw new IllegalArgumentException("'" + name + "' is not a metric name; write e.g. kube_pod_status_ready or name{label=\"value\"}");
        }
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels == null ? Map.of() : labels));
    }

    /** Parses {@code name} or {@code name{label="value",...}} (equality matchers only). */
    public static MetricSelector parse(String text) {
        String s = text == null ? "" : text.trim();
        int brace = s.indexOf('{');
        if (brace < 0) return new MetricSelector(s, Map.of());
        if (!s.endsWith("}")) throw bad(text, "the label matchers must end with '}'");
        String name = s.substring(0, brace).trim();
        String body = s.substring(brace + 1, s.length() - 1);
        var labels = new TreeMap<String, String>();
        if (!body.isBlank()) {
            for (String part : body.split(",", -1)) {
                Matcher m = MATCHER.matcher(part);
                if (!m.matches()) throw bad(text, "'" + part.trim() + "' is not label=\"value\" (only = matchers are supported)");
                if (labels.put(m.group(1), m.group(2)) != null) throw bad(text, "label '" + m.group(1) + "' is matched twice");
            }
        }
        try {
            return new MetricSelector(name, labels);
        } catch (IllegalArgumentException e) {
            throw bad(text, e.getMessage());
        }
    }

    /** True when the series' labels carry every matcher's value. */
    public boolean matches(Map<String, String> seriesLabels) {
        for (var e : labels.entrySet()) if (!e.getValue().equals(seriesLabels.get(e.getKey()))) return false;
        return true;
    }

    private static IllegalArgumentException bad(String text, String problem) {
        return new IllegalArgumentException("bad metric selector '" + text + "': " + problem
                + "; write name or name{label=\"value\",...}, e.g. kube_pod_container_status_waiting_reason{reason=\"CrashLoopBackOff\"}");
    }

    @Override public String toString() {
        if (labels.isEmpty()) return name;
        var sb = new StringBuilder(name).append('{');
        labels.forEach((k, v) -> sb.append(k).append("=\"").append(v).append("\","));
        return sb.substring(0, sb.length() - 1) + "}";
    }
}
