package dev.homeostat.remediation.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homeostat.remediation.fakes.Harness;
import dev.homeostat.remediation.model.ClusterAction;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /approvals} over real HTTP on 127.0.0.1, in front of an engine whose rule waits for approval. */
class ApprovalsApiTest {
    private static final String TOKEN = "approvals-test-token-0123456789";
    private final HttpClient http = HttpClient.newHttpClient();
    private Harness h;
    private EngineServer server;

    @BeforeEach
    void start() throws Exception {
        h = new Harness("""
                  rules:
                    - name: restart-leaking-pod
                      match: {signals: [mem]}
                      actions: [restart-pod, page]
                      verifyAfter: 1m
                      mode: approve
                """);
        h.cluster.deployment("checkout", 3);
        h.clock.set(15_000);
        h.sampleAndTick("mem_ratio", Harness.pod("checkout-0"), 0.99);
        var ok = new EngineServer.Status(true, "ok");
        server = EngineServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), new PrometheusRegistry(),
                () -> ok, () -> ok, ApprovalDesk.of(() -> h.engine), TOKEN);
    }

    @AfterEach
    void stop() { server.close(); }

    private HttpResponse<String> send(String method, String path, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) request.header("Authorization", "Bearer " + token);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void get_listsThePendingApprovalAsJson() throws Exception {
        var response = send("GET", "/approvals", TOKEN);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode list = new ObjectMapper().readTree(response.body());
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("id").asText()).isEqualTo("1-0");
        assertThat(list.get(0).get("action").asText()).isEqualTo("restart-pod");
        assertThat(list.get(0).get("target").asText()).contains("checkout-0");
        assertThat(list.get(0).get("expiresAt").asText()).isEqualTo("1970-01-01T00:01:15Z");
    }

    @Test
    void postApprove_decides_andTheEngineActsAtItsNextTick() throws Exception {
        var response = send("POST", "/approvals/1-0/approve", TOKEN);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"decision\":\"approved\"");
        assertThat(h.engine.pendingApprovals()).isEmpty();
        h.tickAt(30);
        assertThat(h.cluster.executed).extracting(e -> e.action()).singleElement().isInstanceOf(ClusterAction.RestartPod.class);
        assertThat(send("POST", "/approvals/1-0/reject", TOKEN).statusCode()).isEqualTo(404); // already decided
    }

    @Test
    void withoutOrWithAWrongToken_isUnauthorized_andDecidesNothing() throws Exception {
        assertThat(send("GET", "/approvals", null).statusCode()).isEqualTo(401);
        var wrong = send("POST", "/approvals/1-0/approve", "not-the-token-at-all");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(h.engine.pendingApprovals()).hasSize(1);
    }

    @Test
    void unknownId_is404_andUnknownVerb_is400() throws Exception {
        var unknown = send("POST", "/approvals/9-9/approve", TOKEN);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("no pending approval '9-9'");
        var verb = send("POST", "/approvals/1-0/allow", TOKEN);
        assertThat(verb.statusCode()).isEqualTo(400);
        assertThat(verb.body()).contains("use approve or reject");
        assertThat(h.engine.pendingApprovals()).hasSize(1);
    }

    @Test
    void probesStillAnswer_nextToTheApprovalsApi() throws Exception {
        assertThat(send("GET", "/healthz", null).statusCode()).isEqualTo(200);
    }
}
