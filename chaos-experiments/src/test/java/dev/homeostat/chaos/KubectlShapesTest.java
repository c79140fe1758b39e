package dev.homeostat.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.homeostat.simulator.fault.NetworkDelay;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Shapes {@code kubectl apply -f} takes that hand-written examples rarely show. {@code kubectl get podchaos,networkchaos
 * -o yaml} writes one {@code kind: List} whose items are the objects, with their status and server-set metadata: each
 * item is read as its own document, at its own lines. A key with nothing after it is YAML's null, which the API server
 * prunes from a custom resource: the field is absent. Anchors, aliases and merge keys are YAML that kubectl's reader
 * resolves, so one selector written once serves every template of a Workflow.
 */
class KubectlShapesTest {
    /** Lines: items 3, the PodChaos 4, the ConfigMap 12, the NetworkChaos 16, its mode 21. */
    private static final String LIST = """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: chaos-mesh.org/v1alpha1
              kind: PodChaos
              metadata:
                name: kill-cart
                namespace: shop
              spec: {action: pod-kill, mode: one, selector: {labelSelectors: {app: cart}}}
              status:
                experiment: {desiredPhase: Run, containerRecords: [{id: shop/cart-0, selectorKey: ., phase: Injected, injectedCount: 1}]}
            - apiVersion: v1
              kind: ConfigMap
              metadata: {name: settings, namespace: shop}
              data: {a: b}
            - apiVersion: chaos-mesh.org/v1alpha1
              kind: NetworkChaos
              metadata: {name: delay-cart, namespace: shop, resourceVersion: "42", uid: 0b6f6f0e-1c4f-4c6a-9d55-3c1f0b4a2e11}
              spec:
                action: delay
                mode: all
                selector: {labelSelectors: {app: cart}}
                delay: {latency: 100ms}
                duration: 5m
            metadata:
              resourceVersion: ""
            """;

    private final ManifestTranslator manifests = new ManifestTranslator();

    @Test
    void aListsItems_areReadAsDocuments_andOtherKindsAmongThemAreSkipped() {
        var contents = manifests.contents("list.yaml", LIST, Duration.ZERO, Horizon.firstFiring());
        assertThat(contents.experiments()).extracting(ChaosExperiment::name).containsExactly("kill-cart", "delay-cart");
        assertThat(contents.skipped()).singleElement().satisfies(s -> {
            assertThat(s.message()).isEqualTo("not a Chaos Mesh object (kind ConfigMap): skipped");
            assertThat(s.line()).isEqualTo(12);
        });
    }

    @Test
    void aProblemInAnItem_namesTheItemsLineAndItsOwnFieldPath() {
        var e = catchThrowableOfType(ManifestException.class, () ->
                manifests.contents("list.yaml", LIST.replace("    mode: all\n", "    mode: everything\n"), Duration.ZERO, Horizon.firstFiring()));
        assertThat(e).isNotNull();
        assertThat(e.field()).isEqualTo("spec.mode");
        assertThat(e.line()).isEqualTo(21);
    }

    @Test
    void typedAndNestedLists_areFlattenedAsKubectlDoes() {
        String typed = LIST.replace("apiVersion: v1\nkind: List\n", "apiVersion: chaos-mesh.org/v1alpha1\nkind: PodChaosList\n");
        assertThat(YamlDocuments.parse("typed.yaml", typed)).extracting(d -> d.root().path("kind").asText())
                .containsExactly("PodChaos", "ConfigMap", "NetworkChaos");
        String nested = "apiVersion: v1\nkind: List\nitems:\n" + LIST.indent(2).replaceFirst("  apiVersion: v1\n", "- apiVersion: v1\n");
        var docs = YamlDocuments.parse("nested.yaml", nested);
        assertThat(docs).extracting(d -> d.root().path("metadata").path("name").asText()).containsExactly("kill-cart", "settings", "delay-cart");
        assertThat(docs).extracting(YamlDocument::index).containsExactly(1, 2, 3);
        assertThat(docs.get(2).lineOf("spec.mode")).isEqualTo(24);
    }

    @Test
    void anEmptyList_holdsNoExperiment() {
        var e = catchThrowableOfType(ManifestException.class, () ->
                manifests.contents("empty.yaml", "apiVersion: v1\nkind: List\nitems: []\n", Duration.ZERO, Horizon.firstFiring()));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("no Chaos Mesh experiment in this file");
    }

    @Test
    void aKeyWithNothingAfterIt_isAbsent_butARequiredOneIsStillRequired() {
        String delay = """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: NetworkChaos
                metadata:
                  name: delay-cart
                  labels:
                spec:
                  action: delay
                  mode: all
                  value:
                  selector:
                    labelSelectors: {app: cart}
                    annotationSelectors:
                  delay:
                    latency: 100ms
                    jitter:
                  direction:
                  target:
                  duration: 5m
                """;
        var faults = manifests.contents("nulls.yaml", delay, Duration.ZERO, Horizon.firstFiring()).faults();
        assertThat(faults).singleElement().satisfies(f -> assertThat(f).isInstanceOf(NetworkDelay.class));
        assertThat(((NetworkDelay) faults.getFirst()).latency()).isEqualTo(Duration.ofMillis(100));

        var e = catchThrowableOfType(ManifestException.class, () -> manifests.contents("nulls.yaml",
                delay.replace("  selector:\n    labelSelectors: {app: cart}\n    annotationSelectors:\n", "  selector:\n"), Duration.ZERO, Horizon.firstFiring()));
        assertThat(e).isNotNull();
        assertThat(e.field()).isEqualTo("spec.selector");
        assertThat(e.problem()).startsWith("required");
    }

    @Test
    void infinityAndNaN_areRefusedAtTheirField() {
        for (String v : new String[] {".inf", "-.Inf", ".nan"}) {
            var e = catchThrowableOfType(ManifestException.class, () -> manifests.contents("inf.yaml",
                    LIST.replace("    mode: all\n", "    mode: all\n    value: " + v + "\n"), Duration.ZERO, Horizon.firstFiring()));
            assertThat(e).as(v).isNotNull();
            assertThat(e.line()).isEqualTo(22);
            assertThat(e.field()).isEqualTo("items[2].spec.value");
            assertThat(e.problem()).contains("'" + v + "' is not a finite number");
        }
    }

    /** Lines: the anchored spec 15, the alias 22, the merging spec 26, its own mode 28. */
    private static final String ANCHORS = """
            apiVersion: chaos-mesh.org/v1alpha1
            kind: Workflow
            metadata:
              name: game-day
            spec:
              entry: entry
              templates:
                - name: entry
                  templateType: Serial
                  deadline: 10m
                  children: [fail-one, fail-again, fail-all]
                - name: fail-one
                  templateType: PodChaos
                  deadline: 1m
                  podChaos: &failure
                    action: pod-failure
                    mode: one
                    selector: {labelSelectors: {app: cart}}
                - name: fail-again
                  templateType: PodChaos
                  deadline: 2m
                  podChaos: *failure
                - name: fail-all
                  templateType: PodChaos
                  deadline: 3m
                  podChaos:
                    <<: *failure
                    mode: all
            """;

    @Test
    void anchorsAliasesAndMergeKeys_areResolvedAsKubectlResolvesThem() {
        var doc = YamlDocuments.parse("anchors.yaml", ANCHORS).getFirst();
        var templates = doc.root().path("spec").path("templates");
        assertThat(templates.get(2).path("podChaos")).isEqualTo(templates.get(1).path("podChaos"));
        assertThat(templates.get(3).path("podChaos").path("mode").asText()).isEqualTo("all");
        assertThat(templates.get(3).path("podChaos").path("action").asText()).isEqualTo("pod-failure");
        assertThat(templates.get(3).path("podChaos").has("<<")).isFalse();
        assertThat(doc.lineOf("spec.templates[3].podChaos.mode")).isEqualTo(28);
        assertThat(doc.lineOf("spec.templates[3].podChaos.action")).as("a merged field points at the mapping it was merged into").isEqualTo(26);

        var faults = manifests.contents("anchors.yaml", ANCHORS, Duration.ZERO, Horizon.firstFiring()).faults();
        assertThat(faults).hasSize(3).allSatisfy(f -> assertThat(f.kind()).isEqualTo("PodChaos/pod-failure"));
        assertThat(faults).extracting(f -> f.duration().toMinutes()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aMergedFieldIsOverriddenByTheMappingsOwn_whereverItIsWritten_andAnAliasIsACopy() {
        String yaml = """
                base: &base {a: 1, b: 2}
                other: &other {b: 3, c: 4}
                merged:
                  b: 9
                  <<: [*base, *other]
                copy: *base
                """;
        var root = YamlDocuments.parse("m.yaml", yaml).getFirst().root();
        assertThat(root.path("merged").toString()).isEqualTo("{\"b\":9,\"a\":1,\"c\":4}");
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.path("copy")).put("a", 7);
        assertThat(root.path("base").path("a").asInt()).isEqualTo(1);
    }

    @Test
    void anAliasOfNoAnchor_orAMergeOfAScalar_namesItsLineAndTheFix() {
        var e = catchThrowableOfType(ManifestException.class, () -> YamlDocuments.parse("a.yaml", "a: 1\nb: *nowhere\n"));
        assertThat(e).isNotNull();
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.problem()).isEqualTo("alias *nowhere names no anchor; define &nowhere before it, in the same document");
        var anchorInEarlierDoc = catchThrowableOfType(ManifestException.class, () -> YamlDocuments.parse("a.yaml", "a: &x 1\n---\nb: *x\n"));
        assertThat(anchorInEarlierDoc).isNotNull();
        assertThat(YamlDocuments.parse("s.yaml", "ns: &ns chaos\nlist: [&one 1, *one]\nnamespaces: [*ns]\n").getFirst().root().toString())
                .as("a scalar's anchor").isEqualTo("{\"ns\":\"chaos\",\"list\":[1,1],\"namespaces\":[\"chaos\"]}");
        var bomb = new StringBuilder("l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i <= 7; i++) bomb.append("l").append(i).append(": &l").append(i).append(" [").append(String.join(", ", java.util.Collections.nCopies(10, "*l" + (i - 1)))).append("]\n");
        var laughs = catchThrowableOfType(ManifestException.class, () -> YamlDocuments.parse("bomb.yaml", bomb.toString()));
        assertThat(laughs).as("a billion laughs is refused, not expanded").isNotNull();
        assertThat(laughs.problem()).startsWith("excessive aliasing");
        var m = catchThrowableOfType(ManifestException.class, () -> YamlDocuments.parse("a.yaml", "a: &x 1\nb:\n  <<: *x\n"));
        assertThat(m).isNotNull();
        assertThat(m.line()).isEqualTo(3);
        assertThat(m.field()).isEqualTo("b.<<");
        assertThat(m.problem()).startsWith("a merge key (<<) takes a mapping or a list of mappings");
    }
}
