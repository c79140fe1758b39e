package dev.homeostat.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image as a cluster runs it, under podman (no Docker daemon): {@code homeostat version}, then the engine in a dry
 * run against the fabric8 mock API server and a stub Prometheus on this machine. It answers /healthz and /readyz,
 * logs JSON lines, and reports not-ready once its API server is stopped. Skipped, saying why, without podman or
 * without the image tarball.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class EngineContainerTest {
    static KubernetesMockServer server;
    static KubernetesClient client;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void theImage_printsItsVersion_runsTheEngine_andTurnsNotReadyWithoutItsApiServer(@TempDir Path tmp) throws Exception {
        String why = Podman.unavailable();
        assumeTrue(why == null, why);
        var podman = new Podman(tmp);
        String image = podman.load();

        String version = podman.run("run", "--rm", "--network", "host", image, "version");
        assertThat(version).contains("homeostat 0.1.0").contains("java 25");

        HttpServer prometheus = stubPrometheus();
        Path work = Files.createDirectories(tmp.resolve("work"));
        int port = freePort();
        Files.writeString(work.resolve("policy.yaml"), """
                apiVersion: homeostat.dev/v1alpha1
                kind: RemediationPolicy
                metadata: {name: container}
                spec:
                  evaluationInterval: 1s
                  lookback: 1m
                  signals:
                    - {name: memory-saturation, metric: "pod:container_memory_working_set_bytes:ratio_limit", target: pod, detector: "threshold:above=0.75"}
                  rules:
                    - {name: restart, match: {signals: [memory-saturation], targetKind: pod}, actions: [restart-pod]}
                """);
        Files.writeString(work.resolve("engine.yaml"), """
                apiVersion: homeostat.dev/v1alpha1
                kind: EngineConfig
                metadata: {name: container}
                spec:
                  policy: /work/policy.yaml
                  journal: /dev/stdout
                  prometheus: {url: "http://127.0.0.1:%d", timeout: 1s}
                  kubernetes: {namespaces: [default]}
                  server: {listen: "127.0.0.1:%d"}
                  leaderElection: {enabled: false}
                """.formatted(prometheus.getAddress().getPort(), port));
        Files.writeString(work.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: mock, cluster: {server: "%s"}}]
                users: [{name: mock, user: {token: mock}}]
                contexts: [{name: mock, context: {cluster: mock, user: mock, namespace: default}}]
                current-context: mock
                """.formatted(client.getMasterUrl()));
        Podman.shareReadOnly(work);

        String name = "homeostat-engine-test-" + ProcessHandle.current().pid();
        podman.run("run", "-d", "--name", name, "--network", "host", "-v", work + ":/work:ro", image,
                "engine", "--config", "/work/engine.yaml", "--kubeconfig", "/work/kubeconfig", "--dry-run", "--log-format", "json");
        try {
            String base = "http://127.0.0.1:" + port;
            await().atMost(Duration.ofSeconds(60)).ignoreExceptionsInstanceOf(IOException.class).alias("/healthz answers; else see podman logs " + name)
                    .until(() -> running(podman, name) && get(base + "/healthz").statusCode() == 200);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> get(base + "/readyz").statusCode() == 200);
            assertThat(get(base + "/metrics").body()).contains("homeostat_build_info").contains("jvm_memory_used_bytes");

            server.destroy(); // the API server goes away; the engine notices within 3 evaluation intervals
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                var ready = get(base + "/readyz");
                assertThat(ready.statusCode()).isEqualTo(503);
                assertThat(ready.body()).contains("kubernetes unreachable");
            });
            assertThat(get(base + "/healthz").statusCode()).as("liveness: a restart would not bring the API server back").isEqualTo(200);

            String logs = podman.run("logs", name);
            String first = logs.lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow(() -> new AssertionError("no JSON log line in:\n" + logs));
            assertThat(new ObjectMapper().readTree(first).has("level")).as(first).isTrue();
            assertThat(logs).contains("kubernetes did not answer");
        } finally {
            try {
                podman.run("rm", "-f", name);
            } finally {
                prometheus.stop(0);
            }
        }
    }

    /** True while the container runs; fails with its logs when it has exited. */
    private static boolean running(Podman podman, String name) throws IOException, InterruptedException {
        String state = podman.run("inspect", "--format", "{{.State.Status}}", name).trim();
        if (state.equals("exited")) throw new AssertionError("the engine container exited:\n" + podman.run("logs", name));
        return state.equals("running");
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Answers every query with no series, and /-/ready. */
    private static HttpServer stubPrometheus() throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.createContext("/", exchange -> {
            byte[] body = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        s.start();
        return s;
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
