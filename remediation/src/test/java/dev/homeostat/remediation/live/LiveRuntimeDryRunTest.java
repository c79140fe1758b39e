package dev.homeostat.remediation.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live engine end to end in a dry run: a Deployment with three pods on the mock API server,
 * a stub Prometheus where one pod's memory ratio is 0.95, the Alertmanager webhook, the Lease,
 * /metrics and the journal — it says it would restart that pod and touches nothing.
 */
@EnableKubernetesMockClient(crud = true)
class LiveRuntimeDryRunTest {
    static KubernetesMockServer server;
    static KubernetesClient client;
    static final String TOKEN = "dry-run-token-0123456789";

    /** A Deployment {@code name} with a ReplicaSet and {@code replicas} ready pods {@code name-0...}, as the API server would hold them. */
    static void deployment(KubernetesClient c, String name, int replicas) {
        var d = c.apps().deployments().inNamespace("default").resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName(name).withImage(name + ":1").endContainer().endSpec().endTemplate().endSpec()
                .withNewStatus().withObservedGeneration(1L).withReplicas(replicas).withReadyReplicas(replicas).withAvailableReplicas(replicas).withUpdatedReplicas(replicas).endStatus()
                .build()).create();
        var rs = c.apps().replicaSets().inNamespace("default").resource(new ReplicaSetBuilder()
                .withNewMetadata().withName(name + "-7f9c").withNamespace("default")
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("Deployment").withName(name).withUid(d.getMetadata().getUid()).withController(true).endOwnerReference()
                .endMetadata().withNewSpec().withReplicas(replicas).endSpec().build()).create();
        for (int i = 0; i < replicas; i++) {
            c.pods().inNamespace("default").resource(new PodBuilder()
                    .withNewMetadata().withName(name + "-" + i).withNamespace("default").addToLabels("app", name)
                    .addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet").withName(rs.getMetadata().getName()).withUid(rs.getMetadata().getUid()).withController(true).endOwnerReference()
                    .endMetadata()
                    .withNewSpec().withNodeName("node-1").addNewContainer().withName(name).withImage(name + ":1").endContainer().endSpec()
                    .withNewStatus().withPhase("Running").withStartTime("2025-01-01T00:00:00Z").addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
                    .build()).create();
        }
    }

    static final String POLICY = """
            apiVersion: homeostat.dev/v1alpha1
            kind: RemediationPolicy
            metadata: {name: live-test}
            spec:
              evaluationInterval: 200ms
              lookback: 5s
              signals:
                - name: memory-saturation
                  metric: pod:container_memory_working_set_bytes:ratio_limit
                  target: pod
                  detector: threshold:above=0.75,for=2
              rules:
                - name: restart-leaking-pod
                  match: {signals: [memory-saturation], targetKind: pod}
                  actions: [restart-pod, page]
                  verifyAfter: 2m
            """;

    @Test
    void dryRun_logsAndJournalsTheRestartItWouldDo_andTouchesNothing(@TempDir Path dir) throws Exception {
        deployment(client, "checkout", 3);
        Files.writeString(dir.resolve("policy.yaml"), POLICY);
        try (var prometheus = new StubPrometheus(p -> StubPrometheus.Answer.ok(StubPrometheus.matrix(
                StubPrometheus.constant("{\"namespace\":\"default\",\"pod\":\"checkout-0\"}", p, "0.95"),
                StubPrometheus.constant("{\"namespace\":\"default\",\"pod\":\"checkout-1\"}", p, "0.40"),
                StubPrometheus.constant("{\"namespace\":\"default\",\"pod\":\"checkout-2\"}", p, "0.41"))))) {
            Files.writeString(dir.resolve("engine.yaml"), """
                    apiVersion: homeostat.dev/v1alpha1
                    kind: EngineConfig
                    metadata: {name: test}
                    spec:
                      policy: policy.yaml
                      dryRun: true
                      journal: out/engine.jsonl
                      prometheus: {url: "%s", timeout: 2s}
                      kubernetes: {namespaces: [default]}
                      webhook: {listen: "127.0.0.1:0", tokenEnv: WEBHOOK_TOKEN}
                      server: {listen: "127.0.0.1:0"}
                      leaderElection: {namespace: default, identity: engine-test, leaseDuration: 2s, renewDeadline: 1500ms, retryPeriod: 250ms}
                    """.formatted(prometheus.url()));
            EngineConfig config = EngineConfig.load(dir.resolve("engine.yaml"), Map.of("WEBHOOK_TOKEN", TOKEN));
            var lines = new CopyOnWriteArrayList<String>();
            try (var runtime = LiveRuntime.start(config, server.createClient(), lines::add)) {
                await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(lines).as("engine output")
                        .anyMatch(l -> l.contains("would restart pod default/checkout-0")));

                assertThat(lines).anyMatch(l -> l.startsWith("dry-run: would restart pod default/checkout-0"));
                assertThat(lines).noneMatch(l -> l.contains("checkout-1") && l.contains("would restart"));
                assertThat(client.pods().inNamespace("default").list().getItems()).hasSize(3);

                // the dry-run line is logged by the actions port before the engine journals the outcome: wait for the journal too
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                    List<JsonNode> journal = Files.readAllLines(dir.resolve("out/engine.jsonl")).stream().map(LiveRuntimeDryRunTest::json).toList();
                    assertThat(journal).anySatisfy(e -> {
                        assertThat(e.path("type").asText()).isEqualTo("ActionTaken");
                        assertThat(e.path("outcome").asText()).isEqualTo("REFUSED");
                        assertThat(e.path("action").path("type").asText()).isEqualTo("RestartPod");
                        assertThat(e.path("detail").asText()).isEqualTo("dry-run: would restart pod default/checkout-0");
                    });
                });

                // An Alertmanager alert on another pod reaches the engine as an anomaly of the signal it names.
                var http = HttpClient.newHttpClient();
                String alert = AlertmanagerWebhookTest.payload(AlertmanagerWebhookTest.alert("firing", "fp-1",
                        "\"alertname\":\"PodMemoryHigh\",\"homeostat_signal\":\"memory-saturation\",\"namespace\":\"default\",\"pod\":\"checkout-2\""));
                var posted = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.webhookPort() + "/alerts"))
                        .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString(alert)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(5)).until(() -> lines.stream().anyMatch(l -> l.contains("anomaly   memory-saturation on pod/default/checkout-2 (alertmanager")));

                String base = "http://127.0.0.1:" + runtime.serverPort();
                var metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(metrics.body()).contains("homeostat_engine_ticks_total{result=\"ok\"}").contains("homeostat_engine_leader 1.0")
                        .contains("homeostat_webhook_alerts_total{outcome=\"queued\"} 1.0")
                        .contains("homeostat_build_info{java_version=").contains("jvm_memory_used_bytes").contains("process_cpu_seconds_total")
                        .contains("homeostat_engine_tick_duration_seconds_bucket").contains("homeostat_dependency_up{dependency=\"kubernetes\"} 1.0")
                        .contains("homeostat_engine_action_duration_seconds_count{action=\"restart-pod\",outcome=\"dry-run\"}");
                // `kubectl describe pod checkout-0` shows what the engine would have done
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(client.v1().events().inNamespace("default").list().getItems())
                        .anySatisfy(e -> {
                            assertThat(e.getReason()).isEqualTo("HomeostatDryRun");
                            assertThat(e.getInvolvedObject().getKind()).isEqualTo("Pod");
                            assertThat(e.getInvolvedObject().getName()).isEqualTo("checkout-0");
                            assertThat(e.getInvolvedObject().getUid()).isNotBlank();
                            assertThat(e.getMessage()).contains("dry-run: would restart pod default/checkout-0");
                            assertThat(e.getSource().getComponent()).isEqualTo("homeostat-engine");
                        }));
                assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
                // the approvals API is wired with the webhook's token; this policy is auto, so nothing waits
                var approvals = http.send(HttpRequest.newBuilder(URI.create(base + "/approvals")).header("Authorization", "Bearer " + TOKEN).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(approvals.statusCode()).isEqualTo(200);
                assertThat(approvals.body()).isEqualTo("[]");
                assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/approvals")).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                        .isEqualTo(401);
                var ready = http.send(HttpRequest.newBuilder(URI.create(base + "/readyz")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(ready.statusCode()).isEqualTo(200);
                assertThat(ready.body()).contains("leader");
                assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/nope")).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
            }
        }
    }

    private static JsonNode json(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
