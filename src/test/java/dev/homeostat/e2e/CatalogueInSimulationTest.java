package dev.homeostat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.reports.journal.JournalEvent;
import dev.homeostat.testbed.run.ScenarioRunner;
import dev.homeostat.testbed.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every manifest of the catalogue, unchanged, runs in the simulator: put into a scenario whose cluster
 * has the services the catalogue selects (frontend, cart, catalog, checkout), it is injected into pods
 * that exist, and the simulator's injection check sees its signal move. catalog runs near 60 % busy so
 * that extra load (network-duplicate) shows; an idle service would absorb it, and the check would
 * rightly call the injection a no-op.
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
        Path scenario = dir.resolve("scenario.yaml");
        Files.writeString(scenario, """
                apiVersion: homeostat.dev/v1alpha1
                kind: Scenario
                metadata: {name: catalogue-%s}
                spec:
                  duration: 40m
                  cluster:
                    nodePool: {count: 4, cpu: 8, memory: 32Gi}
                    deployments:
                      - {name: frontend, replicas: 3}
                      - {name: cart, replicas: 3}
                      - {name: catalog, replicas: 3}
                      - {name: checkout, replicas: 3}
                    services:
                      - {name: frontend, requestsPerSecond: 100}
                      - {name: cart, requestsPerSecond: 80}
                      - {name: catalog, requestsPerSecond: 700}
                      - {name: checkout, requestsPerSecond: 80}
                  faults:
                    - {manifest: %s, at: 5m}
                  engine: {policy: %s}
                """.formatted(manifest.getFileName().toString().replace(".yaml", ""), manifest,
                ROOT.resolve("remediation/policies/default.yaml")));

        var loaded = new ScenarioLoader().load(scenario);
        var journal = ScenarioRunner.run(loaded, 1, null);

        var started = journal.events().stream().filter(JournalEvent.FaultStarted.class::isInstance)
                .map(JournalEvent.FaultStarted.class::cast).toList();
        assertThat(started).as("faults injected from " + manifest.getFileName()).isNotEmpty();
        assertThat(started).as("selected pods exist").allSatisfy(f -> assertThat(f.targets()).isNotEmpty());
        var checks = journal.events().stream().filter(JournalEvent.ClusterEvent.class::isInstance)
                .map(JournalEvent.ClusterEvent.class::cast).filter(c -> c.what().startsWith("injection-check")).toList();
        assertThat(checks).as("an injection check per fault").hasSizeGreaterThanOrEqualTo(started.size());
        assertThat(checks).as("at least one fault moved its signal")
                .anySatisfy(c -> assertThat(c.what()).startsWith("injection-check: took effect"));
    }
}
