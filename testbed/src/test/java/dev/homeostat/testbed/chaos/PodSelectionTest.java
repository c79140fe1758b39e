package dev.homeostat.testbed.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homeostat.simulator.fault.PodSelector;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** Selectors read from any kind's model, and the run options' checks. */
class PodSelectionTest {
    private static GenericKubernetesResource model(String yaml) {
        return new KubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class);
    }

    private static PodSelection selection(Set<String> namespaces, Map<String, String> labels) {
        return new PodSelection(new PodSelector(namespaces, labels, Set.of()), null);
    }

    @Test
    void selectorWithoutNamespaces_meansTheExperimentsNamespace() {
        var m = model("""
                apiVersion: chaos-mesh.org/v1alpha1
                kind: PodChaos
                metadata: {name: a, namespace: shop}
                spec: {action: pod-kill, mode: all, selector: {labelSelectors: {app: web, tier: front}}}
                """);
        assertThat(PodSelection.of(m, "shop")).containsExactly(selection(Set.of("shop"), Map.of("app", "web", "tier", "front")));
    }

    @Test
    void podsByName_areKeyedNamespaceSlashName() {
        var m = model("""
                apiVersion: chaos-mesh.org/v1alpha1
                kind: PodChaos
                metadata: {name: a}
                spec: {action: pod-kill, mode: all, selector: {namespaces: [x], pods: {x: [p1, p2], y: [q]}}}
                """);
        assertThat(PodSelection.of(m, "default")).singleElement()
                .satisfies(s -> assertThat(s.selector().pods()).containsExactlyInAnyOrder("x/p1", "x/p2", "y/q"));
    }

    @Test
    void embeddedSpecs_ofScheduleAndNetworkTargets_areFoundToo() {
        var m = model("""
                apiVersion: chaos-mesh.org/v1alpha1
                kind: Schedule
                metadata: {name: s, namespace: ops}
                spec:
                  schedule: "@every 10m"
                  type: NetworkChaos
                  networkChaos:
                    action: delay
                    mode: all
                    selector: {labelSelectors: {app: web}}
                    target: {mode: all, selector: {namespaces: [db], labelSelectors: {app: pg}}}
                """);
        assertThat(PodSelection.of(m, "ops")).containsExactly(
                selection(Set.of("ops"), Map.of("app", "web")),
                selection(Set.of("db"), Map.of("app", "pg")));
    }

    @Test
    void theSelectorIsTheSimulations_everyFieldRead_andARemoteClusterGoesWithIt() {
        var m = model("""
                apiVersion: chaos-mesh.org/v1alpha1
                kind: PodChaos
                metadata: {name: a, namespace: shop}
                spec:
                  action: pod-kill
                  mode: one
                  remoteCluster: eu-west
                  selector:
                    annotationSelectors: {team: payments}
                    expressionSelectors: [{key: tier, operator: NotIn, values: [db]}]
                    fieldSelectors: {spec.serviceAccountName: payments}
                    podPhaseSelectors: ["!Pending"]
                    nodes: [n1]
                    nodeSelectors: {zone: a}
                """);
        PodSelection s = PodSelection.of(m, "shop").getFirst();
        assertThat(s.remoteCluster()).isEqualTo("eu-west");
        assertThat(s.selector().namespaces()).containsExactly("shop");
        assertThat(s.selector().annotations()).containsExactly(Map.entry("team", "payments"));
        assertThat(s.selector().expressions()).singleElement().satisfies(r -> assertThat(r.key()).isEqualTo("tier"));
        assertThat(s.selector().fields()).containsEntry("spec.serviceAccountName", Set.of("payments"))
                .containsEntry("status.phase", Set.of("Running", "Succeeded", "Failed", "Unknown"));
        assertThat(s.selector().nodes()).containsExactly("n1");
        assertThat(s.selector().nodeLabels()).containsExactly(Map.entry("zone", "a"));
    }

    @Test
    void anEmbeddedRemoteCluster_holdsForTheSelectorsBelowIt_only() {
        var m = model("""
                apiVersion: chaos-mesh.org/v1alpha1
                kind: Workflow
                metadata: {name: w, namespace: ops}
                spec:
                  entry: all
                  templates:
                    - {name: all, templateType: Parallel, children: [here, there]}
                    - {name: here, templateType: PodChaos, deadline: 1m, podChaos: {action: pod-failure, mode: all, selector: {labelSelectors: {app: a}}}}
                    - name: there
                      templateType: NetworkChaos
                      deadline: 1m
                      networkChaos:
                        action: delay
                        mode: all
                        remoteCluster: eu-west
                        selector: {labelSelectors: {app: b}}
                        target: {mode: all, selector: {labelSelectors: {app: c}}}
                        delay: {latency: 10ms}
                """);
        assertThat(PodSelection.of(m, "ops")).extracting(PodSelection::remoteCluster).containsExactly(null, "eu-west", "eu-west");
    }

    @Property(tries = 50)
    void labelsSurviveTheModelRoundTrip(@ForAll @AlphaChars @StringLength(min = 1, max = 20) String key,
                                        @ForAll @AlphaChars @StringLength(min = 1, max = 20) String value) {
        var m = model("""
                apiVersion: chaos-mesh.org/v1alpha1
                kind: StressChaos
                metadata: {name: a}
                spec: {mode: one, selector: {labelSelectors: {"%s": "%s"}}}
                """.formatted(key, value));
        assertThat(PodSelection.of(m, "n")).containsExactly(selection(Set.of("n"), Map.of(key, value)));
    }

    @Test
    void options_rejectBadFlags_namingTheFlag() {
        Path out = Path.of("out");
        assertThatThrownBy(() -> new LiveRunOptions(null, Duration.ZERO, Duration.ofMinutes(1), Duration.ofMinutes(1), 0.01, out, "r"))
                .hasMessageStartingWith("--poll:");
        assertThatThrownBy(() -> new LiveRunOptions("Bad_NS", Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofMinutes(1), 0.01, out, "r"))
                .hasMessageStartingWith("--namespace:");
        assertThatThrownBy(() -> new LiveRunOptions(null, Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofMinutes(1), 2, out, "r"))
                .hasMessageStartingWith("--slo-error-ratio:");
        assertThatThrownBy(() -> new LiveRunOptions(null, Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofMinutes(1), 0.01, out, "not a label"))
                .hasMessageStartingWith("runId:");
        assertThat(LiveRunOptions.defaults(out, "r1").poll()).isEqualTo(Duration.ofSeconds(5));
        assertThat(List.of(LiveRunOptions.defaults(out, "r1").observe(), LiveRunOptions.defaults(out, "r1").timeout()))
                .containsExactly(Duration.ofMinutes(2), Duration.ofMinutes(30));
    }
}
