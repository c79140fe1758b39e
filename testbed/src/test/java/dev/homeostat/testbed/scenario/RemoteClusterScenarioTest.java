package dev.homeostat.testbed.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spec.cluster.name}: the name Chaos Mesh experiments give the simulated cluster in {@code spec.remoteCluster}.
 * An experiment naming it is simulated as if written without the field; one naming another cluster is refused at load,
 * in one line naming the scenario's field, the manifest's field, the name and the fix.
 */
class RemoteClusterScenarioTest {
    @TempDir Path dir;

    private static final String POD_FAILURE = """
            apiVersion: chaos-mesh.org/v1alpha1
            kind: PodChaos
            metadata: {name: fail-checkout}
            spec:
              action: pod-failure
              mode: one
              duration: 5m
              selector: {labelSelectors: {app: checkout}}
            """;

    private Path scenario(String clusterName, String manifest) throws IOException {
        Files.createDirectories(dir.resolve("policies"));
        Files.copy(Path.of("../remediation/policies/default.yaml"), dir.resolve("policies/default.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("fail.yaml"), manifest);
        Files.writeString(dir.resolve("s.yaml"), """
                apiVersion: homeostat.dev/v1alpha1
                kind: Scenario
                metadata: {name: s}
                spec:
                  duration: 30m
                  cluster:
                %s    nodePool: {count: 2, cpu: 4, memory: 16Gi}
                    deployments:
                      - {name: checkout, replicas: 3}
                    services:
                      - {name: checkout, requestsPerSecond: 50}
                  faults:
                    - {manifest: fail.yaml, at: 5m}
                  engine: {policy: policies/default.yaml}
                """.formatted(clusterName == null ? "" : "    name: " + clusterName + "\n"));
        return dir.resolve("s.yaml");
    }

    @Test
    void experimentNamingTheScenariosCluster_isSimulatedAsWithoutTheField() throws IOException {
        var plain = new ScenarioLoader().load(scenario(null, POD_FAILURE));
        var remote = new ScenarioLoader().load(scenario("eu-west", POD_FAILURE + "  remoteCluster: eu-west\n"));

        assertThat(remote.clusterName()).isEqualTo("eu-west");
        assertThat(plain.clusterName()).isNull();
        assertThat(remote.simulation().faults()).isEqualTo(plain.simulation().faults()).hasSize(1);
    }

    @Test
    void namedCluster_manifestWithoutRemoteCluster_isAppliedToIt() throws IOException {
        var plain = new ScenarioLoader().load(scenario(null, POD_FAILURE));
        assertThat(new ScenarioLoader().load(scenario("eu-west", POD_FAILURE)).simulation().faults()).isEqualTo(plain.simulation().faults());
    }

    @Test
    void experimentNamingAnotherCluster_isRefusedAtLoad_inOneLine() throws IOException {
        Path s = scenario("us-east", POD_FAILURE + "  remoteCluster: eu-west\n");
        assertThatThrownBy(() -> new ScenarioLoader().load(s)).isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith(s + ":14: spec.faults[0].manifest: " + dir.resolve("fail.yaml") + ":9: spec.remoteCluster: \"eu-west\" is another cluster")
                .hasMessageContaining("(\"us-east\", its spec.cluster.name)").hasMessageContaining("name the scenario's cluster eu-west")
                .hasMessageNotContaining("\n");
    }
}
