package dev.homeostat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped rules compute what the simulator records under the same names, checked by {@code promtool test rules}
 * on series whose answer is known: the memory prediction (a working set growing 2 bytes every 15 s, 640 of a
 * 1,000-byte limit: 760 expected 15 min on; one
 * growing 1 byte every 15 s, 740 an hour in: 980 an hour on), CPU over requests, a Deployment's available replicas over the fewest it
 * wanted in the last 2 min; and the signal alerts judge a pod against its peers as the engine does (a pod 5× its
 * service's median latency alerts, a lone pod does not; errors every pod of a service shares do not alert), and a pod's
 * readiness from kube-state-metrics' {@code condition="true"} series only.
 */
class ShippedRulesArithmeticTest {
    static final Path BASE = RepositoryPaths.root().resolve("deploy/engine/base");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void recordingRules_computeWhatTheSimulatorRecords(@TempDir Path dir) throws Exception {
        assumeTrue(DeployManifestsTest.onPath("promtool"), "promtool is not on PATH (Debian package prometheus); .ci/run installs it");
        spec("prometheus-rules.yaml", dir.resolve("rules.yaml"));
        Files.writeString(dir.resolve("test.yaml"), """
                rule_files: [rules.yaml]
                evaluation_interval: 15s
                tests:
                  - interval: 15s
                    input_series:
                      - {series: 'container_memory_working_set_bytes{namespace="default",pod="web-1",container="web"}', values: '600+2x40'}
                      - {series: 'kube_pod_container_resource_limits{namespace="default",pod="web-1",container="web",resource="memory",unit="byte"}', values: '1000x40'}
                      - {series: 'container_memory_working_set_bytes{namespace="default",pod="web-3",container="web"}', values: '500+1x300'}
                      - {series: 'kube_pod_container_resource_limits{namespace="default",pod="web-3",container="web",resource="memory",unit="byte"}', values: '1000x300'}
                      - {series: 'container_memory_working_set_bytes{namespace="default",pod="web-2",container="web"}', values: '500x40'}
                      - {series: 'kube_pod_container_resource_limits{namespace="default",pod="web-2",container="web",resource="memory",unit="byte"}', values: '1000x40'}
                      - {series: 'container_cpu_usage_seconds_total{namespace="default",pod="web-1",container="web"}', values: '0+7.5x40'}
                      - {series: 'kube_pod_container_resource_requests{namespace="default",pod="web-1",container="web",resource="cpu",unit="core"}', values: '0.25x40'}
                      - {series: 'kube_pod_container_resource_requests{namespace="default",pod="web-1",container="web",resource="memory",unit="byte"}', values: '268435456x40'}
                      - {series: 'kube_deployment_spec_replicas{namespace="default",deployment="web"}', values: '4x16 6x23'}
                      - {series: 'kube_deployment_status_replicas_available{namespace="default",deployment="web"}', values: '4x40'}
                    promql_expr_test:
                      - expr: pod:container_memory_working_set_bytes:predict_ratio_15m
                        eval_time: 5m
                        exp_samples:
                          - {labels: 'pod:container_memory_working_set_bytes:predict_ratio_15m{namespace="default",pod="web-1"}', value: 0.76}
                      - expr: pod:container_memory_working_set_bytes:predict_ratio_1h
                        eval_time: 1h
                        exp_samples:
                          - {labels: 'pod:container_memory_working_set_bytes:predict_ratio_1h{namespace="default",pod="web-3"}', value: 0.98}
                      - expr: pod:container_cpu_usage:ratio_request
                        eval_time: 5m
                        exp_samples:
                          - {labels: 'pod:container_cpu_usage:ratio_request{namespace="default",pod="web-1"}', value: 2}
                      - expr: deployment:replicas_available:ratio
                        eval_time: 5m
                        exp_samples:
                          - {labels: 'deployment:replicas_available:ratio{namespace="default",deployment="web"}', value: 1}
                      - expr: round(deployment:replicas_available:ratio, 0.001)
                        eval_time: 8m
                        exp_samples:
                          - {labels: '{namespace="default",deployment="web"}', value: 0.667}
                """);
        assertThat(DeployManifestsTest.run(List.of("promtool", "test", "rules", dir.resolve("test.yaml").toString()))).contains("SUCCESS");
    }

    @Test
    void signalAlerts_judgePodsAgainstTheirPeers_andReadinessFromTheTrueCondition(@TempDir Path dir) throws Exception {
        assumeTrue(DeployManifestsTest.onPath("promtool"), "promtool is not on PATH (Debian package prometheus); .ci/run installs it");
        JsonNode groups = spec("signal-alerts.yaml", dir.resolve("alerts.yaml"));
        Files.writeString(dir.resolve("test.yaml"), """
                rule_files: [alerts.yaml]
                evaluation_interval: 15s
                tests:
                  - interval: 15s
                    input_series:
                      - {series: 'pod:http_request_duration_seconds:mean_rate1m{namespace="default",service="web",pod="web-1"}', values: '0.1x40'}
                      - {series: 'pod:http_request_duration_seconds:mean_rate1m{namespace="default",service="web",pod="web-2"}', values: '0.1x40'}
                      - {series: 'pod:http_request_duration_seconds:mean_rate1m{namespace="default",service="web",pod="web-3"}', values: '0.5x40'}
                      - {series: 'pod:http_request_duration_seconds:mean_rate1m{namespace="default",service="solo",pod="solo-1"}', values: '9x40'}
                      - {series: 'pod:http_request_errors:ratio_rate1m{namespace="default",service="web",pod="web-1"}', values: '0x40'}
                      - {series: 'pod:http_request_errors:ratio_rate1m{namespace="default",service="web",pod="web-2"}', values: '0x40'}
                      - {series: 'pod:http_request_errors:ratio_rate1m{namespace="default",service="web",pod="web-3"}', values: '0.3x40'}
                      - {series: 'pod:http_request_errors:ratio_rate1m{namespace="default",service="all",pod="all-1"}', values: '0.5x40'}
                      - {series: 'pod:http_request_errors:ratio_rate1m{namespace="default",service="all",pod="all-2"}', values: '0.5x40'}
                      - {series: 'pod:http_request_errors:ratio_rate1m{namespace="default",service="solo",pod="solo-1"}', values: '0.2x40'}
                      - {series: 'kube_pod_status_ready{namespace="default",pod="web-1",condition="true"}', values: '1x40'}
                      - {series: 'kube_pod_status_ready{namespace="default",pod="web-1",condition="false"}', values: '0x40'}
                      - {series: 'kube_pod_status_ready{namespace="default",pod="web-1",condition="unknown"}', values: '0x40'}
                      - {series: 'kube_pod_status_ready{namespace="default",pod="web-2",condition="true"}', values: '0x40'}
                      - {series: 'kube_pod_status_ready{namespace="default",pod="web-2",condition="false"}', values: '1x40'}
                    promql_expr_test:
                      - expr: 'count by (pod) (%s)'
                        eval_time: 5m
                        exp_samples:
                          - {labels: '{pod="web-3"}', value: 1}
                      - expr: 'count by (pod) (%s)'
                        eval_time: 5m
                        exp_samples:
                          - {labels: '{pod="solo-1"}', value: 1}
                          - {labels: '{pod="web-3"}', value: 1}
                      - expr: 'count by (pod) (%s)'
                        eval_time: 5m
                        exp_samples:
                          - {labels: '{pod="web-2"}', value: 1}
                """.formatted(expr(groups, "HomeostatPodLatency"), expr(groups, "HomeostatPodErrors"), expr(groups, "HomeostatPodNotReady")));
        assertThat(DeployManifestsTest.run(List.of("promtool", "test", "rules", dir.resolve("test.yaml").toString()))).contains("SUCCESS");
    }

    /** Writes the PrometheusRule {@code file}'s spec (a plain rule file) to {@code to}; returns its groups. */
    private static JsonNode spec(String file, Path to) throws Exception {
        JsonNode spec = YAML.readTree(BASE.resolve(file).toFile()).path("spec");
        YAML.writeValue(to.toFile(), spec);
        return spec.path("groups");
    }

    /** The expression of alert {@code name}, quoted for a YAML flow scalar on one line. */
    private static String expr(JsonNode groups, String name) {
        for (JsonNode g : groups)
            for (JsonNode r : g.path("rules"))
                if (name.equals(r.path("alert").asText())) return r.path("expr").asText().replace("\n", " ");
        throw new AssertionError("no alert " + name + " in signal-alerts.yaml");
    }
}
