package dev.homeostat.testbed.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homeostat.reports.journal.JournalEvent;
import dev.homeostat.simulator.change.Change;
import dev.homeostat.simulator.change.DeploymentChange;
import dev.homeostat.simulator.spec.WorkloadSpec;
import dev.homeostat.testbed.run.ScenarioRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spec.changes} (routine rollouts, config changes, scales, drains) and the {@code ramp} workload in scenario files. */
class ChangesScenarioTest {
    @TempDir Path dir;

    private Path scenario(String changes) throws IOException {
        Files.createDirectories(dir.resolve("policies"));
        Files.copy(Path.of("../remediation/policies/default.yaml"), dir.resolve("policies/default.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("s.yaml"), """
                apiVersion: homeostat.dev/v1alpha1
                kind: Scenario
                metadata: {name: s}
                spec:
                  duration: 90m
                  cluster:
                    nodePool: {count: 3, cpu: 4, memory: 16Gi}
                    deployments:
                      - {name: checkout, replicas: 3}
                    services:
                      - name: checkout
                        requestsPerSecond: 50
                        workload: {type: ramp, at: 20m, duration: 30m, multiplier: 3, hold: 10m}
                  changes:
                %s
                  engine: {policy: policies/default.yaml}
                """.formatted(changes.indent(4).stripTrailing()));
        return dir.resolve("s.yaml");
    }

    @Test
    void everyChangeType_andTheRampWorkload_load() throws IOException {
        var s = new ScenarioLoader().load(scenario("""
                - {type: rollout, target: {deployment: checkout}, at: 30m}
                - {type: config-change, target: {deployment: checkout}, at: 40m}
                - {type: scale, target: {deployment: checkout}, at: 50m, replicas: 6}
                - {type: drain, target: {node: node-2}, at: 60m, duration: 20m, name: maintenance}
                """));

        assertThat(s.simulation().changes()).containsExactly(
                new DeploymentChange.Rollout("rollout-checkout-30m", Duration.ofMinutes(30), "default", "checkout"),
                new DeploymentChange.ConfigChange("config-change-checkout-40m", Duration.ofMinutes(40), "default", "checkout"),
                new DeploymentChange.Scale("scale-checkout-50m", Duration.ofMinutes(50), "default", "checkout", 6),
                new Change.Drain("maintenance", Duration.ofMinutes(60), "node-2", Duration.ofMinutes(20)));
        assertThat(s.simulation().cluster().services().getFirst().workload())
                .isEqualTo(new WorkloadSpec.Ramp(Duration.ofMinutes(20), Duration.ofMinutes(30), 3, Duration.ofMinutes(10)));
    }

    @Test
    void appliedChanges_areInTheJournal_andAreNoFaults() throws IOException {
        var s = new ScenarioLoader().load(scenario("""
                - {type: rollout, target: {deployment: checkout}, at: 30m}
                - {type: drain, target: {node: node-2}, at: 60m, duration: 20m}
                """));
        var journal = ScenarioRunner.run(s, 1, null);

        assertThat(journal.events()).filteredOn(JournalEvent.ChangeApplied.class::isInstance).map(JournalEvent.ChangeApplied.class::cast)
                .extracting(JournalEvent.ChangeApplied::t, JournalEvent.ChangeApplied::change, JournalEvent.ChangeApplied::targets,
                        JournalEvent.ChangeApplied::services)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(30 * 60_000L, "rollout-checkout-30m", java.util.List.of("deployment/default/checkout"),
                                java.util.List.of("service/default/checkout")),
                        org.assertj.core.groups.Tuple.tuple(60 * 60_000L, "drain-node-2-1h", java.util.List.of("node/node-2"),
                                java.util.List.of("service/default/checkout")));
        assertThat(journal.events()).noneMatch(e -> e instanceof JournalEvent.FaultStarted);
    }

    @Test
    void badChanges_nameTheFileLineAndField() throws IOException {
        assertThatThrownBy(() -> new ScenarioLoader().load(scenario("- {type: redeploy, target: {deployment: checkout}, at: 30m}")))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("s.yaml:").hasMessageContaining("spec.changes[0]")
                .hasMessageContaining("unknown change 'redeploy'; known: [rollout, config-change, scale, drain]");
        assertThatThrownBy(() -> new ScenarioLoader().load(scenario("- {type: scale, target: {deployment: cart}, at: 30m, replicas: 2}")))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("spec.changes[0].target.deployment").hasMessageContaining("no deployment 'default/cart'");
        assertThatThrownBy(() -> new ScenarioLoader().load(scenario("- {type: scale, target: {deployment: checkout}, at: 30m}")))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("replicas: required");
        assertThatThrownBy(() -> new ScenarioLoader().load(scenario("- {type: drain, target: {node: node-9}, at: 30m, duration: 5m}")))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("spec.changes[0].target.node").hasMessageContaining("no node 'node-9'");
        assertThatThrownBy(() -> new ScenarioLoader().load(scenario("- {type: drain, target: {node: node-1}, at: 30m}")))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("duration: required");
        assertThatThrownBy(() -> new ScenarioLoader().load(scenario("- {type: rollout, target: {deployment: checkout}, at: 2h}")))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("spec.changes[0].at").hasMessageContaining("is not before the end of the run");
    }
}
