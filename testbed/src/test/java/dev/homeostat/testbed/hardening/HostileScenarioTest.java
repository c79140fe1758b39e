package dev.homeostat.testbed.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scenarios as a tester writes them to break the command line (issue 18): each is refused at load with exit 2 and one
 * line naming the file, the line and the field, before anything is simulated or written.
 */
class HostileScenarioTest {
    @TempDir Path dir;

    private static final String REMOTE_KILL = "{apiVersion: chaos-mesh.org/v1alpha1, kind: PodChaos, metadata: {name: kill}, "
            + "spec: {action: pod-kill, mode: one, selector: {labelSelectors: {app: frontend}}, remoteCluster: eu-west}}";

    static Stream<Arguments> hostile() {
        return Stream.of(
                // names are data, not paths
                Arguments.of("name: tiny", "name: '../..'", ":4: metadata.name: '../..' is not a valid name"),
                Arguments.of("name: tiny", "name: a/b", ":4: metadata.name: 'a/b' is not a valid name"),
                Arguments.of("name: tiny", "name: " + "a".repeat(300), ":4: metadata.name: 'aaaa"),
                Arguments.of("name: frontend\n", "name: Front_End\n", "spec.cluster.deployments[0].name: 'Front_End' is not a valid name: a Deployment name is a DNS-1123 subdomain"),
                Arguments.of("{name: frontend,", "{name: 9lives,", "spec.cluster.services[0].name: '9lives' is not a valid name: a Service name is a DNS-1035 label"),
                Arguments.of("replicas: 1\n", "replicas: 1\n        namespace: Prod\n", "spec.cluster.deployments[0].namespace: 'Prod' is not a valid name"),
                Arguments.of("prefix: node,", "prefix: ../node,", "spec.cluster.nodePool.prefix"),
                Arguments.of("    nodePool:", "    name: Prod_EU\n    nodePool:", ":11: spec.cluster.name: 'Prod_EU' is not a valid name: a cluster name (a RemoteCluster's"),
                // a Chaos Mesh experiment sent to another cluster than the one simulated (spec.cluster.name)
                Arguments.of("  cluster:\n", "  faults: [{at: 1m, manifest: " + REMOTE_KILL + "}]\n  cluster:\n",
                        "spec.remoteCluster: \"eu-west\" names the cluster Chaos Mesh injects into, and this "
                                + "scenario's cluster has no name; add spec.cluster.name: eu-west to the scenario"),
                Arguments.of("  cluster:\n", "  faults: [{at: 1m, manifest: " + REMOTE_KILL + "}]\n  cluster:\n    name: us-east\n",
                        "spec.remoteCluster: \"eu-west\" is another cluster than the one this scenario simulates (\"us-east\", its spec.cluster.name)"),
                Arguments.of("    services:", "      - name: frontend\n        replicas: 2\n    services:", ":16: spec.cluster.deployments[1].name: two of a kind: deployment 'default/frontend' is also at spec.cluster.deployments[0].name (line 13)"),
                // strict types
                Arguments.of("replicas: 1", "replicas: 2.7", ":14: spec.cluster.deployments[0].replicas: '2.7' is not a whole number"),
                Arguments.of("seed: 1\n", "seed: 1Ki\n", ":8: spec.seed: '1Ki' is not a whole number"),
                Arguments.of("seeds: 1", "seeds: 1e3", ":9: spec.seeds: "),
                Arguments.of("seed: 1\n", "seed: \"3\"\n", ":8: spec.seed: '3' is not a whole number"),
                Arguments.of("count: 1,", "count: 1.5,", "spec.cluster.nodePool.count: '1.5' is not a whole number"),
                Arguments.of("replicas: 1", "replicas: 99999999999", "spec.cluster.deployments[0].replicas: 99999999999 is out of range"),
                Arguments.of("seed: 1\n  seeds: 1", "seed: 9223372036854775807\n  seeds: 2", ":8: spec.seed: 9223372036854775807 + 2 seeds overflows"),
                Arguments.of("cpu: 4", "cpu: .nan", ":11:45: '.nan' is not a finite number"),
                // a HorizontalPodAutoscaler with a field missing, or its target twice
                Arguments.of("replicas: 1\n", "replicas: 1\n        hpa: {minReplicas: 1, maxReplicas: 4}\n",
                        ":15: spec.cluster.deployments[0].hpa.targetCpuUtilization: required, the CPU use the HPA keeps each pod at as a fraction"
                                + " of its request (0.6 for 60 %); e.g. hpa: {minReplicas: 2, maxReplicas: 10, targetCpuUtilization: 0.6}"),
                Arguments.of("replicas: 1\n", "replicas: 1\n        hpa: {minReplicas: 1, targetCpuUtilization: 0.6}\n",
                        ":15: spec.cluster.deployments[0].hpa.maxReplicas: required, the most replicas the HPA sets; e.g. hpa: {"),
                Arguments.of("replicas: 1\n", "replicas: 1\n        hpa: {maxReplicas: 4, targetCpuUtilization: 0.6, targetCPUUtilizationPercentage: 60}\n",
                        ":15: spec.cluster.deployments[0].hpa.targetCPUUtilizationPercentage: give either targetCpuUtilization (a fraction, 0.6) or"),
                Arguments.of("replicas: 1\n", "replicas: 1\n        hpa: {minReplicas: 0, maxReplicas: 4, targetCpuUtilization: 0.6}\n",
                        ":15: spec.cluster.deployments[0].hpa.minReplicas: must be >= 1, was 0"),
                // limits with reasons
                Arguments.of("seeds: 1", "seeds: 2000000000", "spec.seeds: 2000000000 seeds is above the limit of 1000 ("),
                Arguments.of("duration: 5m", "duration: 1000000h", "spec.duration: 1000000h is above the limit of 720h (30 days"),
                Arguments.of("replicas: 1", "replicas: 1000000000", "replicas is above the limit of 150000 (Kubernetes' limit of pods per cluster)"),
                Arguments.of("count: 1,", "count: 1000000000,", "spec.cluster.nodePool.count: 1000000000 nodes is above the limit of 5000 (Kubernetes' limit of nodes per cluster)"),
                // YAML syntax in one line
                Arguments.of("name: tiny", "name: [tiny", ":5:5: YAML syntax: expected ',' or ']'"),
                Arguments.of("kind: Scenario", "kind: Scenario\n\tbad: tab", ":3:1: YAML syntax: "),
                Arguments.of("seeds: 1", "seeds: [1]", ":9: spec.seeds: expected a whole number"),
                Arguments.of("  engine:", "  engine: [a]\n  x:", ":18: spec.engine: expected a mapping (key: value)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("hostile")
    void hostileScenario_isRefusedInOneLine_namingTheField_andWritesNothing(String from, String to, String expected) {
        assertThat(Cli.TINY).contains(from);
        Path scenario = Cli.write(dir.resolve("suite").resolve("s.yaml"), Cli.TINY.replace(from, to));
        Path out = dir.resolve("out").resolve("journals");
        Cli.run("run", scenario.toString(), "--out", out.toString(), "-q")
                .refusedInOneLine().errContains(scenario + ":", expected);
        assertThat(Cli.filesUnder(dir.resolve("out"))).as("nothing written").isZero();
        assertThat(Files.exists(dir.resolve("suite").resolve("journals"))).isFalse();
    }

    @Test void binaryJunk_isNamedNotUtf8() {
        Path scenario = dir.resolve("junk.yaml");
        Cli.write(scenario, "");
        try {
            Files.write(scenario, new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0x81});
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Cli.run("run", scenario.toString(), "--out", dir.resolve("out").toString(), "-q").refusedInOneLine().errContains("not UTF-8 text");
    }

    @Test void seedsOption_aboveTheLimit_isRefusedBeforeAnyRun() {
        Path scenario = Cli.write(dir.resolve("s.yaml"), Cli.TINY);
        Cli.run("run", scenario.toString(), "--seeds", "2000000000", "--out", dir.resolve("out").toString(), "-q")
                .refusedInOneLine().errContains("--seeds: 2000000000 seeds is above the limit of 1000");
        assertThat(Cli.filesUnder(dir.resolve("out"))).isZero();
    }

    @Test void workAboveTheBudget_isRefusedWithTheEstimate_andHowToOverride() {
        Path scenario = Cli.write(dir.resolve("s.yaml"), Cli.TINY.replace("duration: 5m", "duration: 720h").replace("replicas: 1", "replicas: 100000")
                .replace("count: 1,", "count: 4000,").replace("seeds: 1", "seeds: 5"));
        Cli.run("run", scenario.toString(), "--out", dir.resolve("out").toString(), "-q")
                .refusedInOneLine().errContains("estimated work 2,592,000,000,000 pod-steps is above the budget of 4,000,000,000",
                        "100,000 pods × 2,592,000 steps × 5 seeds × 2 runs", "--max-work 2592000000000");
        assertThat(Cli.filesUnder(dir.resolve("out"))).isZero();
    }
}
