package dev.homeostat.testbed.serve;

import dev.homeostat.simulator.cluster.PodView;
import dev.homeostat.simulator.metrics.MetricStore;
import dev.homeostat.simulator.metrics.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The simulator's latest samples in the Prometheus text exposition format (version 0.0.4), as a real
 * cluster's exporters would show them to a scrape: cAdvisor, kube-state-metrics and the application's
 * {@code http_requests_total}.
 *
 * <p>Not exported: the simulator's own recording-rule series (names with a colon, e.g.
 * {@code pod:container_memory_working_set_bytes:ratio_limit}) — the real Prometheus computes those from
 * {@code deploy/engine/prometheus-rules.yaml}, and exporting both would give duplicate series — except the
 * latency series of {@link #PASSED_THROUGH}, whose histogram input the simulator does not model. Added:
 * {@code kube_pod_container_resource_limits} (memory) of every live pod, which those rules divide by and
 * which the simulator keeps in its spec rather than in its store. A series whose last sample is older than
 * {@code staleAfterMillis} is left out, so a deleted pod disappears from the scrape as it would live.
 */
public final class ExpositionText {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    public static final String LIMITS = "kube_pod_container_resource_limits";
    /**
     * Recording-rule series served as the simulator records them: their rules read the
     * {@code http_request_duration_seconds} histogram, which the simulator does not model (it computes latency per
     * traffic step), so Prometheus would record nothing under these names and latency signals would be blind live.
     */
    public static final Set<String> PASSED_THROUGH = Set.of("service:http_request_duration_seconds:p99_rate1m",
            "pod:http_request_duration_seconds:mean_rate1m");

    private ExpositionText() { }

    /** One live pod's memory limit, bytes, and its container's name. */
    public record PodLimit(PodView pod, String container, long memoryLimitBytes) { }

    /** Renders every metric of {@code store} at virtual time {@code now}, sorted by name then labels. */
    public static String render(MetricStore store, long now, long staleAfterMillis, List<PodLimit> limits) {
        return render(store, now, staleAfterMillis, limits, 0);
    }

    /**
     * As {@link #render(MetricStore, long, long, List)}, with a counter ({@code _total}) series whose first sample is
     * younger than {@code freshCounterMillis} served at 0 — its value before it existed, as an application that
     * initialises its counters shows it. The simulator starts a series (a 503 count, a new pod's requests) at its
     * first non-zero value; Prometheus' {@code rate()} needs two samples of a series, so a burst shorter than a scrape
     * interval (a pod-kill's few seconds of 503s) would otherwise never show in a rate.
     */
    public static String render(MetricStore store, long now, long staleAfterMillis, List<PodLimit> limits, long freshCounterMillis) {
        var families = new TreeMap<String, List<String>>();
        for (String metric : store.metricNames()) {
            if (metric.contains(":") && !PASSED_THROUGH.contains(metric)) continue; // a recording rule: Prometheus records it itself
            boolean counter = metric.endsWith("_total") && freshCounterMillis > 0;
            var lines = new ArrayList<String>();
            // A counter is read from the store's whole retention, to see when the series began.
            for (Series s : store.range(metric, counter ? 0 : Math.max(0, now - staleAfterMillis), now)) {
                if (s.size() == 0 || s.times()[s.size() - 1] < now - staleAfterMillis) continue;
                boolean fresh = counter && s.times()[0] > now - freshCounterMillis;
                lines.add(metric + labels(s.labels()) + " " + number(fresh ? 0 : s.values()[s.size() - 1]));
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
