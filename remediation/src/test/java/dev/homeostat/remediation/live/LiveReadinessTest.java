package dev.homeostat.remediation.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /readyz fails once the API server or Prometheus has not answered for {@link Reachability#UNREACHABLE_AFTER}
 * evaluation intervals, names which, and recovers when it answers again; /healthz stays 200 (a restart cures neither).
 */
class LiveReadinessTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test void readyz_failsWhileTheApiServerOrPrometheusIsUnreachable(@TempDir Path dir) throws Exception {
        var api = new KubernetesMockServer(false);
        api.init();
        var prometheus = new StubPrometheus(p -> StubPrometheus.Answer.ok(StubPrometheus.matrix()));
        Files.writeString(dir.resolve("policy.yaml"), LiveRuntimeDryRunTest.POLICY);
        Files.writeString(dir.resolve("engine.yaml"), """
                apiVersion: homeostat.dev/v1alpha1
                kind: EngineConfig
                metadata: {name: test}
                spec:
                  policy: policy.yaml
                  dryRun: true
                  prometheus: {url: "%s", timeout: 500ms}
                  server: {listen: "127.0.0.1:0"}
                  leaderElection: {enabled: false}
                """.formatted(prometheus.url()));
        var config = EngineConfig.load(dir.resolve("engine.yaml"), Map.of());
        try (var client = api.createClient(); var runtime = LiveRuntime.start(config, client, line -> { })) {
            String base = "http://127.0.0.1:" + runtime.serverPort();
            await().atMost(Duration.ofSeconds(10)).until(() -> get(base + "/readyz").statusCode() == 200);

            prometheus.close();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                var ready = get(base + "/readyz");
                assertThat(ready.statusCode()).isEqualTo(503);
                assertThat(ready.body()).contains("prometheus unreachable for").contains("evaluation intervals");
            });
            assertThat(get(base + "/healthz").statusCode()).isEqualTo(200);

            api.destroy();
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(get(base + "/readyz").body()).contains("kubernetes unreachable for"));
            assertThat(get(base + "/metrics").body()).contains("homeostat_dependency_up{dependency=\"kubernetes\"} 0.0");
        } finally {
            prometheus.close();
            api.destroy();
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
