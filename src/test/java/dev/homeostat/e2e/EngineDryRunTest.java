package dev.homeostat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.homeostat.testbed.cli.Homeostat;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code homeostat engine --dry-run} against the fabric8 mock API server with the shipped sample
 * configuration and policy (deploy/engine/base/engine.yaml and policy.yaml), a Deployment of three pods, and a stub
 * Prometheus in which one pod's memory ratio is 0.95: the engine says it would restart that pod,
 * and no pod is touched.
 */
@EnableKubernetesMockClient(crud = true)
class EngineDryRunTest {
    static KubernetesClient client;
    static final Path ROOT = RepositoryPaths.root();
    static final String MEMORY = "pod:container_memory_working_set_bytes:predict_ratio_15m";

    @Test
    void dryRun_againstTheMockServer_logsTheRestartItWouldDo(@TempDir Path dir) throws Exception {
        checkoutDeployment(3);
        HttpServer prometheus = stubPrometheus();
        try {
            writeSampleConfig(dir, "http://127.0.0.1:" + prometheus.getAddress().getPort());
            var out = new StringWriter();
            var err = new StringWriter();
            int code = Homeostat.execute(new PrintWriter(out, true), new PrintWriter(err, true), "engine", "--config", dir.resolve("engine.yaml").toString(), "--dry-run",
                            "--kubeconfig", dir.resolve("kubeconfig").toString(), "--max-ticks", "6");

            assertThat(code).as(out + "\n" + err).isZero();
            assertThat(out.toString()).contains("DRY RUN")
                    .contains("dry-run: would restart pod default/checkout-0")
                    .doesNotContain("would restart pod default/checkout-1")
                    .containsPattern("engine stopped after ([6-9]|[1-9][0-9]+) evaluations");
            assertThat(client.pods().inNamespace("default").list().getItems()).hasSize(3);
            assertThat(Files.readString(dir.resolve("engine.jsonl"))).contains("\"detail\":\"dry-run: would restart pod default/checkout-0\"");
        } finally {
            prometheus.stop(0);
        }
    }

    /** The shipped ConfigMap's two files, pointed at the test's servers and with a 200 ms evaluation interval. */
    static void writeSampleConfig(Path dir, String prometheusUrl) throws Exception {
        String policy = Files.readString(ROOT.resolve("deploy/engine/base/policy.yaml")).replace("evaluationInterval: 15s", "evaluationInterval: 200ms");
        assertThat(policy).contains("evaluationInterval: 200ms");
        Files.writeString(dir.resolve("policy.yaml"), policy);
        Files.writeString(dir.resolve("token"), "e2e-webhook-token-0123456789\n");
        String engine = Files.readString(ROOT.resolve("deploy/engine/base/engine.yaml"))
                .replace("/etc/homeostat/policy.yaml", "policy.yaml")
                .replace("journal: /dev/stdout", "journal: engine.jsonl")
                .replace("http://prometheus-operated.monitoring.svc:9090", prometheusUrl)
                .replace("/var/run/secrets/homeostat/token", "token")
                .replace("0.0.0.0:8080", "127.0.0.1:0")
                .replace("0.0.0.0:8081", "127.0.0.1:0")
                .replace("leaseName: homeostat-engine", "leaseName: homeostat-engine\n    namespace: default\n    identity: e2e");
        assertThat(engine).contains(prometheusUrl).contains("identity: e2e");
        Files.writeString(dir.resolve("engine.yaml"), engine);
        Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: mock, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
                users: [{name: mock, user: {token: mock-token}}]
                contexts: [{name: mock, context: {cluster: mock, user: mock, namespace: default}}]
                current-context: mock
                """.formatted(client.getMasterUrl().toString()));
    }

    /** A Deployment with its ReplicaSet and ready pods checkout-0..n-1, settled (observedGeneration = generation). */
    static void checkoutDeployment(int replicas) {
        var d = client.apps().deployments().inNamespace("default").resource(new DeploymentBuilder()
                .withNewMetadata().withName("checkout").withNamespace("default").endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", "checkout").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "checkout").endMetadata()
                .withNewSpec().addNewContainer().withName("checkout").withImage("checkout:1").endContainer().endSpec().endTemplate().endSpec()
                .withNewStatus().withObservedGeneration(1L).withReplicas(replicas).withReadyReplicas(replicas).withAvailableReplicas(replicas)
                .withUpdatedReplicas(replicas).endStatus()
                .build()).create();
        var rs = client.apps().replicaSets().inNamespace("default").resource(new ReplicaSetBuilder()
                .withNewMetadata().withName("checkout-7f9c").withNamespace("default")
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("Deployment").withName("checkout").withUid(d.getMetadata().getUid())
                .withController(true).endOwnerReference().endMetadata()
                .withNewSpec().withReplicas(replicas).endSpec().build()).create();
        for (int i = 0; i < replicas; i++) {
            client.pods().inNamespace("default").resource(new PodBuilder()
                    .withNewMetadata().withName("checkout-" + i).withNamespace("default").addToLabels("app", "checkout")
                    .addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet").withName(rs.getMetadata().getName())
                    .withUid(rs.getMetadata().getUid()).withController(true).endOwnerReference().endMetadata()
                    .withNewSpec().withNodeName("node-1").addNewContainer().withName("checkout").withImage("checkout:1").endContainer().endSpec()
                    .withNewStatus().withPhase("Running").withStartTime("2025-01-01T00:00:00Z")
                    .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
                    .build()).create();
        }
    }

    /** Answers query_range: the working set 15 min ahead is 1.3 of the limit for checkout-0, 0.62 and 0.63 for the others; every other metric has no series. */
    static HttpServer stubPrometheus() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/query_range", exchange -> {
            try (exchange) {
                var params = new TreeMap<String, String>();
                for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
                    int eq = pair.indexOf('=');
                    params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
                String result = "";
                if (params.get("query").equals(MEMORY)) {
                    result = String.join(",", series("checkout-0", "1.30", params), series("checkout-1", "0.62", params), series("checkout-2", "0.63", params));
                }
                byte[] body = ("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[" + result + "]}}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(body);
                }
            }
        });
        server.start();
        return server;
    }

    private static String series(String pod, String value, Map<String, String> params) {
        long start = new BigDecimal(params.get("start")).movePointRight(3).longValue();
        long end = new BigDecimal(params.get("end")).movePointRight(3).longValue();
        long step = new BigDecimal(params.get("step")).movePointRight(3).longValue();
        var values = new StringBuilder();
        for (long t = start; t <= end; t += step) {
            if (!values.isEmpty()) values.append(',');
            values.append('[').append(BigDecimal.valueOf(t, 3).toPlainString()).append(",\"").append(value).append("\"]");
        }
        return "{\"metric\":{\"__name__\":\"" + MEMORY + "\",\"namespace\":\"default\",\"pod\":\"" + pod + "\"},\"values\":[" + values + "]}";
    }
}
