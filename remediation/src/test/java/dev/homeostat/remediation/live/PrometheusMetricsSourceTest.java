package dev.homeostat.remediation.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.port.LabelMatch;
import dev.homeostat.remediation.port.MetricSeries;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** query_range over HTTP against a stub: the request, the matrix, and every way a query can fail without crashing the loop. */
class PrometheusMetricsSourceTest {
    private final LiveMetrics metrics = new LiveMetrics();

    PrometheusMetricsSource source(StubPrometheus stub, Map<String, String> queries, Duration timeout) {
        return new PrometheusMetricsSource(stub.url(), queries, Duration.ofSeconds(15), timeout, metrics);
    }

    @Test
    void queryRange_sendsTheMetricNameWithStartEndAndStep_andParsesTheMatrix() throws Exception {
        String body = StubPrometheus.matrix("""
                {"metric":{"__name__":"pod:container_memory_working_set_bytes:ratio_limit","namespace":"shop","pod":"checkout-0"},
                 "values":[[1700000000.123,"0.5"],[1700000015.123,"NaN"],[1700000030.123,"+Inf"],[1700000045.123,"-Inf"]]}""");
        try (var stub = new StubPrometheus(p -> StubPrometheus.Answer.ok(body))) {
            List<MetricSeries> series = source(stub, Map.of(), Duration.ofSeconds(5))
                    .range("pod:container_memory_working_set_bytes:ratio_limit", 1_700_000_000_000L, 1_700_000_060_500L);

            assertThat(stub.requests).singleElement().satisfies(p -> {
                assertThat(p.get("query")).isEqualTo("pod:container_memory_working_set_bytes:ratio_limit");
                assertThat(p.get("start")).isEqualTo("1700000000");
                assertThat(p.get("end")).isEqualTo("1700000060.5");
                assertThat(p.get("step")).isEqualTo("15");
            });
            assertThat(series).singleElement().satisfies(s -> {
                assertThat(s.labels()).containsEntry("pod", "checkout-0").containsEntry("namespace", "shop");
                assertThat(s.times()).containsExactly(1_700_000_000_123L, 1_700_000_015_123L, 1_700_000_030_123L, 1_700_000_045_123L);
                assertThat(s.values()[0]).isEqualTo(0.5);
                assertThat(s.values()[1]).isNaN();
                assertThat(s.values()[2]).isEqualTo(Double.POSITIVE_INFINITY);
                assertThat(s.values()[3]).isEqualTo(Double.NEGATIVE_INFINITY);
            });
            assertThat(metrics.queries("pod:container_memory_working_set_bytes:ratio_limit", "ok")).isEqualTo(1);
        }
    }

    @Test
    void overriddenMetric_sendsItsPromQlInstead() throws Exception {
        try (var stub = new StubPrometheus(p -> StubPrometheus.Answer.ok(StubPrometheus.matrix()))) {
            String promql = "max by (namespace, pod) (container_memory_working_set_bytes / container_spec_memory_limit_bytes)";
            var source = source(stub, Map.of("mem", promql), Duration.ofSeconds(5));
            assertThat(source.range("mem", 0, 60_000)).isEmpty();
            assertThat(stub.requests.getFirst().get("query")).isEqualTo(promql);
        }
    }

    @Test
    void matchedRead_sendsTheMatchersInTheSelector_andHandsOnlyMatchedSeries() throws Exception {
        String body = StubPrometheus.matrix(
                "{\"metric\":{\"namespace\":\"shop\",\"pod\":\"checkout-1\"},\"values\":[[60,\"0.5\"]]}",
                "{\"metric\":{\"namespace\":\"shop\",\"pod\":\"cart-1\"},\"values\":[[60,\"0.7\"]]}");
        try (var stub = new StubPrometheus(p -> StubPrometheus.Answer.ok(body))) {
            var pods = new java.util.ArrayList<String>();
            LabelMatch match = LabelMatch.of("namespace", List.of("shop")).and("pod", List.of("checkout-2", "checkout-1"));
            source(stub, Map.of(), Duration.ofSeconds(5)).read("pod:x:ratio", 0, 60_000, match, (id, labels, t, v, n) -> pods.add(labels.get("pod")));

            assertThat(stub.requests).singleElement().satisfies(p ->
                    assertThat(p.get("query")).isEqualTo("pod:x:ratio{namespace=\"shop\",pod=~\"checkout-1|checkout-2\"}"));
            // Prometheus selects; a series it should not have sent is still not handed on
            assertThat(pods).containsExactly("checkout-1");
        }
    }

    @Test
    void matchedRead_quotesValues_asRegularExpressionsAndPromQlStrings() throws Exception {
        try (var stub = new StubPrometheus(p -> StubPrometheus.Answer.ok(StubPrometheus.matrix()))) {
            var source = source(stub, Map.of(), Duration.ofSeconds(5));
            source.read("m", 0, 60_000, LabelMatch.of("pod", List.of("a.b", "c\"d")).and("namespace", List.of("x\\y")), (id, l, t, v, n) -> { });

            assertThat(stub.requests.getFirst().get("query")).isEqualTo("m{namespace=\"x\\\\y\",pod=~\"a\\\\.b|c\\\"d\"}");
            assertThat(PrometheusMetricsSource.literal("a.b+c*(d)|[e]{f}^$?\\")).isEqualTo("a\\.b\\+c\\*\\(d\\)\\|\\[e\\]\\{f\\}\\^\\$\\?\\\\");
        }
    }

    @Test
    void matchedRead_ofAnOverriddenQuery_sendsItAsItIs_andFiltersTheAnswer_andAnEmptyMatchAsksNothing() throws Exception {
        String body = StubPrometheus.matrix(
                "{\"metric\":{\"namespace\":\"shop\",\"pod\":\"a\"},\"values\":[[60,\"1\"]]}",
                "{\"metric\":{\"namespace\":\"shop\",\"pod\":\"b\"},\"values\":[[60,\"2\"]]}");
        try (var stub = new StubPrometheus(p -> StubPrometheus.Answer.ok(body))) {
            String promql = "max by (namespace, pod) (rate(x[1m]))";
            var source = source(stub, Map.of("mem", promql), Duration.ofSeconds(5));
            var values = new java.util.ArrayList<Double>();
            source.read("mem", 0, 60_000, LabelMatch.of("pod", List.of("b")), (id, l, t, v, n) -> values.add(v[0]));
            assertThat(stub.requests).singleElement().satisfies(p -> assertThat(p.get("query")).isEqualTo(promql));
            assertThat(values).containsExactly(2.0);

            source.read("m", 0, 60_000, LabelMatch.of("pod", List.of()), (id, l, t, v, n) -> values.add(v[0]));
            assertThat(stub.requests).hasSize(1);
        }
    }

    @Test
    void httpError_statusError_andGarbage_giveNoSeries_andAreCounted() throws Exception {
        var answers = new java.util.ArrayDeque<>(List.of(
                new StubPrometheus.Answer(400, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error\"}", 0),
                new StubPrometheus.Answer(200, "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"too many samples\"}", 0),
                new StubPrometheus.Answer(503, "<html>unavailable</html>", 0),
                new StubPrometheus.Answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}", 0)));
        try (var stub = new StubPrometheus(p -> answers.poll())) {
            var source = source(stub, Map.of(), Duration.ofSeconds(5));
            for (int i = 0; i < 4; i++) assertThat(source.range("m", 0, 60_000)).isEmpty();
            assertThat(metrics.queries("m", "http")).isEqualTo(2);
            assertThat(metrics.queries("m", "status-error")).isEqualTo(1);
            assertThat(metrics.queries("m", "parse")).isEqualTo(1);
            assertThat(metrics.queries("m", "ok")).isZero();
        }
    }

    @Test
    void slowPrometheus_timesOut_withNoSeries() throws Exception {
        try (var stub = new StubPrometheus(p -> new StubPrometheus.Answer(200, StubPrometheus.matrix(), 2_000))) {
            assertThat(source(stub, Map.of(), Duration.ofMillis(200)).range("m", 0, 60_000)).isEmpty();
            assertThat(metrics.queries("m", "timeout")).isEqualTo(1);
        }
    }

    @Test
    void unreachablePrometheus_givesNoSeries() {
        var source = new PrometheusMetricsSource(java.net.URI.create("http://127.0.0.1:1"), Map.of(), Duration.ofSeconds(15),
                Duration.ofSeconds(2), metrics);
        assertThat(source.range("m", 0, 60_000)).isEmpty();
        assertThat(metrics.queries("m", "io")).isEqualTo(1);
    }

    @Test
    void longRange_isClippedToPrometheusPointLimit() throws Exception {
        try (var stub = new StubPrometheus(p -> StubPrometheus.Answer.ok(StubPrometheus.matrix()))) {
            long day = 86_400_000L;
            source(stub, Map.of(), Duration.ofSeconds(5)).range("m", 0, 10 * day);
            double start = Double.parseDouble(stub.requests.getFirst().get("start"));
            double end = Double.parseDouble(stub.requests.getFirst().get("end"));
            assertThat((end - start) / 15 + 1).isLessThanOrEqualTo(PrometheusMetricsSource.MAX_POINTS);
        }
    }

    @Test
    void sampleValues_inPrometheusSpelling() {
        assertThat(PrometheusMetricsSource.value("1e3")).isEqualTo(1000.0);
        assertThat(PrometheusMetricsSource.value("+Inf")).isInfinite();
        assertThat(PrometheusMetricsSource.value("NaN")).isNaN();
    }
}
