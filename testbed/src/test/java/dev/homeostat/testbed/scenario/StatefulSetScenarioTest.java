package dev.homeostat.testbed.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homeostat.reports.journal.Journal;
import dev.homeostat.reports.journal.JournalEvent;
import dev.homeostat.testbed.run.ScenarioRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kind: StatefulSet} in a scenario: pods a Chaos Mesh manifest can name ({@code pods: {shop: [db-1]}}). */
class StatefulSetScenarioTest {
    @TempDir Path dir;

    private Path scenario(String kind) throws IOException {
        Files.writeString(dir.resolve("s.yaml"), """
                apiVersion: homeostat.dev/v1alpha1
                kind: Scenario
                metadata: {name: s}
                spec:
                  duration: 20m
                  cluster:
                    nodePool: {count: 2, cpu: 4, memory: 16Gi}
                    deployments:
                      - {name: db, namespace: shop, replicas: 3, kind: %s}
                    services:
                      - {name: db, namespace: shop, requestsPerSecond: 60}
                  faults:
                    - at: 5m
                      manifest:
                        apiVersion: chaos-mesh.org/v1alpha1
                        kind: PodChaos
                        metadata: {name: db-1-fails, namespace: shop}
                        spec:
                          action: pod-failure
                          mode: all
                          selector:
                            pods:
                              shop: [db-1]
                          duration: 3m
                  engine: {policy: %s}
                """.formatted(kind, Path.of("../remediation/policies/default.yaml").toAbsolutePath()));
        return dir.resolve("s.yaml");
    }

    @Test
    void aManifestNamingAStatefulSetPod_hitsThatPod_andTakesEffect() throws IOException {
        Journal journal = ScenarioRunner.run(new ScenarioLoader().load(scenario("StatefulSet")), 1, null);

        var started = journal.events().stream().filter(JournalEvent.FaultStarted.class::isInstance).map(JournalEvent.FaultStarted.class::cast).toList();
        assertThat(started).singleElement().satisfies(f -> assertThat(f.targets()).containsExactly("pod/shop/db-1"));
        assertThat(journal.events()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(JournalEvent.ClusterEvent.class,
                c -> assertThat(c.what()).startsWith("injection-check: took effect")));
    }

    @Test
    void aDeploymentsPodsHaveGeneratedNames_soTheSameManifestFindsNoPod() throws IOException {
        Journal journal = ScenarioRunner.run(new ScenarioLoader().load(scenario("Deployment")), 1, null);

        assertThat(journal.events()).filteredOn(JournalEvent.FaultStarted.class::isInstance)
                .singleElement().satisfies(f -> assertThat(((JournalEvent.FaultStarted) f).targets()).isEmpty());
    }

    @Test
    void anUnknownKind_isRefusedNamingTheFieldAndTheChoices() throws IOException {
        Path s = scenario("DaemonSet");
        assertThatThrownBy(() -> new ScenarioLoader().load(s)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("spec.cluster.deployments[0]").hasMessageContaining("Deployment (the default) or StatefulSet");
    }
}
