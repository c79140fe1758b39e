package dev.homeostat.testbed.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homeostat.simulator.fault.DependencySlowdown;
import dev.homeostat.simulator.spec.ExternalCall;
import dev.homeostat.simulator.spec.WorkloadSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallGraphScenarioTest {
    @TempDir Path dir;

    private Path scenario(String services, String faults) throws IOException {
        Files.createDirectories(dir.resolve("policies"));
        Files.copy(Path.of("../remediation/policies/default.yaml"), dir.resolve("policies/default.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String yaml = """
                apiVersion: homeostat.dev/v1alpha1
                kind: Scenario
                metadata: {name: graph}
                spec:
                  duration: 10m
                  cluster:
                    nodePool: {count: 2, cpu: 4, memory: 16Gi}
                    deployments:
                      - {name: a, replicas: 2}
                      - {name: b, replicas: 2}
                    services:
                %s
                  faults:
                %s
                  engine: {policy: policies/default.yaml}
                """.formatted(services.indent(6).stripTrailing(), faults.indent(4).stripTrailing());
        Path file = dir.resolve("graph.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void callsWorkloadAndDependencySlowdown_load() throws IOException {
        Path file = scenario("""
                - name: a
                  requestsPerSecond: 50
                  workload: {type: diurnal, amplitude: 0.5, period: 10m}
                  calls: [{service: b, perRequest: 2, deadline: 300ms, retries: 2, retryBackoff: 50ms}]
                - {name: b}
                """, """
                - {type: dependency-slowdown, target: {service: b}, at: 2m, duration: 3m, addedLatency: 200ms}
                """);
        var s = new ScenarioLoader().load(file);
        var a = s.simulation().cluster().services().getFirst();
        assertThat(a.workload()).isEqualTo(new WorkloadSpec.Diurnal(0.5, Duration.ofMinutes(10), Duration.ZERO));
        assertThat(a.calls().getFirst().retries()).isEqualTo(2);
        assertThat(a.calls().getFirst().deadline()).isEqualTo(Duration.ofMillis(300));
        assertThat(s.simulation().faults()).containsExactly(
                new DependencySlowdown("b-dependency-slowdown", Duration.ofMinutes(2), Duration.ofMinutes(3), "default", "b", Duration.ofMillis(200)));
    }

    @Test
    void replayWorkload_readsTheCsvRelativeToTheScenario() throws IOException {
        Files.writeString(dir.resolve("trace.csv"), "seconds,rps\n0,10\n300,40\n");
        var s = new ScenarioLoader().load(scenario("""
                - {name: a, workload: {type: replay, file: trace.csv}}
                - {name: b}
                """, "[]"));
        var w = s.simulation().cluster().services().getFirst().workload();
        assertThat(w.rate(0, 150_000)).isEqualTo(25);
    }

    @Test
    void replayWorkload_badLine_namesTheCsvAndItsLine() throws IOException {
        Files.writeString(dir.resolve("trace.csv"), "seconds,rps\n0,10\n60,ten\n");
        Path file = scenario("""
                - {name: a, workload: {type: replay, file: trace.csv}}
                - {name: b}
                """, "[]");
        assertThatThrownBy(() -> new ScenarioLoader().load(file))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("spec.cluster.services[0].workload.file")
                .hasMessageContaining("trace.csv line 3");
    }

    @Test
    void cycle_isRejectedAtLoad_namingIt() throws IOException {
        Path file = scenario("""
                - {name: a, calls: [{service: b}]}
                - {name: b, calls: [{service: a}]}
                """, "[]");
        assertThatThrownBy(() -> new ScenarioLoader().load(file))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("default/a -> default/b -> default/a");
    }

    @Test
    void unknownWorkloadType_andUnknownSlowedService_areNamed() throws IOException {
        Path badWorkload = scenario("- {name: a, workload: {type: tidal}}\n- {name: b}\n", "[]");
        assertThatThrownBy(() -> new ScenarioLoader().load(badWorkload))
                .hasMessageContaining("spec.cluster.services[0].workload.type").hasMessageContaining("diurnal");
        Files.delete(dir.resolve("policies/default.yaml"));
        Path badFault = scenario("- {name: a}\n- {name: b}\n",
                "- {type: dependency-slowdown, target: {service: c}, at: 1m, duration: 1m, addedLatency: 1s}\n");
        assertThatThrownBy(() -> new ScenarioLoader().load(badFault))
                .hasMessageContaining("spec.faults[0].target.service").hasMessageContaining("default/c");
    }

    @Test
    void externalHosts_areCalls_withAHost() throws IOException {
        var s = new ScenarioLoader().load(scenario("""
                - name: a
                  requestsPerSecond: 10
                  calls: [{service: b}, {host: payments.example.com, latency: 30ms, deadline: 500ms, retries: 1}, {host: 10.0.0.7}]
                - {name: b}
                """, "[]"));
        var a = s.simulation().cluster().services().getFirst();
        assertThat(a.calls()).extracting(c -> c.service()).containsExactly("b");
        assertThat(a.external()).containsExactly(new ExternalCall("payments.example.com", 1.0, Duration.ofMillis(30), Duration.ofMillis(500), 1, Duration.ZERO),
                ExternalCall.to("10.0.0.7"));
        Path both = scenario("- {name: a, calls: [{service: b, host: x.example.com}]}\n- {name: b}\n", "[]");
        assertThatThrownBy(() -> new ScenarioLoader().load(both)).hasMessageContaining("spec.cluster.services[0]").hasMessageContaining("not both");
    }

    @Test
    void aServiceOfAnotherNamespace_isCalledAsNameDotNamespace() throws IOException {
        Path file = scenario("""
                - {name: a, requestsPerSecond: 10, calls: [{service: b.default}]}
                - {name: b}
                """, "[]");
        assertThat(new ScenarioLoader().load(file).simulation().cluster().services().getFirst().calls().getFirst().calleeKey("web"))
                .isEqualTo("default/b");
        Path unknown = scenario("- {name: a, calls: [{service: b.db}]}\n- {name: b}\n", "[]");
        assertThatThrownBy(() -> new ScenarioLoader().load(unknown)).hasMessageContaining("no service 'b.db'");
    }

    @Test
    void exampleScenario_loads() {
        var s = new ScenarioLoader().load(Path.of("../scenarios/examples/call-graph.yaml"));
        assertThat(s.simulation().cluster().services()).hasSize(3);
        assertThat(s.simulation().faults()).hasSize(1);
    }
}
