package dev.homeostat.testbed.serve;

import dev.homeostat.simulator.cluster.DeploymentView;
import dev.homeostat.simulator.cluster.PodView;
import dev.homeostat.simulator.metrics.MetricNames;
import dev.homeostat.simulator.metrics.MetricStore;
import dev.homeostat.simulator.metrics.Series;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The simulator's latest samples in the Prometheus text exposition format (version 0.0.4), as a real
 * cluster's exporters would show them to a scrape: cAdvisor, kube-state-metrics and the application's
 * {@code http_requests_total} and {@code http_request_duration_seconds} histogram. Rendered by the Prometheus Java
 * client (model snapshots written by its {@link PrometheusTextFormatWriter}), so types, escaping and the
 * histogram's {@code _bucket}/{@code _sum}/{@code _count} lines are the client's, not ours.
 *
 * <p>Types: a {@code *_total} family is a counter; the families of {@link #HISTOGRAMS} are classic histograms, one
 * data point per label set of their {@code _bucket} series without {@code le} (with that label set's {@code _sum}
 * and {@code _count}); everything else is a gauge.
 *
 * <p>Not exported: the simulator's own recording-rule series (names with a colon, e.g.
 * {@code service:http_request_duration_seconds:p99_rate1m}) — the real Prometheus computes those from
 * {@code deploy/engine/base/prometheus-rules.yaml}, and exporting both would give duplicate series. Added, as
 * kube-state-metrics shows them, what those rules divide by and the simulator keeps in its spec rather than in its
 * store: every live pod's {@code kube_pod_container_resource_limits} (memory) and
 * {@code kube_pod_container_resource_requests} (cpu, memory), and every Deployment's {@code kube_deployment_spec_replicas}. A series whose last sample is older than
 * {@code staleAfterMillis} is left out, so a deleted pod disappears from the scrape as it would live.
 */
public final class ExpositionText {
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;
    public static final String LIMITS = "kube_pod_container_resource_limits";
    public static final String REQUESTS = "kube_pod_container_resource_requests";
    public static final String SPEC_REPLICAS = "kube_deployment_spec_replicas";
    /** Families the simulator records as a classic histogram ({@code _bucket} with {@code le}, {@code _sum}, {@code _count}). */
    public static final Set<String> HISTOGRAMS = Set.of(MetricNames.REQUEST_DURATION);
    private static final String BUCKET = "_bucket", SUM = "_sum", COUNT = "_count", TOTAL = "_total";
    private static final PrometheusTextFormatWriter WRITER = PrometheusTextFormatWriter.builder().setIncludeCreatedTimestamps(false).build();

    private ExpositionText() { }

    /** One live pod's container: its name, CPU request (cores), memory request and limit (bytes). */
    public record PodResources(PodView pod, String container, double cpuRequestCores, long memoryRequestBytes, long memoryLimitBytes) { }

    /** The objects kube-state-metrics describes from their spec: live pods' resources, Deployments' desired replicas. */
    public record StateMetrics(List<PodResources> pods, List<DeploymentView> deployments) {
        public static final StateMetrics NONE = new StateMetrics(List.of(), List.of());
    }

    /** Renders every metric of {@code store} at virtual time {@code now}, sorted by name then labels. */
    public static String render(MetricStore store, long now, long staleAfterMillis, StateMetrics objects) {
        return render(store, now, staleAfterMillis, objects, 0);
    }

    /**
     * As {@link #render(MetricStore, long, long, List)}, with a counter ({@code _total}) series — or a histogram
     * label set — whose first sample is younger than {@code freshCounterMillis} served at 0: its value before it
     * existed, as an application that initialises its counters shows it. The simulator starts a series (a 503 count,
     * a new pod's requests) at its first non-zero value; Prometheus' {@code rate()} needs two samples of a series, so
     * a burst shorter than a scrape interval (a pod-kill's few seconds of 503s) would otherwise never show in a rate.
     */
    public static String render(MetricStore store, long now, long staleAfterMillis, StateMetrics objects, long freshCounterMillis) {
        var window = new Window(now, staleAfterMillis, freshCounterMillis);
        var snapshots = new ArrayList<MetricSnapshot>();
        var names = new TreeSet<>(store.metricNames());
        for (String metric : names) {
            if (metric.contains(":")) continue; // a recording rule: Prometheus records it itself
            if (histogramFamily(metric) != null) continue; // rendered with its family below
            MetricSnapshot s = metric.endsWith(TOTAL) ? counter(store, metric, window) : gauge(store, metric, window);
            if (s != null) snapshots.add(s);
        }
        for (String family : new TreeSet<>(HISTOGRAMS)) {
            MetricSnapshot s = histogram(store, family, window);
            if (s != null) snapshots.add(s);
        }
        if (!objects.pods().isEmpty()) {
            snapshots.add(resources(LIMITS, objects.pods(), false));
            snapshots.add(resources(REQUESTS, objects.pods(), true));
        }
        if (!objects.deployments().isEmpty()) snapshots.add(specReplicas(objects.deployments()));
        var out = new ByteArrayOutputStream();
        try {
            WRITER.write(out, new MetricSnapshots(snapshots));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** When a sample is current and when a counter is fresh. */
    private record Window(long now, long staleAfterMillis, long freshCounterMillis) {
        boolean freshRule() { return freshCounterMillis > 0; }
        /** A counter is read from the store's whole retention, to see when the series began. */
        long from(boolean counter) { return counter && freshRule() ? 0 : Math.max(0, now - staleAfterMillis); }
        boolean live(Series s) { return s.size() > 0 && s.times()[s.size() - 1] >= now - staleAfterMillis; }
        boolean fresh(Series s) { return freshRule() && s.times()[0] > now - freshCounterMillis; }
        double latest(Series s) { return s.values()[s.size() - 1]; }
    }

    /** The histogram family a series name belongs to ({@code http_request_duration_seconds_bucket} → its base), or null. */
    private static String histogramFamily(String metric) {
        for (String suffix : List.of(BUCKET, SUM, COUNT))
            if (metric.endsWith(suffix) && HISTOGRAMS.contains(metric.substring(0, metric.length() - suffix.length())))
                return metric.substring(0, metric.length() - suffix.length());
        return null;
    }

    private static CounterSnapshot counter(MetricStore store, String metric, Window w) {
        var builder = CounterSnapshot.builder().name(metric.substring(0, metric.length() - TOTAL.length()));
        int points = 0;
        for (Series s : store.range(metric, w.from(true), w.now())) {
            if (!w.live(s)) continue;
            builder.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                    .labels(labels(s.labels())).value(w.fresh(s) ? 0 : w.latest(s)).build());
            points++;
        }
        return points == 0 ? null : builder.build();
    }

    private static GaugeSnapshot gauge(MetricStore store, String metric, Window w) {
        var builder = GaugeSnapshot.builder().name(metric);
        int points = 0;
        for (Series s : store.range(metric, w.from(false), w.now())) {
            if (!w.live(s)) continue;
            builder.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels(s.labels())).value(w.latest(s)).build());
            points++;
        }
        return points == 0 ? null : builder.build();
    }

    /** One label set's histogram as read from the store: cumulative counts per upper bound, its sum and count. */
    private static final class Point {
        final TreeMap<Double, Double> cumulative = new TreeMap<>();
        double sum = Double.NaN, count = Double.NaN;
        boolean fresh;
    }

    private static HistogramSnapshot histogram(MetricStore store, String family, Window w) {
        var points = new TreeMap<Map<String, String>, Point>(ExpositionText::compareLabels);
        for (Series s : store.range(family + BUCKET, w.from(true), w.now())) {
            if (!w.live(s)) continue;
            var key = new TreeMap<>(s.labels());
            String le = key.remove("le");
            if (le == null) continue; // not a bucket: nothing Prometheus could read as one
            Point p = points.computeIfAbsent(key, k -> new Point());
            p.cumulative.put(upperBound(le, family), w.latest(s));
            p.fresh |= w.fresh(s);
        }
        for (String part : List.of(SUM, COUNT)) {
            for (Series s : store.range(family + part, w.from(true), w.now())) {
                if (!w.live(s)) continue;
                Point p = points.computeIfAbsent(new TreeMap<>(s.labels()), k -> new Point());
                if (part.equals(SUM)) p.sum = w.latest(s);
                else p.count = w.latest(s);
                p.fresh |= w.fresh(s);
            }
        }
        var builder = HistogramSnapshot.builder().name(family);
        int written = 0;
        for (var e : points.entrySet()) {
            Point p = e.getValue();
            // A classic histogram ends in +Inf, which is its count: take the _count when the bucket is missing.
            if (!p.cumulative.containsKey(Double.POSITIVE_INFINITY)) {
                if (Double.isNaN(p.count)) continue;
                p.cumulative.put(Double.POSITIVE_INFINITY, Math.max(p.count, p.cumulative.isEmpty() ? 0 : p.cumulative.lastEntry().getValue()));
            }
            var buckets = ClassicHistogramBuckets.builder();
            // The client counts whole observations per bucket (not cumulative); the simulator's fluid traffic gives
            // fractional cumulative counts. Rounding the cumulative values keeps them monotone in le and in time,
            // so every bucket's count stays >= 0 and rate() over a bucket never sees a counter reset.
            long below = 0;
            for (var b : p.cumulative.entrySet()) {
                long cumulative = p.fresh ? 0 : Math.max(below, Math.round(b.getValue()));
                buckets.bucket(b.getKey(), cumulative - below);
                below = cumulative;
            }
            var point = HistogramSnapshot.HistogramDataPointSnapshot.builder()
                    .labels(labels(e.getKey())).classicHistogramBuckets(buckets.build());
            if (!Double.isNaN(p.sum)) point.sum(p.fresh ? 0 : p.sum);
            builder.dataPoint(point.build());
            written++;
        }
        return written == 0 ? null : builder.build();
    }

    private static double upperBound(String le, String family) {
        if (le.equals("+Inf")) return Double.POSITIVE_INFINITY;
        try {
            return Double.parseDouble(le);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(family + BUCKET + " has le=\"" + le + "\", not a number or +Inf", e);
        }
    }

    /** Limits (memory) or requests (cpu, memory) of every pod, labelled as kube-state-metrics labels them. */
    private static GaugeSnapshot resources(String name, List<PodResources> pods, boolean requests) {
        var builder = GaugeSnapshot.builder().name(name);
        for (PodResources r : pods) {
            if (requests) builder.dataPoint(resource(r, "cpu", "core", r.cpuRequestCores()));
            builder.dataPoint(resource(r, "memory", "byte", requests ? r.memoryRequestBytes() : r.memoryLimitBytes()));
        }
        return builder.build();
    }

    private static GaugeSnapshot.GaugeDataPointSnapshot resource(PodResources r, String resource, String unit, double value) {
        var labels = Map.of("namespace", r.pod().namespace(), "pod", r.pod().name(), "container", r.container(), "resource", resource, "unit", unit);
        return GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels(labels)).value(value).build();
    }

    private static GaugeSnapshot specReplicas(List<DeploymentView> deployments) {
        var builder = GaugeSnapshot.builder().name(SPEC_REPLICAS);
        for (DeploymentView d : deployments)
            builder.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                    .labels(labels(Map.of("namespace", d.namespace(), "deployment", d.name()))).value(d.replicas()).build());
        return builder.build();
    }

    private static Labels labels(Map<String, String> labels) {
        var builder = Labels.builder();
        new TreeMap<>(labels).forEach(builder::label);
        return builder.build();
    }

    /** Label sets in a fixed order (names, then values), so the scrape is the same for the same store. */
    private static int compareLabels(Map<String, String> a, Map<String, String> b) {
        return labels(a).compareTo(labels(b));
    }
}
