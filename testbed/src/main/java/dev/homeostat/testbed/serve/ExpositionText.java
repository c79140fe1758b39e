package dev.homeostat.testbed.serve;

import dev.homeostat.simulator.cluster.PodView;
import dev.homeostat.simulator.metrics.MetricStore;
import dev.homeostat.simulator.metrics.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulator's latest samples in the Prometheus text exposition format (version 0.0.4), as a real
 * cluster's exporters would show them to a scrape: cAdvisor, kube-state-metrics and the application's
 * {@code http_requests_total}.
 *
 * <p>Not exported: the simulator's own recording-rule series (names with a colon, e.g.
 * {@code pod:container_memory_working_set_bytes:ratio_limit}) — the real Prometheus computes those from
 * {@code deploy/engine/prometheus-rules.yaml}, and exporting both would give duplicate series. Added:
 * {@code kube_pod_container_resource_limits} (memory) of every live pod, which those rules divide by and
 * which the simulator keeps in its spec rather than in its store. A series whose last sample is older than
 * {@code staleAfterMillis} is left out, so a deleted pod disappears from the scrape as it would live.
 */
public final class ExpositionText {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    public static final String LIMITS = "kube_pod_container_resource_limits";

    private ExpositionText() { }

    /** One live pod's memory limit, bytes, and its container's name. */
    public record PodLimit(PodView pod, String container, long memoryLimitBytes) { }

    /** Renders every metric of {@code store} at virtual time {@code now}, sorted by name then labels. */
    public static String render(MetricStore store, long now, long staleAfterMillis, List<PodLimit> limits) {
        var families = new TreeMap<String, List<String>>();
        for (String metric : store.metricNames()) {
            if (metric.contains(":")) continue; // a recording rule: Prometheus records it itself
            var lines = new ArrayList<String>();
            for (Series s : store.range(metric, Math.max(0, now - staleAfterMillis), now)) {
                if (s.size() == 0) continue;
                lines.add(metric + labels(s.labels()) + " " + number(s.values()[s.size() - 1]));
            }
            if (!lines.isEmpty()) families.put(metric, lines);
        }
        if (!limits.isEmpty()) {
            var lines = new ArrayList<String>();
            for (PodLimit l : limits) {
                var labels = new TreeMap<String, String>();
                labels.put("namespace", l.pod().namespace());
                labels.put("pod", l.pod().name());
                labels.put("container", l.container());
                labels.put("resource", "memory");
                labels.put("unit", "byte");
                lines.add(LIMITS + labels(labels) + " " + number(l.memoryLimitBytes()));
            }
            families.put(LIMITS, lines);
        }
        var out = new StringBuilder();
        for (var e : families.entrySet()) {
            out.append("# TYPE ").append(e.getKey()).append(e.getKey().endsWith("_total") ? " counter" : " gauge").append('\n');
            e.getValue().stream().sorted().forEach(line -> out.append(line).append('\n'));
        }
        return out.toString();
    }

    static String labels(Map<String, String> labels) {
        if (labels.isEmpty()) return "";
        var out = new StringBuilder("{");
        boolean first = true;
        for (var e : new TreeMap<>(labels).entrySet()) {
            if (!first) out.append(',');
            first = false;
            out.append(e.getKey()).append("=\"").append(escape(e.getValue())).append('"');
        }
        return out.append('}').toString();
    }

    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    static String number(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "+Inf" : "-Inf";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }
}
