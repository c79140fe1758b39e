package dev.homeostat.testbed.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.simulator.spec.CallSpec;
import dev.homeostat.simulator.spec.ServiceSpec;
import dev.homeostat.testbed.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The call-graph reference of {@code homeostat perf} is what its README says, and the scaling chart renders. */
class EnginePerfReferencesTest {
    @Test
    void callGraphReference_reachesEveryServiceFromFewEntryPoints_andCarriesAFaultOfEachFamily() {
        var scenario = new ScenarioLoader().load(Path.of("..", "scenarios", "perf", "callgraph.yaml"));
        var sim = scenario.simulation();
        assertThat(sim.cluster().deployments().stream().mapToInt(d -> d.replicas()).sum()).isEqualTo(30_000);
        List<ServiceSpec> services = sim.cluster().services();
        assertThat(services).hasSize(200);
        var entries = services.stream().filter(s -> s.requestsPerSecond() > 0).toList();
        assertThat(entries).hasSize(4).allSatisfy(s -> assertThat(s.workload()).isNotNull());

        Map<String, ServiceSpec> byName = services.stream().collect(Collectors.toMap(ServiceSpec::name, Function.identity()));
        Set<String> reached = new HashSet<>();
        var queue = new ArrayDeque<ServiceSpec>(entries);
        while (!queue.isEmpty()) {
            var s = queue.poll();
            if (!reached.add(s.name())) continue;
            for (CallSpec c : s.calls()) queue.add(byName.get(c.service()));
        }
        assertThat(reached).hasSize(200);
        assertThat(services.stream().flatMap(s -> s.calls().stream())).allSatisfy(c -> assertThat(c.retries()).isPositive());

        var families = sim.faults().stream().map(f -> f.getClass().getSimpleName()).collect(Collectors.toSet());
        assertThat(families).hasSizeGreaterThanOrEqualTo(8);
        assertThat(scenario.policy()).isNotNull();
    }

    @Test
    void scalingChart_isAPng() {
        byte[] png = EnginePerfChart.png("scale", List.of(new EnginePerfChart.Point(3000, 1.0, 100, 2.0, 200L),
                new EnginePerfChart.Point(30000, 5.0, 1000, null, null)));
        assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }
}
