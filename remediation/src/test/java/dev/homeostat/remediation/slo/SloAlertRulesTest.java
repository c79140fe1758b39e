package dev.homeostat.remediation.slo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SloAlertRulesTest {
    private static final double[] BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    @Test
    void theWorkbookTable_pagesAt14point4And6_andTicketsAt1() {
        assertThat(BurnRateAlert.WORKBOOK).extracting(BurnRateAlert::id, BurnRateAlert::factor).containsExactly(
                org.assertj.core.groups.Tuple.tuple("page-1h-5m", 14.4), org.assertj.core.groups.Tuple.tuple("page-6h-30m", 6.0),
                org.assertj.core.groups.Tuple.tuple("ticket-3d-6h", 1.0));
        BurnRateAlert fast = BurnRateAlert.WORKBOOK.getFirst();
        // 99 %: a 1 % budget, so the limit is a 14.4 % error ratio over both windows
        assertThat(fast.burning(0.15, 0.15, 0.01)).isTrue();
        assertThat(fast.burning(0.15, 0.10, 0.01)).isFalse(); // recovered: the short window resets it
        assertThat(fast.burning(0.10, 0.50, 0.01)).isFalse(); // a blip: the long window holds it back
    }

    @Test
    void render_givesARuleFilePrometheusLoads_withARecordingRulePerWindowAndAnAlertPerObjective() throws Exception {
        String yaml = SloAlertRules.render(List.of(SloObjective.availability("shop", "checkout", 0.995),
                SloObjective.latency("shop", "checkout", 0.99, 0.4)), BurnRateAlert.WORKBOOK.subList(0, 2), BOUNDS, Duration.ofSeconds(30));
        JsonNode groups = new YAMLMapper().readTree(yaml).path("groups");

        assertThat(groups).hasSize(2);
        JsonNode records = groups.get(0).path("rules");
        assertThat(groups.get(0).path("interval").asText()).isEqualTo("30s");
        // per objective: the bad share over 1m, 5m (the engine's windows), 30m, 1h, 6h (the page alerts'), the burn
        // rate over 1m and 5m; then per objective and page alert its page burn; then the lesser of the two burn rates
        // for every objective
        assertThat(records).hasSize(2 * 7 + 2 * 2 + 1);
        assertThat(records.get(1).path("record").asText()).isEqualTo("slo:sli_error:ratio_rate5m");
        assertThat(records.get(1).path("expr").asText())
                .contains("rate(http_requests_total{namespace=\"shop\", service=\"checkout\", code=~\"5..\"}[5m])");
        assertThat(records.get(6).path("record").asText()).isEqualTo("slo:burn_rate:ratio_rate5m");
        assertThat(records.get(6).path("expr").asText()).isEqualTo(
                "slo:sli_error:ratio_rate5m{namespace=\"shop\", service=\"checkout\", slo=\"availability\"} / 0.005\n");
        // 400 ms is no bucket bound: the requests at or below it are 0.4 of the way from the 250 ms bucket to the 500 ms one
        assertThat(records.get(8).path("expr").asText()).startsWith("1 - (").contains(
                "0.4 * sum by (namespace, service) (rate(http_request_duration_seconds_bucket{namespace=\"shop\", service=\"checkout\", le=\"0.25\"}[5m]))",
                "+ 0.6 * sum by (namespace, service) (rate(http_request_duration_seconds_bucket{namespace=\"shop\", service=\"checkout\", le=\"0.5\"}[5m]))",
                "/\n  sum by (namespace, service) (rate(http_request_duration_seconds_count{");
        // the page burn: each page alert's lesser window share over the share at its rate, 1 when the alert would fire
        assertThat(records.get(15).path("record").asText()).isEqualTo(SloAlertRules.PAGE_BURN);
        assertThat(records.get(15).path("expr").asText()).isEqualTo("min by (namespace, service, slo) ({__name__=~\"slo:sli_error:ratio_rate(6h|30m)\","
                + " namespace=\"shop\", service=\"checkout\", slo=\"availability\"})\n/ (6 * 0.005)\n");
        assertThat(records.get(15).path("labels").path("long_window").asText()).isEqualTo("6h");
        assertThat(records.get(17).path("labels").path("slo").asText()).isEqualTo("latency");
        assertThat(records.get(17).path("labels").path("short_window").asText()).isEqualTo("30m");
        assertThat(records.get(17).path("record").asText()).isEqualTo(SloAlertRules.PAGE_BURN);
        assertThat(records.get(17).path("expr").asText()).endsWith("/ (6 * 0.01)\n");
        assertThat(records.get(18).path("record").asText()).isEqualTo(SloAlertRules.BURN_MULTIWINDOW);
        JsonNode alerts = groups.get(1).path("rules");
        assertThat(alerts).hasSize(4);
        assertThat(alerts.get(0).path("alert").asText()).isEqualTo(SloAlertRules.ALERT);
        assertThat(alerts.get(0).path("expr").asText()).contains(
                "slo:sli_error:ratio_rate1h{namespace=\"shop\", service=\"checkout\", slo=\"availability\"} > (14.4 * 0.005)",
                "and", "slo:sli_error:ratio_rate5m");
        assertThat(alerts.get(0).path("labels").path("severity").asText()).isEqualTo("page");
        // static labels tell two services' rules apart (promtool's duplicate-rule lint)
        assertThat(records.get(1).path("labels").path("service").asText()).isEqualTo("checkout");
        assertThat(records.get(1).path("labels").path("namespace").asText()).isEqualTo("shop");
        assertThat(alerts.get(0).path("labels").path("service").asText()).isEqualTo("checkout");
    }

    @Test
    void aWholeBucketBound_matchesHowEitherClientLibraryPrintsIt() {
        assertThat(SloAlertRules.le(1)).isEqualTo("le=~\"1(\\\\.0)?\"");
        assertThat(SloAlertRules.le(0.25)).isEqualTo("le=\"0.25\"");
        assertThatThrownBy(() -> SloAlertRules.latencyCut(30, BOUNDS)).hasMessageContaining("above the histogram's largest bound");
    }

    @Test
    void aLatencyObjective_isReadAtItsBound_orInterpolatedBetweenTheBoundsAroundIt() {
        assertThat(SloAlertRules.latencyCut(0.5, BOUNDS)).isEqualTo(new SloAlertRules.LatencyCut(0.5, 0.5, 1));
        var cut = SloAlertRules.latencyCut(0.4, BOUNDS);
        assertThat(cut).isEqualTo(new SloAlertRules.LatencyCut(0.25, 0.5, 0.6));
        // 900 requests at or below 250 ms, 990 at or below 500 ms: spread evenly, 954 at or below 400 ms
        assertThat(cut.atOrBelow(900, 990)).isCloseTo(954, org.assertj.core.api.Assertions.within(1e-9));
        // below the first bound, the bucket starts at 0
        assertThat(SloAlertRules.latencyCut(0.002, BOUNDS)).isEqualTo(new SloAlertRules.LatencyCut(0, 0.005, 0.4));
        assertThat(SloAlertRules.latencyCut(0.3, BOUNDS).weight()).isEqualTo(0.2);
    }
}
