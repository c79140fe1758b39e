package dev.homeostat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.homeostat.remediation.policy.PolicyLoader;
import dev.homeostat.testbed.cli.RulesCommand;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What deploy/engine ships installs as a user installs it: every overlay renders with {@code kubectl kustomize} (the
 * kustomize built into kubectl) and every rendered object parses into its fabric8 model and is applied to the mock API
 * server; the PrometheusRules pass {@code promtool check rules}, the Alertmanager snippet {@code amtool check-config};
 * the signal alerts are what {@code homeostat rules} makes of the shipped policy. Skipped, saying so, where a tool is
 * missing; .ci/run installs them all.
 */
@EnableKubernetesMockClient(crud = true)
class DeployManifestsTest {
    static final Path ENGINE = RepositoryPaths.root().resolve("deploy/engine");
    /** Kinds with a fabric8 model: rendered objects of these must parse into it, not into a generic map. */
    static final Set<String> TYPED = Set.of("Namespace", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding",
            "ConfigMap", "Deployment", "Service", "PodDisruptionBudget", "NetworkPolicy", "PersistentVolumeClaim");
    static KubernetesClient client;

    static Stream<String> overlays() throws IOException {
        try (var dirs = Files.list(ENGINE.resolve("overlays"))) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "overlays/{0}")
    @MethodSource("overlays")
    void everyOverlay_renders_andEveryObjectParsesAndAppliesToTheApiServer(String overlay) throws Exception {
        assumeTrue(onPath("kubectl"), "kubectl is not on PATH (kubectl kustomize renders the overlays); .ci/run installs it");
        String rendered = run(List.of("kubectl", "kustomize", ENGINE.resolve("overlays").resolve(overlay).toString()));
        List<HasMetadata> objects = client.load(new ByteArrayInputStream(rendered.getBytes(StandardCharsets.UTF_8))).items();
        assertThat(objects).as("objects rendered from overlays/" + overlay).hasSizeGreaterThan(10);
        var kinds = new ArrayList<String>();
        for (HasMetadata o : objects) {
            kinds.add(o.getKind());
            if (TYPED.contains(o.getKind())) {
                assertThat(o).as(o.getKind() + " " + o.getMetadata().getName() + " parses into its model").isNotInstanceOf(GenericKubernetesResource.class);
            }
            HasMetadata applied = apply(o);
            assertThat(applied.getMetadata().getName()).isEqualTo(o.getMetadata().getName());
            HasMetadata back = o instanceof GenericKubernetesResource g ? generic(g).get() : client.resource(o).get();
            assertThat(back).as(o.getKind() + " " + o.getMetadata().getName() + " stored by the API server").isNotNull();
        }
        assertThat(kinds).contains("Deployment", "PodDisruptionBudget", "NetworkPolicy", "ConfigMap", "RoleBinding", "PrometheusRule", "ServiceMonitor");
        var deployment = objects.stream().filter(o -> o.getKind().equals("Deployment")).findFirst().orElseThrow();
        String json = client.getKubernetesSerialization().asJson(deployment);
        assertThat(json).contains("MaxRAMPercentage").contains("homeostat-webhook-token");
        switch (overlay) {
            case "dry-run" -> assertThat(json).contains("\"--dry-run\"");
            case "auto" -> assertThat(json).doesNotContain("--dry-run").contains("--journal=/var/lib/homeostat/engine.jsonl").contains("homeostat-journal");
            case "many-namespaces" -> {
                assertThat(json).contains("--namespace=shop").contains("--namespace=payments");
                assertThat(objects.stream().filter(o -> o.getKind().equals("RoleBinding") && o.getMetadata().getName().equals("homeostat-engine-workloads"))
                        .map(o -> o.getMetadata().getNamespace())).containsExactlyInAnyOrder("shop", "payments");
            }
            default -> { }
        }
    }

    @Test
    void prometheusRules_passPromtool(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("promtool"), "promtool is not on PATH (Debian package prometheus); .ci/run installs it");
        var yaml = new ObjectMapper(new YAMLFactory());
        int checked = 0;
        for (String file : List.of("prometheus-rules.yaml", "signal-alerts.yaml", "engine-alerts.yaml")) {
            JsonNode rule = yaml.readTree(ENGINE.resolve("base").resolve(file).toFile());
            assertThat(rule.path("kind").asText()).as(file).isEqualTo("PrometheusRule");
            Path spec = dir.resolve(file);
            yaml.writeValue(spec.toFile(), rule.path("spec"));
            String out = run(List.of("promtool", "check", "rules", spec.toString()));
            assertThat(out).as(file).contains("SUCCESS");
            checked++;
        }
        assertThat(checked).isEqualTo(3);
    }

    @Test
    void homeostatRules_withSloObjectives_andTheRehearsalsRules_passPromtool(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("promtool"), "promtool is not on PATH (Debian package prometheus); .ci/run installs it");
        var out = new java.io.StringWriter();
        var err = new java.io.StringWriter();
        int code = dev.homeostat.testbed.cli.Homeostat.execute(new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true), "rules",
                "--policy", ENGINE.resolve("base/policy.yaml").toString(), "--format", "rule-file",
                "--slo", "shop/checkout=availability:0.999", "--slo", "shop/checkout=latency:0.99@400ms",
                "--slo", "shop/cart=availability:0.999", "--slo", "shop/cart=latency:0.99@250ms");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("alert: SLOErrorBudgetBurn").contains("homeostat_signal: memory-saturation");
        Files.writeString(dir.resolve("slo.yaml"), out.toString());
        assertThat(run(List.of("promtool", "check", "rules", dir.resolve("slo.yaml").toString()))).contains("SUCCESS");
        // the rehearsal's Prometheus loads the recording rules (time-compressed) and the generated per-signal alerts
        Files.writeString(dir.resolve("rehearsal.yaml"), Rehearsal.compressedRules(ENGINE.resolve("base/prometheus-rules.yaml"), "500ms"));
        assertThat(run(List.of("promtool", "check", "rules", dir.resolve("rehearsal.yaml").toString()))).contains("SUCCESS");
        assertThat(Files.readString(dir.resolve("rehearsal.yaml"))).contains("homeostat_signal").contains("pod-not-ready").contains("/ 30.0");
        assertThat(dev.homeostat.testbed.cli.Homeostat.execute(new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(new java.io.StringWriter()),
                "rules", "--policy", ENGINE.resolve("base/policy.yaml").toString(), "--slo", "shop/checkout=latency:0.99")).isEqualTo(2);
    }

    @Test
    void alertmanagerSnippet_passesAmtool() throws Exception {
        assumeTrue(onPath("amtool"), "amtool is not on PATH (Debian package prometheus-alertmanager); .ci/run installs it");
        assertThat(run(List.of("amtool", "check-config", ENGINE.resolve("alertmanager/alertmanager.yaml").toString()))).contains("SUCCESS");
    }

    @Test
    void theShippedPolicy_isThePolicyTheTestbedScores() throws Exception {
        String shipped = Files.readString(ENGINE.resolve("base/policy.yaml"));
        String scored = Files.readString(RepositoryPaths.root().resolve("remediation/policies/default.yaml"));
        assertThat(shipped.substring(shipped.indexOf("apiVersion:")))
                .as("deploy/engine/base/policy.yaml differs from remediation/policies/default.yaml below its header; copy it over")
                .isEqualTo(scored.substring(scored.indexOf("apiVersion:")));
    }

    @Test
    void signalAlerts_areWhatHomeostatRulesMakesOfTheShippedPolicy() throws Exception {
        var policy = PolicyLoader.load(ENGINE.resolve("base/policy.yaml"));
        String expected = RulesCommand.render(policy, Map.of(), "prometheus-rule", "homeostat-signal-alerts", "homeostat");
        assertThat(Files.readString(ENGINE.resolve("base/signal-alerts.yaml")))
                .as("deploy/engine/base/signal-alerts.yaml is stale; run ./homeostat rules --policy deploy/engine/base/policy.yaml --out deploy/engine/base/signal-alerts.yaml")
                .isEqualTo(expected);
        assertThat(expected).contains("homeostat_signal: memory-saturation");
    }

    /** Creates or updates {@code o}; custom resources (PrometheusRule, ServiceMonitor) through the generic API, as kubectl does. */
    private static HasMetadata apply(HasMetadata o) {
        if (o instanceof GenericKubernetesResource g) return generic(g).createOr(NonDeletingOperation::update);
        return client.resource(o).createOr(NonDeletingOperation::update);
    }

    private static io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource> generic(GenericKubernetesResource g) {
        String[] gv = g.getApiVersion().split("/");
        var context = new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder().withGroup(gv.length == 2 ? gv[0] : "")
                .withVersion(gv[gv.length - 1]).withKind(g.getKind()).withPlural(g.getKind().toLowerCase(java.util.Locale.ROOT) + "s")
                .withNamespaced(g.getMetadata().getNamespace() != null).build();
        var op = client.genericKubernetesResources(context);
        return g.getMetadata().getNamespace() == null ? op.resource(g) : op.inNamespace(g.getMetadata().getNamespace()).resource(g);
    }

    static boolean onPath(String binary) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            if (Files.isExecutable(Path.of(d, binary))) return true;
        return false;
    }

    /** Runs {@code command}; its output (stdout and stderr), or a failure naming the command and its output. */
    static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        assertThat(code).as(String.join(" ", command) + " exited " + code + ":\n" + out).isZero();
        return out;
    }
}
