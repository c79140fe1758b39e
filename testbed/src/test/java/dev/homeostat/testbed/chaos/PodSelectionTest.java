package dev.homeostat.testbed.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void selectorWithoutNamespaces_meansTheExperimentsNamespace() {
        var m = model("""
                apiVersion: chaos-mesh.org/v1alpha1
                kind: PodChaos
                metadata: {name: a, namespace: shop}
                spec: {action: pod-kill, mode: all, selector: {labelSelectors: {app: web, tier: front}}}
                """);
        assertThat(PodSelection.of(m, "shop")).containsExactly(new PodSelection(Set.of("shop"), Map.of("app", "web", "tier", "front"), Set.of()));
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
                .satisfies(s -> assertThat(s.pods()).containsExactlyInAnyOrder("x/p1", "x/p2", "y/q"));
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
                new PodSelection(Set.of("ops"), Map.of("app", "web"), Set.of()),
                new PodSelection(Set.of("db"), Map.of("app", "pg"), Set.of()));
    }

    @Test
    void annotationSelectors_areRead_andAPodMustCarryEveryOne() {
        var m = model("""
                apiVersion: chaos-mesh.org/v1alpha1
                kind: PodChaos
                metadata: {name: a, namespace: shop}
                spec: {action: pod-kill, mode: one, selector: {annotationSelectors: {team: payments}}}
                """);
        PodSelection s = PodSelection.of(m, "shop").getFirst();
        assertThat(s.annotations()).containsExactly(Map.entry("team", "payments"));
        var pod = new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata().withName("p").addToAnnotations("team", "payments").endMetadata().build();
        var other = new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata().withName("q").addToAnnotations("team", "search").endMetadata().build();
        assertThat(s.annotated(pod)).isTrue();
        assertThat(s.annotated(other)).isFalse();
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
        assertThat(PodSelection.of(m, "n")).containsExactly(new PodSelection(Set.of("n"), Map.of(key, value), Set.of()));
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
