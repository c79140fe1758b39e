package dev.homeostat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every manifest of the catalogue, unchanged, runs in the simulator ({@link ManifestInScenario}): it is injected into
 * pods that exist, and the simulator's injection check sees its signal move.
 */
class CatalogueInSimulationTest {
    private static final Path ROOT = RepositoryPaths.root();

    static Stream<Path> catalogue() throws IOException {
        try (var files = Files.list(ROOT.resolve("chaos-experiments/manifests"))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("catalogue")
    void catalogueManifest_runsInSimulation_andTakesEffect(Path manifest, @TempDir Path dir) throws IOException {
        var outcome = ManifestInScenario.run(manifest, dir);
        assertThat(outcome.started()).as("faults injected from " + manifest.getFileName()).isNotEmpty();
        assertThat(outcome.started()).as("selected pods exist").allSatisfy(f -> assertThat(f.targets()).isNotEmpty());
        assertThat(outcome.checks()).as("an injection check per fault").hasSizeGreaterThanOrEqualTo(outcome.started().size());
        assertThat(outcome.tookEffect()).as("at least one fault moved its signal: " + outcome.checks()).isTrue();
    }
}
