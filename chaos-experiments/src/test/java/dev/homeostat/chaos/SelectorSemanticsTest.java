package dev.homeostat.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.simulator.fault.PodFault;
import dev.homeostat.simulator.fault.PodSelector;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The selector fields whose meaning in Chaos Mesh is not "every condition at once": how its pod selector (pkg/selector/pod)
 * reads {@code nodes} with {@code nodeSelectors}, {@code podPhaseSelectors}, the pod-spec field selectors and {@code pods}.
 */
class SelectorSemanticsTest {
    private static PodSelector selector(String selectorYaml) {
        String yaml = "apiVersion: chaos-mesh.org/v1alpha1\nkind: PodChaos\nmetadata: {name: x, namespace: shop}\nspec:\n  action: pod-kill\n"
                + "  mode: all\n  selector:\n" + selectorYaml;
        return ((PodFault) ChaosManifests.translate("t.yaml", yaml, Duration.ZERO).getFirst()).selector();
    }

    private static ManifestException error(String selectorYaml) {
        return (ManifestException) org.assertj.core.api.Assertions.catchThrowable(() -> selector(selectorYaml));
    }

    private static boolean on(PodSelector s, String node, Map<String, String> nodeLabels, String phase) {
        return s.matches("shop", "web-0", Map.of("app", "web"), node, nodeLabels, phase, null);
    }

    @Test
    void nodesAndNodeSelectors_selectPodsOnEitherNode_asChaosMeshJoinsTheirNodeLists() {
        var s = selector("    nodes: [worker-1]\n    nodeSelectors: {disk: ssd}\n");
        assertThat(on(s, "worker-1", Map.of(), "Running")).as("named").isTrue();
        assertThat(on(s, "worker-2", Map.of("disk", "ssd"), "Running")).as("labelled").isTrue();
        assertThat(on(s, "worker-2", Map.of("disk", "hdd"), "Running")).as("neither").isFalse();
        // alone, each is its own condition
        assertThat(on(selector("    nodes: [worker-1]\n"), "worker-2", Map.of("disk", "ssd"), "Running")).isFalse();
        assertThat(on(selector("    nodeSelectors: {kubernetes.io/hostname: worker-2}\n"), "worker-2", Map.of(), "Running")).isTrue();
    }

    @Test
    void nodesBesideAFieldSelectorOnTheNode_narrowed_andRefusedWhenDisjoint() {
        var s = selector("    nodes: [worker-1, worker-2]\n    fieldSelectors: {spec.nodeName: worker-2}\n");
        assertThat(on(s, "worker-2", Map.of(), "Running")).isTrue();
        assertThat(on(s, "worker-1", Map.of(), "Running")).isFalse();
        var e = error("    nodes: [worker-1]\n    fieldSelectors: {spec.nodeName: worker-2}\n");
        assertThat(e.field()).isEqualTo("spec.selector.nodes");
        assertThat(e.getMessage()).contains("no pod matches");
    }

    @Test
    void fieldSelectorOnTheNamespace_narrowsTheNamespaces_andOutsideThemIsRefused() {
        var s = selector("    namespaces: [shop, data]\n    fieldSelectors: {metadata.namespace: shop}\n");
        assertThat(on(s, "n", Map.of(), "Running")).isTrue();
        assertThat(s.matches("data", "db-0", Map.of(), "n", Map.of(), "Running", null)).isFalse();
        // no namespaces: the experiment's own (shop), as Chaos Mesh's webhook defaults them, and data is not in it
        var e = error("    fieldSelectors: {metadata.namespace: data}\n");
        assertThat(e.field()).isEqualTo("spec.selector.fieldSelectors.metadata.namespace");
        assertThat(e.getMessage()).contains("own namespace, shop", "no pod matches", "list data under namespaces");
    }

    @Test
    void podPhaseSelectors_bangExcludesAPhase_asChaosMeshParsesTheList() {
        var notPending = selector("    labelSelectors: {app: web}\n    podPhaseSelectors: [\"!Pending\"]\n");
        assertThat(notPending.fields().get("status.phase")).containsExactlyInAnyOrder("Running", "Succeeded", "Failed", "Unknown");
        assertThat(on(notPending, "n", Map.of(), "Running")).isTrue();
        assertThat(on(notPending, "n", Map.of(), "Pending")).isFalse();
        var running = selector("    podPhaseSelectors: [Running, Failed, \"!Failed\"]\n");
        assertThat(running.fields().get("status.phase")).containsExactly("Running");
        assertThat(error("    podPhaseSelectors: [Running, \"!Running\"]\n").field()).isEqualTo("spec.selector.podPhaseSelectors");
        assertThat(error("    podPhaseSelectors: [Runing]\n").getMessage()).contains("Running");
    }

    @Test
    void podSpecFieldSelectors_matchWhatKubernetesFillsForAControllersPod() {
        var s = selector("    fieldSelectors:\n      spec.restartPolicy: Always\n      spec.schedulerName: default-scheduler\n"
                + "      spec.serviceAccountName: default\n      metadata.name: web-0\n");
        assertThat(on(s, "n", Map.of(), "Running")).isTrue();
        assertThat(on(selector("    fieldSelectors: {spec.restartPolicy: Never}\n"), "n", Map.of(), "Running")).isFalse();
        assertThat(on(selector("    fieldSelectors: {spec.serviceAccountName: payments}\n"), "n", Map.of(), "Running")).isFalse();
        assertThat(on(selector("    fieldSelectors: {metadata.name: web-1}\n"), "n", Map.of(), "Running")).isFalse();
        assertThat(error("    fieldSelectors: {status.podIP: 10.0.0.1}\n").getMessage()).contains("cannot exist in a simulation");
    }

    @Test
    void podsOfSeveralNamespaces_eachByName_otherSelectorsIgnored() {
        var s = selector("    pods:\n      shop: [web-0]\n      data: [db-1, db-2]\n    labelSelectors: {app: none}\n");
        assertThat(s.pods()).isEqualTo(Set.of("shop/web-0", "data/db-1", "data/db-2"));
        assertThat(on(s, "n", Map.of(), "Running")).isTrue();
        assertThat(s.matches("data", "db-2", Map.of(), "n", Map.of(), "Running", null)).isTrue();
        assertThat(s.matches("data", "web-0", Map.of(), "n", Map.of(), "Running", null)).isFalse();
    }

    @Test
    void aBlankContainerName_isTakenAsChaosMeshTakesIt_matchingNoContainer_withANote(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        String head = "apiVersion: chaos-mesh.org/v1alpha1\nmetadata: {name: x, namespace: shop}\n";
        String stress = head + "kind: StressChaos\nspec:\n  mode: one\n  selector: {labelSelectors: {app: web}}\n  containerNames: ['']\n"
                + "  stressors: {cpu: {workers: 1}}\n  duration: 1m\n";
        var f = (PodFault) ChaosManifests.translate("s.yaml", stress, Duration.ZERO).getFirst();
        assertThat(f.selector().matches("shop", "web-0", Map.of("app", "web"), null, null, "Running", "app")).as("the pod's container").isFalse();
        var mixed = (PodFault) ChaosManifests.translate("s.yaml", stress.replace("['']", "['', app]"), Duration.ZERO).getFirst();
        assertThat(mixed.selector().matches("shop", "web-0", Map.of("app", "web"), null, null, "Running", "app")).as("named besides it").isTrue();

        java.nio.file.Path file = dir.resolve("s.yaml");
        java.nio.file.Files.writeString(file, stress);
        var check = ChaosManifests.check(file, Horizon.firstFiring());
        assertThat(check.problems()).isEmpty();
        assertThat(check.notes()).singleElement().satisfies(n -> {
            assertThat(n.field()).isEqualTo("spec.containerNames[0]");
            assertThat(n.message()).contains("matches no container", "injects nothing");
        });

        String kill = head + "kind: PodChaos\nspec:\n  action: container-kill\n  mode: one\n  selector: {labelSelectors: {app: web}}\n  containerNames: ['']\n";
        java.nio.file.Files.writeString(file, kill);
        var killCheck = ChaosManifests.check(file, Horizon.firstFiring());
        assertThat(killCheck.problems()).isEmpty();
        assertThat(killCheck.notes()).singleElement().satisfies(n -> assertThat(n.field()).isEqualTo("spec.containerNames[0]"));
        var k = (dev.homeostat.simulator.fault.ContainerKill) ChaosManifests.translate("k.yaml", kill, Duration.ZERO).getFirst();
        assertThat(k.hitsContainer("app")).isFalse();
    }

    @Test
    void aSelectorReadBackFromTheModel_isTheTranslatedOne_andALivePodIsJudgedByItsOwnFields() {
        var translated = selector("    fieldSelectors: {spec.serviceAccountName: payments}\n    nodeSelectors: {kubernetes.io/hostname: ip-1}\n");
        var spec = new io.fabric8.chaosmesh.v1alpha1.PodSelectorSpecBuilder().withFieldSelectors(Map.of("spec.serviceAccountName", "payments"))
                .withNodeSelectors(Map.of("kubernetes.io/hostname", "ip-1")).build();
        PodSelector readBack = ChaosSelectors.selector(spec, "shop");
        assertThat(readBack).isEqualTo(translated);
        // a live pod: its own service account, on a node whose hostname label is not its name
        var live = new PodSelector.Candidate("shop", "web-0", Map.of("app", "web"), Map.of(), "node-a",
                Map.of("kubernetes.io/hostname", "ip-1")::get, "Running", null, Map.of("spec.serviceAccountName", "payments"));
        assertThat(readBack.matches(live)).isTrue();
        // the same pod simulated: Kubernetes' default service account, and its node's hostname label is its name
        assertThat(readBack.matches(PodSelector.Candidate.simulated("shop", "web-0", Map.of("app", "web"), Map.of(), "node-a",
                Map.of("kubernetes.io/hostname", "ip-1"), "Running", null))).isFalse();
        assertThat(readBack.matches(new PodSelector.Candidate("shop", "web-0", Map.of("app", "web"), Map.of(), "node-a",
                Map.of("kubernetes.io/hostname", "ip-1")::get, "Running", null, PodSelector.SPEC_DEFAULTS))).isFalse();
    }
}
