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
 * The conformance folder of chaos-experiments (one manifest per kind, action, template type and field shape Chaos
 * Mesh documents): each one whose header says {@code # expect: simulated} takes effect in simulation per the
 * injection check, placed in a scenario whose cluster matches its selectors ({@link ManifestInScenario}). The other
 * expectations (planned, refused) are checked by chaos-experiments' ConformanceTest.
 */
class ConformanceInSimulationTest {
    private static final Path FOLDER = RepositoryPaths.root().resolve("chaos-experiments/src/test/resources/conformance");

    static Stream<Path> simulated() throws IOException {
        try (var walk = Files.walk(FOLDER)) {
            return walk.filter(p -> p.toString().endsWith(".yaml")).filter(ConformanceInSimulationTest::simulatedExpected).sorted().toList().stream();
        }
    }

    private static boolean simulatedExpected(Path p) {
        try {
            return Files.readAllLines(p).contains("# expect: simulated");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("simulated")
    void simulatedConformanceManifest_takesEffectPerTheInjectionCheck(Path manifest, @TempDir Path dir) throws IOException {
        var outcome = ManifestInScenario.run(manifest, dir);
        String name = FOLDER.relativize(manifest).toString();
        assertThat(outcome.started()).as("faults injected from " + name).isNotEmpty();
        assertThat(outcome.started()).as("selected pods exist").anySatisfy(f -> assertThat(f.targets()).isNotEmpty());
        assertThat(outcome.tookEffect()).as(name + " moved its signal: " + outcome.checks()).isTrue();
    }
}
