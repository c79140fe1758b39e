package dev.homeostat.testbed.chaos;

import dev.homeostat.remediation.live.LiveMetrics;
import dev.homeostat.remediation.live.PrometheusMetricsSource;
import dev.homeostat.remediation.port.MetricSeries;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The SLO query through the engine's own Prometheus client ({@link PrometheusMetricsSource}, {@code query_range}
 * over the last two poll intervals; the newest finite sample of each series counts). A series names its
 * service by its {@code service} label (and {@code namespace}, else the run's namespace), as the recording rule
 * {@code service:http_request_errors:ratio_rate1m} in {@code deploy/engine/base/prometheus-rules.yaml} does; a series
 * without one is {@code service/<namespace>/slo}. Prometheus being down gives no readings (the client logs and
 * counts it), never an exception: the SLO state simply stays as it was.
 */
public final class PrometheusSloProbe implements SloProbe {
    public static final String DEFAULT_QUERY = "service:http_request_errors:ratio_rate1m";
    private static final String METRIC = "slo";

    private final PrometheusMetricsSource source;
    private final String namespace;
    private final long windowMillis;

    /**
     * @param baseUrl   Prometheus, e.g. {@code http://prometheus:9090}
     * @param query     PromQL giving an error ratio per service
     * @param poll      how often the run reads; the query's step, and half its look-back window
     * @param namespace namespace of series without a {@code namespace} label
     */
    public PrometheusSloProbe(URI baseUrl, String query, Duration poll, String namespace) {
        if (query == null || query.isBlank()) throw new IllegalArgumentException("--slo-query: must not be empty; e.g. " + DEFAULT_QUERY);
        this.source = new PrometheusMetricsSource(baseUrl, Map.of(METRIC, query), poll, Duration.ofSeconds(10), new LiveMetrics());
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.windowMillis = 2 * poll.toMillis();
    }

    @Override public List<SloReading> read(long nowMillis) {
        var latest = new TreeMap<String, Double>();
        for (MetricSeries series : source.range(METRIC, nowMillis - windowMillis, nowMillis)) {
            double value = Double.NaN;
            for (int i = series.values().length - 1; i >= 0 && Double.isNaN(value); i--) value = series.values()[i];
            if (Double.isNaN(value)) continue;
            Map<String, String> labels = series.labels();
            String service = "service/" + labels.getOrDefault("namespace", namespace) + "/" + labels.getOrDefault("service", METRIC);
            latest.merge(service, value, Math::max); // several series of one service: the worst counts
        }
        var out = new ArrayList<SloReading>();
        latest.forEach((service, value) -> out.add(new SloReading(service, value)));
        return out;
    }
}
