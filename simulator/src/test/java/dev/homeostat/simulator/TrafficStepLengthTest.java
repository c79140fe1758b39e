package dev.homeostat.simulator;

import static dev.homeostat.simulator.Fixtures.MIB;
import static dev.homeostat.simulator.Fixtures.app;
import static dev.homeostat.simulator.Fixtures.nodes;
import static dev.homeostat.simulator.Fixtures.run;
import static dev.homeostat.simulator.metrics.MetricNames.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.homeostat.simulator.events.SimEvent.ContainerRestarted;
import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.MemoryLeak;
import dev.homeostat.simulator.fault.PodFailure;
import dev.homeostat.simulator.fault.SelectionMode;
import dev.homeostat.simulator.metrics.Series;
import dev.homeostat.simulator.spec.ClusterSpec;
import dev.homeostat.simulator.spec.ContainerSpec;
import dev.homeostat.simulator.spec.DeploymentSpec;
import dev.homeostat.simulator.spec.ServiceSpec;
import dev.homeostat.simulator.spec.SimulationSpec;
import dev.homeostat.simulator.spec.SloSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code spec.trafficStep}: a longer step integrates the same rates, so a run's totals barely move; bad steps are refused. */
class TrafficStepLengthTest {
    private static final Duration MIN = Duration.ofMinutes(1);

    /** One service of 3 pods with a leak (OOM mid-run) and a pod failure (errors until readiness drops). */
    private static SimulationSpec scenario(Duration step) {
        var deployments = List.of(new DeploymentSpec("svc0", "shop", 3, null, ContainerSpec.defaults()));
        var services = List.of(new ServiceSpec("svc0", "shop", "svc0", 60, null));
        List<Fault> faults = List.of(
                new MemoryLeak("leak", MIN, Duration.ofMinutes(10), "shop", "svc0", MIB),
                new PodFailure("fail", Duration.ofMinutes(2), Duration.ofMinutes(1), app("svc0"), SelectionMode.one()));
        return new SimulationSpec(new ClusterSpec(nodes(3), deployments, services), Duration.ofMinutes(10), null, faults, null, step);
    }

    private static double total(Fixtures.Run r, String metric, String code) {
        double sum = 0;
        for (Series s : r.series(metric)) if (code == null || code.equals(s.labels().get("code"))) sum += s.values()[s.size() - 1];
        return sum;
    }

    @Test
    void fiveSecondSteps_giveTheTotalsOfOneSecondSteps_withinTolerance() {
        var fine = run(scenario(Duration.ofSeconds(1)), 7);
        var coarse = run(scenario(Duration.ofSeconds(5)), 7);

        double requestsFine = total(fine, HTTP_REQUESTS, null), requestsCoarse = total(coarse, HTTP_REQUESTS, null);
        assertThat(requestsFine).isGreaterThan(0.9 * 60 * 600);
        assertThat(requestsCoarse).isCloseTo(requestsFine, within(0.02 * requestsFine));
        double errorsFine = total(fine, HTTP_REQUESTS, "500") + total(fine, HTTP_REQUESTS, "504") + total(fine, HTTP_REQUESTS, "503");
        double errorsCoarse = total(coarse, HTTP_REQUESTS, "500") + total(coarse, HTTP_REQUESTS, "504") + total(coarse, HTTP_REQUESTS, "503");
        assertThat(errorsFine).isGreaterThan(100);
        assertThat(errorsCoarse).isCloseTo(errorsFine, within(0.25 * errorsFine));
        double cpuFine = total(fine, CPU_USAGE_SECONDS, null), cpuCoarse = total(coarse, CPU_USAGE_SECONDS, null);
        assertThat(cpuCoarse).isCloseTo(cpuFine, within(0.05 * cpuFine));

        // memory is event-driven (closed formulas), so the leak and the OOM instants do not depend on the step
        double memoryFine = total(fine, MEMORY_WORKING_SET, null), memoryCoarse = total(coarse, MEMORY_WORKING_SET, null);
        assertThat(memoryCoarse).isCloseTo(memoryFine, within(0.02 * memoryFine));
        var oomsFine = fine.of(ContainerRestarted.class).stream().filter(e -> e.reason().equals("OOMKilled")).toList();
        var oomsCoarse = coarse.of(ContainerRestarted.class).stream().filter(e -> e.reason().equals("OOMKilled")).toList();
        assertThat(oomsFine).isNotEmpty();
        assertThat(oomsCoarse).hasSameSizeAs(oomsFine);
        for (int i = 0; i < oomsFine.size(); i++)
            assertThat(oomsCoarse.get(i).timeMillis()).isCloseTo(oomsFine.get(i).timeMillis(), within(5_000L));
    }

    @Test
    void rateRules_keepTheirMeaning_atFifteenSecondSteps() {
        var coarse = run(scenario(Duration.ofSeconds(15)).withDuration(Duration.ofMinutes(1).plusSeconds(30)), 3);
        String pod = coarse.sim().pods().getFirst().name();
        // 60 rps over 3 pods: the per-pod counter grows 20/s whatever the step, and cpu rate stays in cores
        double requests = coarse.valueAt(HTTP_REQUESTS, "pod", pod, 90_000);
        assertThat(requests).isBetween(0.85 * 20 * 90, 1.15 * 20 * 90);
        assertThat(coarse.valueAt(POD_CPU_RATE, "pod", pod, 90_000)).isBetween(0.002, 0.1);
        assertThat(coarse.valueAt(SERVICE_ERROR_RATIO, "service", "svc0", 90_000)).isZero();
        // M/M/1 at light load: p99 ≈ 20 ms × ln 100, as with 1 s steps
        assertThat(coarse.valueAt(SERVICE_LATENCY_P99, "service", "svc0", 90_000)).isBetween(0.08, 0.12);
    }

    @Test
    void defaultStep_isOneSecond_andTheOldConstructorKeepsIt() {
        var spec = new SimulationSpec(new ClusterSpec(nodes(1), List.of(), List.of()), MIN, null, List.of(), null);
        assertThat(spec.trafficStep()).isEqualTo(Duration.ofSeconds(1));
        assertThat(spec.withTrafficStep(Duration.ofSeconds(15)).trafficStep()).isEqualTo(Duration.ofSeconds(15));
        assertThat(spec.withTrafficStep(null).trafficStep()).isEqualTo(SimulationSpec.DEFAULT_TRAFFIC_STEP);
    }

    @Test
    void badSteps_nameTheFieldAndTheFix() {
        var base = scenario(Duration.ofSeconds(1));
        assertThatThrownBy(() -> base.withTrafficStep(Duration.ofMillis(1500)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trafficStep").hasMessageContaining("whole number of seconds");
        assertThatThrownBy(() -> base.withTrafficStep(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trafficStep").hasMessageContaining("at least 1s");
        assertThatThrownBy(() -> base.withTrafficStep(Duration.ofSeconds(7)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trafficStep").hasMessageContaining("1m")
                .hasMessageContaining("15s");
        // 15 s scrape (default) and a 10 s step: the scrape would fall between steps
        assertThatThrownBy(() -> base.withTrafficStep(Duration.ofSeconds(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scrapeInterval").hasMessageContaining("multiple of trafficStep");
        var slo = new SloSpec(0.99, Duration.ofMillis(300), Duration.ofSeconds(90));
        var cluster = new ClusterSpec(nodes(1), List.of(new DeploymentSpec("a", "shop", 1, null, ContainerSpec.defaults())),
                List.of(new ServiceSpec("a", "shop", "a", 10, slo)));
        assertThatThrownBy(() -> new SimulationSpec(cluster, MIN, Duration.ofSeconds(60), List.of(), null, Duration.ofSeconds(20)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shop/a").hasMessageContaining("slo.window")
                .hasMessageContaining("multiple of the step");
    }
}
