package dev.homeostat.remediation.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.port.AlertSource.Alert;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The receiver over real HTTP on 127.0.0.1: authentication, validation, limits, folding of re-sent alerts. */
class AlertmanagerWebhookTest {
    static final String TOKEN = "s3cret-token-0123456789";
    private final HttpClient http = HttpClient.newHttpClient();
    private final LiveMetrics metrics = new LiveMetrics();
    private final AtomicBoolean leader = new AtomicBoolean(true);
    private AlertmanagerWebhook webhook;

    AlertmanagerWebhook start(int capacity, int maxBody) throws Exception {
        webhook = new AlertmanagerWebhook(new AlertmanagerWebhook.Settings(new InetSocketAddress("127.0.0.1", 0), TOKEN, capacity, maxBody),
                leader::get, metrics).start();
        return webhook;
    }

    @AfterEach void stop() {
        if (webhook != null) webhook.close();
    }

    static String alert(String status, String fingerprint, String labels) {
        return """
                {"status":"%s","labels":{%s},"annotations":{"summary":"memory nearly full"},
                 "startsAt":"2025-01-31T12:00:00Z","endsAt":"0001-01-01T00:00:00Z","fingerprint":"%s"}
                """.formatted(status, labels, fingerprint);
    }

    static String payload(String... alerts) {
        return """
                {"version":"4","groupKey":"{}:{}","status":"firing","receiver":"homeostat","groupLabels":{},
                 "commonLabels":{},"commonAnnotations":{},"externalURL":"http://am:9093","alerts":[%s]}
                """.formatted(String.join(",", alerts));
    }

    static final String POD_ALERT = alert("firing", "f1", "\"alertname\":\"PodMemoryHigh\",\"namespace\":\"shop\",\"pod\":\"checkout-0\",\"service\":\"checkout\"");

    HttpResponse<String> post(String body, String authorization) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webhook.port() + AlertmanagerWebhook.PATH))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (authorization != null) request.header("Authorization", authorization);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void postWithoutToken_is401_withAReason_andQueuesNothing() throws Exception {
        start(10, 1 << 20);
        var response = post(payload(POD_ALERT), null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("missing Authorization header");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(webhook.drain()).isEmpty();
    }

    @Test
    void postWithWrongToken_is401() throws Exception {
        start(10, 1 << 20);
        var response = post(payload(POD_ALERT), "Bearer not-the-token-at-all");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("wrong bearer token");
        assertThat(post(payload(POD_ALERT), "Basic dXNlcjpwYXNz").body()).contains("not a Bearer token");
        assertThat(webhook.drain()).isEmpty();
    }

    @Test
    void malformedJson_is400_namingTheProblem() throws Exception {
        start(10, 1 << 20);
        var response = post("{\"alerts\": [", "Bearer " + TOKEN);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("not valid JSON");
    }

    @Test
    void missingFields_are400_namingTheField() throws Exception {
        start(10, 1 << 20);
        String noFingerprint = POD_ALERT.replace("\"fingerprint\":\"f1\"", "\"other\":\"x\"");
        assertThat(post(payload(noFingerprint), "Bearer " + TOKEN).body()).contains("alerts[0].fingerprint: missing");
        String noStartsAt = POD_ALERT.replace("\"startsAt\"", "\"started\"");
        var second = post(payload(POD_ALERT, noStartsAt), "Bearer " + TOKEN);
        assertThat(second.statusCode()).isEqualTo(400);
        assertThat(second.body()).contains("alerts[1].startsAt: missing");
        assertThat(post("{\"status\":\"firing\"}", "Bearer " + TOKEN).body()).contains("alerts: missing or not a list");
        assertThat(post(payload(POD_ALERT.replace("\"alertname\":\"PodMemoryHigh\",", "")), "Bearer " + TOKEN).body())
                .contains("alerts[0].labels.alertname: missing");
        assertThat(post(payload(POD_ALERT.replace("2025-01-31T12:00:00Z", "yesterday")), "Bearer " + TOKEN).body())
                .contains("alerts[0].startsAt: 'yesterday' is not an RFC 3339 time");
        // A rejected post queues none of its alerts, not even the valid ones.
        assertThat(webhook.drain()).isEmpty();
    }

    @Test
    void bodyOverTheLimit_is413() throws Exception {
        start(10, 2048);
        String big = payload(alert("firing", "f1", "\"alertname\":\"A\",\"pod\":\"p\",\"blob\":\"" + "x".repeat(4000) + "\""));
        var response = post(big, "Bearer " + TOKEN);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("exceeds the limit of 2048 bytes");
        assertThat(webhook.drain()).isEmpty();
    }

    @Test
    void fullQueue_is503_withRetryAfter_andCountsTheRefusal() throws Exception {
        start(2, 1 << 20);
        String a = alert("firing", "a", "\"alertname\":\"A\",\"pod\":\"p-a\"");
        String b = alert("firing", "b", "\"alertname\":\"A\",\"pod\":\"p-b\"");
        String c = alert("firing", "c", "\"alertname\":\"A\",\"pod\":\"p-c\"");
        assertThat(post(payload(a, b), "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        var refused = post(payload(c), "Bearer " + TOKEN);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue(Integer.toString(AlertmanagerWebhook.RETRY_AFTER_SECONDS));
        assertThat(refused.body()).contains("queue full");
        assertThat(metrics.webhookAlerts("queue-full")).isEqualTo(1);
        assertThat(webhook.drain()).extracting(Alert::fingerprint).containsExactly("a", "b");
        // Once drained, Alertmanager's retry of the same post gets in: the refused alert was not remembered as seen.
        assertThat(post(payload(c), "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        assertThat(webhook.drain()).extracting(Alert::fingerprint).containsExactly("c");
    }

    @Test
    void resentAlert_isFoldedIntoTheFirst() throws Exception {
        start(10, 1 << 20);
        assertThat(post(payload(POD_ALERT), "Bearer " + TOKEN).body()).contains("\"queued\":1");
        var again = post(payload(POD_ALERT, POD_ALERT), "Bearer " + TOKEN);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"queued\":0").contains("\"duplicates\":2");
        assertThat(webhook.drain()).hasSize(1);
        assertThat(metrics.webhookAlerts("duplicate")).isEqualTo(2);
    }

    @Test
    void firingAlert_becomesAnAnomalyOnThePodItNames() throws Exception {
        start(10, 1 << 20);
        post(payload(POD_ALERT), "Bearer " + TOKEN);
        List<Alert> alerts = webhook.drain();
        assertThat(alerts).singleElement().isInstanceOfSatisfying(Alert.Firing.class, f -> {
            assertThat(f.anomaly().target()).isEqualTo(new Target(Target.Kind.POD, "shop", "checkout-0"));
            assertThat(f.anomaly().signal()).isEqualTo("PodMemoryHigh");
            assertThat(f.anomaly().detector()).isEqualTo(AlertmanagerWebhook.DETECTOR);
            assertThat(f.anomaly().service()).isEqualTo("checkout");
            assertThat(f.anomaly().explanation()).isEqualTo("memory nearly full");
            assertThat(f.anomaly().timeMillis()).isEqualTo(java.time.Instant.parse("2025-01-31T12:00:00Z").toEpochMilli());
        });
    }

    @Test
    void resolvedAlert_isPassedOnAsResolved_neverAsAnAnomaly() throws Exception {
        start(10, 1 << 20);
        String resolved = alert("resolved", "f1", "\"alertname\":\"PodMemoryHigh\",\"pod\":\"checkout-0\"")
                .replace("0001-01-01T00:00:00Z", "2025-01-31T12:05:00Z");
        assertThat(post(payload(resolved), "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        assertThat(webhook.drain()).singleElement().isInstanceOfSatisfying(Alert.Resolved.class, r -> {
            assertThat(r.target()).isEqualTo(new Target(Target.Kind.POD, "default", "checkout-0"));
            assertThat(r.endsAtMillis()).isEqualTo(java.time.Instant.parse("2025-01-31T12:05:00Z").toEpochMilli());
        });
    }

    @Test
    void theTeamsSloPage_isATeamPageOfItsService_firingThenResolved_neverAnAnomaly() throws Exception {
        start(10, 1 << 20);
        String labels = "\"alertname\":\"SLOErrorBudgetBurn\",\"namespace\":\"shop\",\"service\":\"checkout\",\"slo\":\"availability\",\"severity\":\"page\"";
        post(payload(alert("firing", "s1", labels)), "Bearer " + TOKEN);
        post(payload(alert("resolved", "s1", labels).replace("0001-01-01T00:00:00Z", "2025-01-31T12:20:00Z")), "Bearer " + TOKEN);
        assertThat(webhook.drain()).containsExactly(
                new Alert.TeamPage("s1", "service/shop/checkout", true, java.time.Instant.parse("2025-01-31T12:00:00Z").toEpochMilli()),
                new Alert.TeamPage("s1", "service/shop/checkout", false, java.time.Instant.parse("2025-01-31T12:20:00Z").toEpochMilli()));
        // the same alert firing again later is a new page, not a resend of the first
        post(payload(alert("firing", "s1", labels).replace("2025-01-31T12:00:00Z", "2025-01-31T13:00:00Z")), "Bearer " + TOKEN);
        assertThat(webhook.drain()).singleElement().isInstanceOfSatisfying(Alert.TeamPage.class, p -> assertThat(p.firing()).isTrue());
    }

    @Test
    void alertWithoutTargetLabels_isCountedNotQueued() throws Exception {
        start(10, 1 << 20);
        var response = post(payload(alert("firing", "x", "\"alertname\":\"Watchdog\"")), "Bearer " + TOKEN);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"untargeted\":1");
        assertThat(webhook.drain()).isEmpty();
        assertThat(metrics.webhookAlerts("untargeted")).isEqualTo(1);
    }

    @Test
    void replicaThatIsNotTheLeader_refusesWith503_soTheRetryFindsTheLeader() throws Exception {
        start(10, 1 << 20);
        leader.set(false);
        var response = post(payload(POD_ALERT), "Bearer " + TOKEN);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("not the leader");
        leader.set(true);
        assertThat(post(payload(POD_ALERT), "Bearer " + TOKEN).body()).contains("\"queued\":1");
    }

    @Test
    void otherPathsAndMethods_areRefused() throws Exception {
        start(10, 1 << 20);
        var get = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webhook.port() + "/alerts")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        var other = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webhook.port() + "/other"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).isEqualTo(404);
    }

    @Test
    void shortToken_isRefusedAtConstruction() {
        assertThatThrownBy(() -> new AlertmanagerWebhook.Settings(new InetSocketAddress(0), "short", 10, 4096))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shorter than 16 characters");
    }
}
