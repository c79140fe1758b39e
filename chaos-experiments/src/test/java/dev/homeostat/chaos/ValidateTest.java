package dev.homeostat.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate} reports one problem per bad file and keeps going. */
class ValidateTest {
    private static final String GOOD = """
            apiVersion: chaos-mesh.org/v1alpha1
            kind: PodChaos
            metadata: {name: ok, namespace: shop}
            spec:
              action: pod-kill
              mode: all
              selector: {namespaces: [shop]}
            """;
    @TempDir Path dir;
    private final ManifestTranslator manifests = new ManifestTranslator();

    @Test
    void directory_oneProblemPerBadFile_goodAndNonYamlFilesSilent() throws IOException {
        Files.writeString(dir.resolve("a-good.yaml"), GOOD);
        Files.writeString(dir.resolve("b-network.yaml"), GOOD.replace("PodChaos", "KernelChaos"));
        Files.createDirectories(dir.resolve("nested"));
        // Two errors in one file: only the first is reported, one problem per file.
        Files.writeString(dir.resolve("nested/c-bad.yml"), GOOD.replace("pod-kill", "pod-explode").replace("mode: all", "mode: most"));
        Files.writeString(dir.resolve("notes.txt"), "not a manifest");
        // kubectl apply -f DIR reads .json too
        Files.writeString(dir.resolve("d.json"), """
                {"apiVersion": "chaos-mesh.org/v1alpha1", "kind": "PodChaos", "metadata": {"name": "j"},
                 "spec": {"action": "pod-kill", "mode": "al", "selector": {"namespaces": ["shop"]}}}
                """);

        var problems = manifests.validate(dir);

        assertThat(problems).extracting(ManifestProblem::file)
                .containsExactly(dir.resolve("b-network.yaml"), dir.resolve("d.json"), dir.resolve("nested/c-bad.yml"));
        assertThat(problems.get(1).toString()).startsWith(dir.resolve("d.json") + ":2: spec.mode: ");
        assertThat(problems.get(0).field()).isEqualTo("kind");
        assertThat(problems.get(0).line()).isEqualTo(2);
        assertThat(problems.get(2).field()).isEqualTo("spec.action");
        assertThat(problems.get(2).toString()).startsWith(dir.resolve("nested/c-bad.yml") + ":5: spec.action: ");
    }

    @Test
    void singleGoodFile_hasNoProblems() throws IOException {
        Path file = Files.writeString(dir.resolve("good.yaml"), GOOD);
        assertThat(manifests.validate(file)).isEmpty();
    }

    @Test
    void missingPath_isOneProblem() {
        Path missing = dir.resolve("missing");
        assertThat(manifests.validate(missing)).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("no such file or directory"));
    }
}
