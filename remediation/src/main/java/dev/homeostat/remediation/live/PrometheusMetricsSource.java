package dev.homeostat.remediation.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homeostat.remediation.port.LabelMatch;
import dev.homeostat.remediation.port.MetricSeries;
import dev.homeostat.remediation.port.MetricsSource;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@link MetricsSource} over Prometheus' HTTP API: {@code GET /api/v1/query_range} with
 * {@code step} = the evaluation interval. The query of a metric is the metric's name — the
 * recording rules in {@code deploy/engine/base/prometheus-rules.yaml} give Prometheus the names the
 * simulator uses — unless {@code queries} overrides it.
 *
 * <p>It never throws at the engine loop: an HTTP error, {@code "status":"error"}, a timeout or an
 * unreadable body is logged, counted in {@code homeostat_prometheus_queries{outcome!="ok"}} and
 * answered with no series, so one bad evaluation costs one evaluation, not the engine.
 */
public final class PrometheusMetricsSource implements MetricsSource {
    /** Prometheus refuses ranges of more than 11,000 points per series. */
    static final long MAX_POINTS = 11_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final System.Logger LOG = System.getLogger(PrometheusMetricsSource.class.getName());

    private final String baseUrl;
    private final Map<String, String> queries;
    private final Duration step;
    private final Duration timeout;
    private final HttpClient http;
    private final LiveMetrics metrics;

    public PrometheusMetricsSource(URI baseUrl, Map<String, String> queries, Duration step, Duration timeout, LiveMetrics metrics) {
        this(baseUrl, queries, step, timeout, metrics,
                HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build());
    }

    public PrometheusMetricsSource(URI baseUrl, Map<String, String> queries, Duration step, Duration timeout, LiveMetrics metrics,
                                   HttpClient http) {
        String url = Objects.requireNonNull(baseUrl, "baseUrl").toString();
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.queries = Map.copyOf(queries);
        if (step.toMillis() <= 0) throw new IllegalArgumentException("step: must be positive, got " + step);
        this.step = step;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.http = Objects.requireNonNull(http, "http");
    }

    /**
     * Empty when Prometheus answers HTTP at all ({@code GET /-/ready}, any status), else why not: a readiness probe
     * of the dependency, distinct from a query that Prometheus answers with an error.
     */
    public java.util.Optional<String> unreachable() {
        URI uri = URI.create(baseUrl + "/-/ready");
        try {
            http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.discarding());
            return java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.of("Prometheus at " + baseUrl + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.of("interrupted");
        }
    }

    /** The PromQL sent for {@code metric}. */
    public String queryFor(String metric) {
        return queries.getOrDefault(metric, metric);
    }

    /**
     * The PromQL sent for {@code metric}'s series that {@code match} matches: the metric's selector with the matchers
     * ({@code label="v"}, or {@code label=~"v1|v2"} with each value quoted as a regular expression); null when the
     * metric's query is an expression of its own (or a label name is none PromQL takes), which is then read whole and
     * filtered here.
     */
    public String queryFor(String metric, LabelMatch match) {
        String query = queryFor(metric);
        if (match.values().isEmpty() || !NAME.matcher(query).matches()) return null;
        StringJoiner selector = new StringJoiner(",", query + "{", "}");
        for (var e : match.values().entrySet()) {
            if (!LABEL.matcher(e.getKey()).matches()) return null;
            Set<String> values = e.getValue();
            if (values.size() == 1) selector.add(e.getKey() + "=\"" + quoted(values.iterator().next()) + "\"");
            else selector.add(e.getKey() + "=~\"" + quoted(values.stream().map(PrometheusMetricsSource::literal).collect(Collectors.joining("|"))) + "\"");
        }
        return selector.toString();
    }

    /** Only the matched series: Prometheus selects them (one query, the matchers in its selector). */
    @Override public void read(String metric, long fromMillis, long toMillis, LabelMatch match, SeriesSink sink) {
        for (Set<String> values : match.values().values()) if (values.isEmpty()) return; // a label with no values matches nothing
        String selector = queryFor(metric, match);
        List<MetricSeries> series = selector == null ? range(metric, fromMillis, toMillis) : query(metric, selector, fromMillis, toMillis);
        for (MetricSeries s : series)
            if (match.matches(s.labels())) sink.accept(SeriesSink.NO_ID, s.labels(), s.times(), s.values(), s.times().length);
    }

    @Override public List<MetricSeries> range(String metric, long fromMillis, long toMillis) {
        return query(metric, queryFor(metric), fromMillis, toMillis);
    }

    /** {@code promql} over [fromMillis, toMillis], counted and logged as {@code metric}'s query. */
    private List<MetricSeries> query(String metric, String promql, long fromMillis, long toMillis) {
        if (toMillis < fromMillis) return List.of();
        long stepMillis = step.toMillis();
        long from = Math.max(fromMillis, toMillis - (MAX_POINTS - 1) * stepMillis);
        URI uri = URI.create(baseUrl + "/api/v1/query_range?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&start=" + seconds(from) + "&end=" + seconds(toMillis) + "&step=" + seconds(stepMillis));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build();
        String body;
        int code;
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            body = response.body();
            code = response.statusCode();
        } catch (HttpTimeoutException e) {
            return failed(metric, "timeout", "timed out after " + timeout.toMillis() + " ms: " + uri);
        } catch (IOException e) {
            return failed(metric, "io", e + " at " + uri);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(metric, "io", "interrupted at " + uri);
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return failed(metric, code >= 400 ? "http" : "parse", "HTTP " + code + ", body not JSON at " + uri);
        }
        if (code >= 400 || !"success".equals(root.path("status").asText())) {
            String outcome = code >= 400 ? "http" : "status-error";
            return failed(metric, outcome, "HTTP " + code + " " + root.path("errorType").asText("") + ": " + root.path("error").asText(body) + " for query '" + promql + "'");
        }
        try {
            List<MetricSeries> series = parseMatrix(root);
            metrics.query(metric, "ok");
            return series;
        } catch (IllegalArgumentException e) {
            return failed(metric, "parse", e.getMessage() + " for query '" + promql + "'");
        }
    }

    private List<MetricSeries> failed(String metric, String outcome, String detail) {
        metrics.query(metric, outcome);
        LOG.log(System.Logger.Level.WARNING, "Prometheus query for {0} failed ({1}): {2}; this evaluation sees no series of it",
                metric, outcome, detail);
        return List.of();
    }

    /** The series of a {@code resultType: matrix} answer; labels as Prometheus gives them (with {@code __name__}). */
    static List<MetricSeries> parseMatrix(JsonNode root) {
        JsonNode data = root.path("data");
        String type = data.path("resultType").asText();
        if (!type.equals("matrix")) throw new IllegalArgumentException("data.resultType: expected matrix, got '" + type + "'");
        JsonNode result = data.path("result");
        if (!result.isArray()) throw new IllegalArgumentException("data.result: missing or not a list");
        var out = new ArrayList<MetricSeries>();
        for (JsonNode s : result) {
            var labels = new TreeMap<String, String>();
            for (Iterator<Map.Entry<String, JsonNode>> it = s.path("metric").fields(); it.hasNext(); ) {
                var e = it.next();
                labels.put(e.getKey(), e.getValue().asText());
            }
            JsonNode values = s.path("values");
            if (!values.isArray()) throw new IllegalArgumentException("data.result[].values: missing or not a list");
            long[] times = new long[values.size()];
            double[] vals = new double[values.size()];
            for (int i = 0; i < values.size(); i++) {
                JsonNode pair = values.get(i);
                if (!pair.isArray() || pair.size() != 2) throw new IllegalArgumentException("data.result[].values[" + i + "]: expected [time, \"value\"]");
                // Times are seconds with millisecond decimals; BigDecimal keeps 1700000000.123 from becoming ...122.
                times[i] = pair.get(0).decimalValue().movePointRight(3).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
                vals[i] = value(pair.get(1).asText());
            }
            out.add(new MetricSeries(labels, times, vals));
        }
        return out;
    }

    /** Prometheus writes sample values as strings, including {@code NaN}, {@code +Inf} and {@code -Inf}. */
    static double value(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("sample value '" + text + "' is not a number");
                }
            }
        };
    }

    /** {@code value} as an RE2 regular expression that matches it alone (Go's {@code regexp.QuoteMeta}). */
    static String literal(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (char c : value.toCharArray()) {
            if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) out.append('\\');
            out.append(c);
        }
        return out.toString();
    }

    /** {@code text} inside a PromQL double-quoted string. */
    private static String quoted(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String seconds(long millis) {
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
    }
}
