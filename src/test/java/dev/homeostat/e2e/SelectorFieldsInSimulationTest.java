package dev.homeostat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homeostat.chaos.YamlDocuments;
import dev.homeostat.chaos.crd.SelectorSchema;
import dev.homeostat.testbed.scenario.SelectorCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every field of Chaos Mesh's PodSelectorSpec, in the shapes its documentation ("Define the scope of chaos experiments")
 * gives them (in {@code resources/selectors/}, one manifest per field or combination, in an experiment's selector, a
 * NetworkChaos target, a Schedule and a Workflow): each accepted and effective through the acceptance harness, in the
 * cluster {@link SelectorCluster} builds from its selectors, as {@link UpstreamSamplesTest} measures a folder.
 */
class SelectorFieldsInSimulationTest {
    private static final Path FOLDER = RepositoryPaths.root().resolve("src/test/resources/selectors");

    static Stream<Path> manifests() throws IOException {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    private static JsonNode root(Path manifest) throws IOException {
        return YamlDocuments.parse(manifest.toString(), Files.readString(manifest)).getFirst().root();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifests")
    void selectorField_acceptedAndEffective_inTheClusterItsSelectorsDescribe(Path manifest, @TempDir Path dir) throws IOException {
        JsonNode root = root(manifest);
        var row = UpstreamSamplesTest.row(manifest.getFileName().toString(), root.path("kind").asText(), manifest, root, dir, false);
        assertThat(row.verdict()).as(manifest.getFileName() + ": " + row.detail()).isEqualTo("accepted, effective");
    }

    /** The folder holds every selector field, every expression operator, and selectors in a target, a Schedule and a Workflow. */
    @Test
    void folder_coversEverySelectorField() throws IOException {
        Set<String> fields = new TreeSet<>();
        Set<String> operators = new TreeSet<>();
        Set<String> where = new TreeSet<>();
        for (Path m : manifests().toList()) {
            JsonNode root = root(m);
            for (JsonNode s : root.path("spec").findValues("selector")) {
                s.fieldNames().forEachRemaining(fields::add);
                s.path("expressionSelectors").forEach(r -> operators.add(r.path("operator").asText()));
                s.path("fieldSelectors").fieldNames().forEachRemaining(f -> fields.add("fieldSelectors." + f));
            }
            if (root.path("spec").path("target").has("selector")) where.add("target");
            where.add(root.path("kind").asText());
        }
        assertThat(fields).containsAll(SelectorSchema.SELECTOR.fields().keySet())
                .contains("fieldSelectors.metadata.name", "fieldSelectors.metadata.namespace", "fieldSelectors.spec.nodeName",
                        "fieldSelectors.status.phase", "fieldSelectors.spec.restartPolicy", "fieldSelectors.spec.serviceAccountName");
        assertThat(operators).containsExactlyInAnyOrder("In", "NotIn", "Exists", "DoesNotExist");
        assertThat(where).contains("target", "Schedule", "Workflow");
    }

    /** What the harness builds for the shapes the old one could not: pods by name (a StatefulSet's, a Deployment's), nodes by name, labels and union. */
    @Test
    void selectorCluster_buildsThePodsAndNodesTheSelectorsName() throws IOException {
        var partition = SelectorCluster.of(root(FOLDER.resolve("field-metadata-name-target.yaml")));
        assertThat(partition.keys()).containsExactly("shop/web");
        assertThat(partition.yaml()).contains("{name: web, namespace: shop, replicas: 3, kind: StatefulSet");
        var pods = SelectorCluster.of(root(FOLDER.resolve("pods.yaml")));
        assertThat(pods.keys()).containsExactly("shop/web", "data/db");
        var ofDeployments = SelectorCluster.of(root(FOLDER.resolve("pods-of-deployments.yaml")));
        assertThat(ofDeployments.keys()).containsExactly("sock-shop/carts", "sock-shop/payment", "sock-shop/debug-shell");
        assertThat(ofDeployments.yaml()).contains("{name: carts, namespace: sock-shop, replicas: 3, podNames: [carts-f4f6c98b9-r5wxx],",
                "{name: debug-shell, namespace: sock-shop, replicas: 3, podNames: [debug-shell],").doesNotContain("StatefulSet");
        var byField = SelectorCluster.of(root(FOLDER.resolve("field-metadata-name-deployment-pod.yaml")));
        assertThat(byField.keys()).containsExactly("shop/checkout");
        assertThat(byField.yaml()).contains("podNames: [checkout-7d4b9c8f6-x2x4q]", "labels: {\"app\": \"checkout\"}");
        var onNode = SelectorCluster.of(root(FOLDER.resolve("field-spec-node-name.yaml"))).yaml();
        assertThat(onNode).contains("nodes:\n      - {name: worker-1,").doesNotContain("nodePool");
        var zone = SelectorCluster.of(root(FOLDER.resolve("node-selectors.yaml"))).yaml();
        assertThat(zone).contains("labels: {\"topology.kubernetes.io/zone\": \"zone-a\"}");
        var several = SelectorCluster.of(root(FOLDER.resolve("namespaces-several.yaml")));
        assertThat(several.keys()).containsExactly("staging/target-1", "production/target-1");
        var expressions = SelectorCluster.of(root(FOLDER.resolve("expression-selectors.yaml"))).yaml();
        assertThat(expressions).contains("\"tier\": \"backend\"", "\"release\": \"x\"").doesNotContain("canary", "environment");
        List<String> lines = new ArrayList<>(List.of(SelectorCluster.of(root(FOLDER.resolve("schedule-field-selectors.yaml"))).yaml().split("\n")));
        assertThat(lines).anyMatch(l -> l.contains("{name: web, namespace: shop, replicas: 3, kind: StatefulSet"));
    }
}
