package dev.homeostat.testbed.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homeostat.remediation.policy.PolicyLoader;
import dev.homeostat.reports.journal.JournalEvent;
import dev.homeostat.simulator.fault.BadRollout;
import dev.homeostat.simulator.fault.NodeFailure;
import dev.homeostat.testbed.run.ScenarioRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster-side application faults, rollout strategy and PDBs in scenario files, and the engine's rollback run in simulation. */
class ClusterFaultsScenarioTest {
    @TempDir Path dir;

    private Path scenario(String faults) throws IOException {
        Files.createDirectories(dir.resolve("policies"));
        Files.copy(Path.of("../remediation/policies/default.yaml"), dir.resolve("policies/default.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("s.yaml"), """
                apiVersion: homeostat.dev/v1alpha1
                kind: Scenario
                metadata: {name: s}
                spec:
                  duration: 10m
                  cluster:
                    nodePool: {count: 2, cpu: 4, memory: 16Gi}
                    deployments:
                      - {name: a, replicas: 2, hpa: {minReplicas: 2, maxReplicas: 4, targetCpuUtilization: 0.6}}
                    services:
                      - {name: a, requestsPerSecond: 50}
                  faults:
                %s
                  engine: {policy: policies/default.yaml}
                """.formatted(faults.indent(4).stripTrailing()));
        return dir.resolve("s.yaml");
    }

    @Test
    void examples_load_withStrategyPdbAndTheirFaults() {
        var rollout = new ScenarioLoader().load(Path.of("../scenarios/examples/bad-rollout.yaml"));
        var d = rollout.simulation().cluster().deployments().getFirst();
        assertThat(d.strategy().surge(4)).isEqualTo(1);
        assertThat(d.strategy().unavailable(4)).isZero();
        assertThat(rollout.simulation().faults()).singleElement().isInstanceOfSatisfying(BadRollout.class, f -> {
            assertThat(f.errorPercent()).isEqualTo(20);
            assertThat(f.extraLatency()).isEqualTo(Duration.ofMillis(80));
        });
        var node = new ScenarioLoader().load(Path.of("../scenarios/examples/node-failure.yaml"));
        assertThat(node.simulation().cluster().pdbs()).singleElement().satisfies(p -> assertThat(p.minAvailable()).isEqualTo(dev.homeostat.simulator.spec.IntOrPercent.of(2)));
        assertThat(node.simulation().faults()).singleElement().isInstanceOfSatisfying(NodeFailure.class, f -> assertThat(f.node()).isEqualTo("node-1"));
    }

    @Test
    void hpaAndEveryNewFaultType_load() throws IOException {
        var s = new ScenarioLoader().load(scenario("""
                - {type: misconfiguration, target: {deployment: a}, at: 1m, duration: 2m, misconfiguration: wrong-port}
                - {type: cpu-hog, target: {deployment: a}, at: 1m, duration: 2m, cores: 0.5}
                - {type: deadlock, target: {deployment: a}, at: 1m, duration: 2m, pods: 1}
                - {type: noisy-neighbour, target: {node: node-1}, at: 1m, duration: 2m, cores: 2}
                - {type: node-failure, target: {node: node-2}, at: 1m, duration: 2m}
                """));
        assertThat(s.simulation().cluster().deployments().getFirst().hpa().maxReplicas()).isEqualTo(4);
        assertThat(s.simulation().faults()).extracting(f -> f.kind())
                .containsExactly("app/misconfiguration", "app/cpu-hog", "app/deadlock", "app/noisy-neighbour", "app/node-failure");
    }

    @Test
    void anHpa_takesKubernetesPercentageForm_andDefaultsMinReplicasToOne_asKubernetesDoes() throws IOException {
        Path file = scenario("[]");
        Files.writeString(file, Files.readString(file).replace("{minReplicas: 2, maxReplicas: 4, targetCpuUtilization: 0.6}",
                "{maxReplicas: 4, targetCPUUtilizationPercentage: 60}"));
        var hpa = new ScenarioLoader().load(file).simulation().cluster().deployments().getFirst().hpa();
        assertThat(hpa.minReplicas()).isEqualTo(1);
        assertThat(hpa.maxReplicas()).isEqualTo(4);
        assertThat(hpa.targetCpuUtilization()).isEqualTo(0.6);
    }

    @Test
    void trafficStep_isReadFromTheSpec_andABadOneNamesTheFieldAndTheFix() throws IOException {
        Path file = scenario("[]");
        String text = Files.readString(file);
        Files.writeString(file, text.replace("  duration: 10m", "  duration: 10m\n  trafficStep: 5s"));
        assertThat(new ScenarioLoader().load(file).simulation().trafficStep()).isEqualTo(Duration.ofSeconds(5));
        assertThat(new ScenarioLoader().load(Path.of("../scenarios/perf/reference.yaml")).simulation().trafficStep())
                .isEqualTo(Duration.ofSeconds(15));
        Files.writeString(file, text.replace("  duration: 10m", "  duration: 10m\n  trafficStep: 7s"));
        assertThatThrownBy(() -> new ScenarioLoader().load(file))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("trafficStep").hasMessageContaining("15s");
        Files.writeString(file, text.replace("  duration: 10m", "  duration: 10m\n  trafficStep: 10s"));
        assertThatThrownBy(() -> new ScenarioLoader().load(file))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("scrapeInterval").hasMessageContaining("multiple of trafficStep");
    }

    @Test
    void badValues_nameTheFieldAndTheFix() throws IOException {
        assertThatThrownBy(() -> new ScenarioLoader().load(scenario(
                "- {type: misconfiguration, target: {deployment: a}, at: 1m, duration: 2m, misconfiguration: typo}")))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("spec.faults[0].misconfiguration").hasMessageContaining("wrong-port");
        Files.delete(dir.resolve("policies/default.yaml"));
        assertThatThrownBy(() -> new ScenarioLoader().load(scenario("- {type: node-failure, target: {node: node-9}, at: 1m, duration: 2m}")))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("spec.faults[0].target.node").hasMessageContaining("node-1");
    }

    private Path withStrategyAndPdb(String strategy, String pdb) throws IOException {
        Path file = scenario("[]");
        Files.writeString(file, Files.readString(file)
                .replace("- {name: a, replicas: 2, hpa:", "- {name: a, replicas: 10, strategy: " + strategy + ", hpa:")
                .replace("      - {name: a, requestsPerSecond: 50}", "      - {name: a, requestsPerSecond: 50}\n    pdbs:\n      - " + pdb));
        return file;
    }

    @Test
    void percentages_areTakenWhereKubernetesTakesThem_andResolvedAsItResolvesThem() throws IOException {
        var s = new ScenarioLoader().load(withStrategyAndPdb("{maxSurge: 25%, maxUnavailable: 25%}", "{name: a, selector: {app: a}, maxUnavailable: 10%}"));
        var strategy = s.simulation().cluster().deployments().getFirst().strategy();
        assertThat(strategy.surge(10)).isEqualTo(3);
        assertThat(strategy.unavailable(10)).isEqualTo(2);
        assertThat(s.simulation().cluster().pdbs().getFirst().desiredHealthy(10)).isEqualTo(9);
        var min = new ScenarioLoader().load(withStrategyAndPdb("{maxSurge: 1, maxUnavailable: 0}", "{name: a, selector: {app: a}, minAvailable: \"75%\"}"));
        assertThat(min.simulation().cluster().pdbs().getFirst().desiredHealthy(10)).isEqualTo(8);
    }

    @Test
    void aBadCountOrPercentage_namesItsFieldAndTheFix_onOneLine() throws IOException {
        assertThatThrownBy(() -> new ScenarioLoader().load(withStrategyAndPdb("{maxUnavailable: 150%}", "{name: a, selector: {app: a}, minAvailable: 1}")))
                .isInstanceOf(ScenarioException.class)
                .hasMessageEndingWith("s.yaml:9: spec.cluster.deployments[0].strategy.maxUnavailable: 150% is more than 100%; give at most 100% (every pod) or a count");
        assertThatThrownBy(() -> new ScenarioLoader().load(withStrategyAndPdb("{maxSurge: abc}", "{name: a, selector: {app: a}, minAvailable: 1}")))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("spec.cluster.deployments[0].strategy.maxSurge: 'abc'")
                .hasMessageContaining("such as 25%");
        assertThatThrownBy(() -> new ScenarioLoader().load(withStrategyAndPdb("{maxSurge: 1}", "{name: a, selector: {app: a}, minAvailable: 101%}")))
                .isInstanceOf(ScenarioException.class)
                .hasMessageEndingWith("spec.cluster.pdbs[0].minAvailable: 101% is more than 100%; give at most 100% or a count of pods");
        assertThatThrownBy(() -> new ScenarioLoader().load(withStrategyAndPdb("{maxSurge: \"2\"}", "{name: a, selector: {app: a}, minAvailable: 1}")))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("maxSurge: '2' is a quoted number")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void badRollout_engineRollsBack_inSimulation_andIsCreditedWithTheRecovery() {
        var scenario = new ScenarioLoader().load(Path.of("../scenarios/examples/bad-rollout.yaml"));
        var journal = ScenarioRunner.run(scenario, 1, PolicyLoader.load(scenario.policy()));
        assertThat(journal.events()).filteredOn(JournalEvent.ActionTaken.class::isInstance).map(JournalEvent.ActionTaken.class::cast)
                .anySatisfy(a -> {
                    assertThat(a.action()).isEqualTo("rollback");
                    assertThat(a.applied()).isTrue();
                });
        assertThat(journal.events()).filteredOn(JournalEvent.SloRestored.class::isInstance).map(JournalEvent.SloRestored.class::cast)
                .singleElement().satisfies(r -> {
                    assertThat(r.by()).isEqualTo("engine");
                    assertThat(r.t()).isLessThan(20 * 60_000L);
                });
    }
}
