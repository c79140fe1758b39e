package dev.homeostat.testbed.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A suite folder may hold the manifests its scenarios name and other objects: they are skipped, one line each. */
class SuiteFolderTest {
    @TempDir Path dir;

    @Test
    void otherObjectsInAFolder_areSkippedWithALine_andScenariosStillLoad() throws IOException {
        Path ci = Path.of("..", "scenarios", "ci", "pod-kill.yaml").toAbsolutePath().normalize();
        // the scenario's policy and manifest paths are relative to it: the copy keeps the repository's layout
        Path suite = Files.createDirectories(dir.resolve("scenarios").resolve("suite"));
        Path repo = ci.getParent().getParent().getParent();
        for (String file : new String[] {"remediation/policies/default.yaml", "chaos-experiments/manifests/pod-kill.yaml"}) {
            Files.createDirectories(dir.resolve(file).getParent());
            Files.copy(repo.resolve(file), dir.resolve(file));
        }
        Files.copy(ci, suite.resolve("pod-kill.yaml"));
        Files.writeString(suite.resolve("config.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n");
        Files.createDirectories(suite.resolve("manifests"));
        Files.writeString(suite.resolve("manifests/kill.yaml"), """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: PodChaos
                metadata: {name: kill-one}
                spec: {action: pod-kill, mode: one, selector: {namespaces: [default]}}
                """);

        var loader = new ScenarioLoader();
        var scenarios = loader.loadAll(suite);

        assertThat(scenarios).extracting(Scenario::name).containsExactly("pod-kill-frontend");
        assertThat(loader.skipped()).containsExactly(
                suite.resolve("config.yaml") + ": not a Scenario (kind ConfigMap): skipped",
                suite.resolve("manifests/kill.yaml") + ": not a Scenario (kind PodChaos): skipped");
    }

    @Test
    void aScenarioWithAMistake_isReported_notSkipped() throws IOException {
        Files.writeString(dir.resolve("broken.yaml"), "apiVersion: homeostat.dev/v1alpha1\nkind: Scenario\nmetadata: {name: broken}\n");
        assertThatThrownBy(() -> new ScenarioLoader().loadAll(dir)).isInstanceOf(ScenarioException.class).hasMessageContaining("spec");
    }

    @Test
    void aTypoInAScenariosKind_isReported_notSkipped() throws IOException {
        Files.writeString(dir.resolve("typo.yaml"), "apiVersion: homeostat.dev/v1alpha1\nkind: Scenarios\nmetadata: {name: typo}\n");
        assertThatThrownBy(() -> new ScenarioLoader().loadAll(dir)).isInstanceOf(ScenarioException.class).hasMessageContaining("kind");
    }

    @Test
    void aFolderOfOtherObjectsOnly_isRefused_sayingSo() throws IOException {
        Files.writeString(dir.resolve("config.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n");
        assertThatThrownBy(() -> new ScenarioLoader().loadAll(dir)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("no scenario among its 1 YAML files (1 other objects skipped)");
    }
}
