package dev.homeostat.testbed.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homeostat.simulator.fault.Fault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code manifest:} takes the Chaos Mesh object itself as well as a path to it, with the same translation. */
class InlineManifestTest {
    @TempDir Path dir;

    private static final String POD_KILL = """
            apiVersion: chaos-mesh.org/v1alpha1
            kind: PodChaos
            metadata: {name: kill-one-checkout}
            spec:
              action: pod-kill
              mode: one
              selector:
                namespaces: [default]
                labelSelectors: {app: checkout}
            """;

    private Path scenario(String faultEntry) throws IOException {
        Files.createDirectories(dir.resolve("policies"));
        Files.copy(Path.of("../remediation/policies/default.yaml"), dir.resolve("policies/default.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("kill.yaml"), POD_KILL);
        Files.writeString(dir.resolve("s.yaml"), """
                apiVersion: homeostat.dev/v1alpha1
                kind: Scenario
                metadata: {name: s}
                spec:
                  duration: 30m
                  cluster:
                    nodePool: {count: 2, cpu: 4, memory: 16Gi}
                    deployments:
                      - {name: checkout, replicas: 3}
                    services:
                      - {name: checkout, requestsPerSecond: 50}
                  faults:
                %s
                  engine: {policy: policies/default.yaml}
                """.formatted(faultEntry.indent(4).stripTrailing()));
        return dir.resolve("s.yaml");
    }

    @Test
    void anInlineObjectWrittenOnce_isMergedIntoASecondUnderAnotherName() throws IOException {
        var twice = new ScenarioLoader().load(scenario("- at: 5m\n  manifest: &kill\n" + POD_KILL.indent(4)
                + "- {at: 10m, manifest: {<<: *kill, metadata: {name: kill-again}}}")).simulation().faults();

        assertThat(twice).extracting(Fault::name, Fault::start).containsExactly(
                org.assertj.core.groups.Tuple.tuple("kill-one-checkout", Duration.ofMinutes(5)),
                org.assertj.core.groups.Tuple.tuple("kill-again", Duration.ofMinutes(10)));
    }

    @Test
    void anInlineObject_translatesAsTheSameManifestByPath() throws IOException {
        var byPath = new ScenarioLoader().load(scenario("- {manifest: kill.yaml, at: 5m}")).simulation().faults();
        var inline = new ScenarioLoader().load(scenario("- at: 5m\n  manifest:\n" + POD_KILL.indent(4))).simulation().faults();

        assertThat(inline).isEqualTo(byPath).hasSize(1);
        assertThat(inline).extracting(Fault::name, Fault::start).containsExactly(org.assertj.core.groups.Tuple.tuple("kill-one-checkout", Duration.ofMinutes(5)));
    }

    @Test
    void aMistakeInAnInlineObject_namesTheScenarioFieldAndTheManifestsField() throws IOException {
        Path s = scenario("- at: 5m\n  manifest:\n" + POD_KILL.replace("pod-kill", "pod-kil").indent(4));
        assertThatThrownBy(() -> new ScenarioLoader().load(s)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("spec.faults[0].manifest").hasMessageContaining("pod-kil");
    }

    @Test
    void aMistakeInAnInlineObject_isPlacedAtItsLineOfTheScenario_underOneFieldPath() throws IOException {
        // the fault entry starts on line 13, the manifest's own lines from 15: its action is on line 19
        Path block = scenario("- at: 5m\n  manifest:\n" + POD_KILL.replace("pod-kill", "pod-kil").indent(4));
        assertThatThrownBy(() -> new ScenarioLoader().load(block)).isInstanceOf(ScenarioException.class)
                .hasMessageEndingWith("s.yaml:19: spec.faults[0].manifest.spec.action: unknown value \"pod-kil\"; did you mean \"pod-kill\"?"
                        + " (one of pod-kill, pod-failure, container-kill)");
        // written in flow style on one line, which the translator's own YAML spreads over several
        Path flow = scenario("- {at: 5m, manifest: {apiVersion: chaos-mesh.org/v1alpha1, kind: PodChaos, metadata: {name: k},\n"
                + "    spec: {action: pod-kill, mode: fixed-percentage, selector: {labelSelectors: {app: checkout}}}}}");
        assertThatThrownBy(() -> new ScenarioLoader().load(flow)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("s.yaml:14: spec.faults[0].manifest.spec.mode: unknown value \"fixed-percentage\"")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("(spec.faults[0].manifest)"));
    }

    @Test
    void anInlineExperimentsBadName_isPlacedAtItsMetadataName() throws IOException {
        Path s = scenario("- at: 5m\n  manifest:\n" + POD_KILL.replace("kill-one-checkout", "Kill_One").indent(4));
        assertThatThrownBy(() -> new ScenarioLoader().load(s)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("s.yaml:17: spec.faults[0].manifest.metadata.name: \"Kill_One\" is not a Kubernetes object name");
    }

    @Test
    void neitherAPathNorAnObject_isRefusedSayingWhatToGive() throws IOException {
        Path s = scenario("- {manifest: [kill.yaml], at: 5m}");
        assertThatThrownBy(() -> new ScenarioLoader().load(s)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("spec.faults[0].manifest").hasMessageContaining("the path of a Chaos Mesh manifest, or the object itself");
    }
}
