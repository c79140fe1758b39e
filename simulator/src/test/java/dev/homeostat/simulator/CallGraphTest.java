package dev.homeostat.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.homeostat.simulator.fault.DependencySlowdown;
import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.metrics.MetricNames;
import dev.homeostat.simulator.metrics.Series;
import dev.homeostat.simulator.spec.CallSpec;
import dev.homeostat.simulator.spec.ClusterSpec;
import dev.homeostat.simulator.spec.ContainerSpec;
import dev.homeostat.simulator.spec.DeploymentSpec;
import dev.homeostat.simulator.spec.ServiceSpec;
import dev.homeostat.simulator.spec.SimulationSpec;
import dev.homeostat.simulator.spec.WorkloadSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallGraphTest {
    private static final String P99 = "service:http_request_duration_seconds:p99_rate1m";
    private static final String ERRORS = "service:http_request_errors:ratio_rate1m";
    private static final long MIN = 60_000;

    /** frontend (entry, {@code rps}, concurrency 100) calls backend once per request; backend's pods: {@code backendMs} service time, concurrency 8. */
    private static SimulationSpec twoTier(double rps, CallSpec call, int backendMs, List<Fault> faults) {
        // the frontend waits on its calls asynchronously: many in flight per pod
        var container = new ContainerSpec(null, null, null, null, null, null, null, null, null, 100);
        var backendContainer = new ContainerSpec(null, null, null, null, null, null, null, null, Duration.ofMillis(backendMs), null);
        var deps = List.of(new DeploymentSpec("frontend", "shop", 3, null, container),
                new DeploymentSpec("backend", "shop", 3, null, backendContainer));
        var svcs = List.of(new ServiceSpec("frontend", "shop", null, rps, null, null, call == null ? List.of() : List.of(call)),
                new ServiceSpec("backend", "shop", null, 0, null));
        return new SimulationSpec(new ClusterSpec(Fixtures.nodes(3), deps, svcs), Duration.ofMinutes(10), null, faults);
    }

    private static CallSpec call(int deadlineMs, int retries) {
        return new CallSpec("backend", 1.0, Duration.ofMillis(deadlineMs), retries, Duration.ofMillis(10));
    }

    /** Requests the service's pods received up to t (every code), from the scraped counters. */
    private static double requests(Fixtures.Run run, String service, long t) {
        double sum = 0;
        for (Series s : run.series(MetricNames.HTTP_REQUESTS)) {
            if (!service.equals(s.labels().get("service"))) continue;
            double v = 0;
            for (int i = 0; i < s.size() && s.times()[i] <= t; i++) v = s.values()[i];
            sum += v;
        }
        return sum;
    }

    private static double rate(Fixtures.Run run, String service, long from, long to) {
        return (requests(run, service, to) - requests(run, service, from)) / ((to - from) / 1000.0);
    }

    @Test
    void calls_carryTheCallersLoad_toTheCallee() {
        var run = Fixtures.run(twoTier(60, call(1000, 0), 20, List.of()), 1);
        assertThat(rate(run, "backend", 2 * MIN, 8 * MIN)).isCloseTo(60, within(3.0));
        var noCalls = Fixtures.run(twoTier(60, null, 20, List.of()), 1);
        assertThat(rate(noCalls, "backend", 2 * MIN, 8 * MIN)).isZero();
    }

    @Test
    void calls_addTheCalleesLatency_toTheCallers() {
        var with = Fixtures.run(twoTier(60, call(1000, 0), 50, List.of()), 1);
        var without = Fixtures.run(twoTier(60, null, 50, List.of()), 1);
        double p99With = with.valueAt(P99, "service", "frontend", 5 * MIN);
        double p99Without = without.valueAt(P99, "service", "frontend", 5 * MIN);
        assertThat(p99With).isGreaterThan(p99Without + 0.1);
    }

    @Test
    void slowDependency_raisesTheCallersLatency_andErrors() {
        var slowdown = new DependencySlowdown("db-slow", Duration.ofMinutes(4), Duration.ofMinutes(4), "shop", "backend", Duration.ofMillis(400));
        var run = Fixtures.run(twoTier(60, call(300, 0), 20, List.of(slowdown)), 1);
        double p99Before = run.valueAt(P99, "service", "frontend", 3 * MIN);
        double errBefore = run.valueAt(ERRORS, "service", "frontend", 3 * MIN);
        double p99During = run.valueAt(P99, "service", "frontend", 7 * MIN);
        double errDuring = run.valueAt(ERRORS, "service", "frontend", 7 * MIN);
        assertThat(errBefore).isLessThan(0.01);
        assertThat(errDuring).isGreaterThan(0.5);           // most calls now outlast the 300 ms deadline
        assertThat(p99During).isGreaterThan(p99Before * 2);  // and every request waits out the deadline
        // the fault is announced on the slowed service, and it ends
        var injected = run.of(dev.homeostat.simulator.events.SimEvent.FaultStarted.class).getFirst();
        assertThat(injected.services()).containsExactly("shop/backend");
        assertThat(injected.kind()).isEqualTo("app/dependency-slowdown");
        // after the window the caller recovers
        assertThat(run.valueAt(ERRORS, "service", "frontend", 10 * MIN)).isLessThan(0.01);
    }

    @Test
    void dependencySlowdown_onAnUnknownService_isRejectedBeforeTheRun() {
        var slowdown = new DependencySlowdown("x", Duration.ZERO, Duration.ofMinutes(1), "shop", "nope", Duration.ofMillis(100));
        assertThatThrownBy(() -> new Simulation(twoTier(60, null, 20, List.of(slowdown)), 1, e -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("faults[0].target.service").hasMessageContaining("'nope'");
    }

    @Test
    void deadlineShorterThanTheCalleesLatency_failsTheCaller() {
        var run = Fixtures.run(twoTier(60, call(5, 0), 100, List.of()), 1);
        assertThat(run.valueAt(ERRORS, "service", "frontend", 5 * MIN)).isGreaterThan(0.9);
        assertThat(run.valueAt(ERRORS, "service", "backend", 5 * MIN)).isLessThan(0.01); // the callee itself is fine
    }

    @Test
    void retries_amplifyTheCalleesLoad_andCanOverloadIt() {
        // backend: 3 pods × 8 workers; a 100 ms slowdown makes its service time 120 ms (capacity 200/s):
        // 150/s still fit (ρ = 0.75) but queue to a mean of 480 ms, so most calls miss the 250 ms
        // deadline, and every retry is another request: the retries push it past its capacity
        var slowdown = new DependencySlowdown("slow", Duration.ofMinutes(4), Duration.ofMinutes(6), "shop", "backend", Duration.ofMillis(100));
        var noRetries = Fixtures.run(twoTier(150, call(250, 0), 20, List.of(slowdown)), 1);
        var retries = Fixtures.run(twoTier(150, call(250, 3), 20, List.of(slowdown)), 1);
        double loadNoRetries = rate(noRetries, "backend", 6 * MIN, 9 * MIN);
        double loadRetries = rate(retries, "backend", 6 * MIN, 9 * MIN);
        assertThat(loadNoRetries).isCloseTo(150, within(10.0));
        assertThat(loadRetries).isGreaterThan(2 * loadNoRetries);                 // retry storm
        assertThat(retries.valueAt(ERRORS, "service", "backend", 8 * MIN)).isGreaterThan(0.2); // overloaded: 504s
        assertThat(noRetries.valueAt(ERRORS, "service", "backend", 8 * MIN)).isLessThan(0.01);
        // before the fault the retries cost nothing: calls succeed at the first attempt
        assertThat(rate(retries, "backend", MIN, 3 * MIN)).isCloseTo(150, within(10.0));
    }

    @Test
    void callOutcome_expectedAttemptsAndFailure_followTheRetryFormula() {
        var svc = new ServiceState(new ServiceSpec("b", "shop", null, 0, null),
                new DeploymentState(new DeploymentSpec("b", "shop", 1, null, ContainerSpec.defaults())), null);
        svc.lastReq = 100;
        svc.lastFastErr = 50; // half the requests fail at once; the rest answer fast
        svc.lastOk[0] = 50;
        svc.lastMean[0] = 0.001;
        svc.lastPods = 1;
        double[] out = new double[6];
        CallModel.outcome(svc, new CallSpec("b", 1.0, Duration.ofSeconds(1), 2, Duration.ZERO), null, out);
        assertThat(out[CallModel.ATTEMPTS]).isCloseTo(1 + 0.5 + 0.25, within(1e-6));
        assertThat(out[CallModel.FAILED]).isCloseTo(0.125, within(1e-6));
        assertThat(out[CallModel.TIMEOUT_SHARE]).isCloseTo(0, within(1e-6));
        assertThat(out[CallModel.ATTEMPT_FAILED]).isCloseTo(0.5, within(1e-6));
    }

    /** The newest value of the edge frontend → backend with {@code code} at or before t (0 before its first sample). */
    private static double edge(Fixtures.Run run, String code, long t) {
        for (Series s : run.series(MetricNames.MESH_REQUESTS)) {
            if (!code.equals(s.labels().get("response_code"))) continue;
            double v = 0;
            for (int i = 0; i < s.size() && s.times()[i] <= t; i++) v = s.values()[i];
            return v;
        }
        return 0;
    }

    @Test
    void meshCounters_nameEachCallEdge_andCountTimeoutsWhileTheCalleeIsSlow() {
        var slowdown = new DependencySlowdown("db-slow", Duration.ofMinutes(4), Duration.ofMinutes(4), "shop", "backend", Duration.ofMillis(400));
        var run = Fixtures.run(twoTier(300, call(200, 1), 20, List.of(slowdown)), 1);
        var edges = run.series(MetricNames.MESH_REQUESTS);
        assertThat(edges).isNotEmpty().allSatisfy(s -> {
            assertThat(s.labels()).containsEntry("reporter", "source").containsEntry("source_workload", "frontend")
                    .containsEntry("source_workload_namespace", "shop").containsEntry("destination_service_name", "backend")
                    .containsEntry("destination_workload", "backend");
        });
        // before the slowdown nearly every attempt succeeds; while backend is 400 ms slower than the 200 ms deadline, attempts time out
        double okBefore = edge(run, "200", 4 * MIN) - edge(run, "200", 2 * MIN);
        double timeoutsBefore = edge(run, "504", 4 * MIN) - edge(run, "504", 2 * MIN);
        double timeoutsDuring = edge(run, "504", 7 * MIN) - edge(run, "504", 5 * MIN);
        assertThat(okBefore).isGreaterThan(300 * 120 * 0.9);
        assertThat(timeoutsBefore).isLessThan(okBefore * 0.01);
        assertThat(timeoutsDuring).isGreaterThan(okBefore * 0.5);
        // the frontend's pods receive what the mesh counts leaving it toward nobody else: calls ≈ backend's received requests
        double calls = edge(run, "200", 10 * MIN) + edge(run, "503", 10 * MIN) + edge(run, "504", 10 * MIN);
        assertThat(calls).isCloseTo(requests(run, "backend", 10 * MIN), within(calls * 0.02));
    }

    @Test
    void boundedMean_isTheFullMeanForAFarDeadline_andZeroBeforeTheOffset() {
        assertThat(CallModel.boundedMean(0.05, 0.01, 100)).isCloseTo(0.06, within(1e-9));
        assertThat(CallModel.boundedMean(0.05, 0.2, 0.1)).isZero();
    }

    @Test
    void cycle_isRejected_namingIt() {
        var deps = new ArrayList<DeploymentSpec>();
        for (String n : List.of("a", "b", "c")) deps.add(new DeploymentSpec(n, "shop", 1, null, ContainerSpec.defaults()));
        var svcs = List.of(new ServiceSpec("a", "shop", null, 10, null, null, List.of(CallSpec.to("b"))),
                new ServiceSpec("b", "shop", null, 0, null, null, List.of(CallSpec.to("c"))),
                new ServiceSpec("c", "shop", null, 0, null, null, List.of(CallSpec.to("a"))));
        var spec = new SimulationSpec(new ClusterSpec(Fixtures.nodes(1), deps, svcs), Duration.ofMinutes(1), null, List.of());
        assertThatThrownBy(() -> new Simulation(spec, 1, e -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shop/a -> shop/b -> shop/c -> shop/a");
    }

    @Test
    void unknownCallee_isRejected_namingTheCall() {
        var spec = twoTier(10, CallSpec.to("payments"), 20, List.of());
        assertThatThrownBy(() -> new Simulation(spec, 1, e -> { }))
                .hasMessageContaining("services.frontend.calls[0].service").hasMessageContaining("'payments'");
    }

    @Test
    void flashCrowd_raisesTheEntryRate_insideItsWindowOnly() {
        var deps = List.of(new DeploymentSpec("web", "shop", 3, null, ContainerSpec.defaults()));
        var crowd = new WorkloadSpec.FlashCrowd(Duration.ofMinutes(4), Duration.ofMinutes(3), 3);
        var svcs = List.of(new ServiceSpec("web", "shop", null, 50, null, crowd, null));
        var run = Fixtures.run(new SimulationSpec(new ClusterSpec(Fixtures.nodes(3), deps, svcs), Duration.ofMinutes(10), null, List.of()), 1);
        assertThat(rate(run, "web", MIN, 4 * MIN)).isCloseTo(50, within(3.0));
        assertThat(rate(run, "web", 4 * MIN, 7 * MIN)).isCloseTo(150, within(5.0));
        assertThat(rate(run, "web", 7 * MIN, 10 * MIN)).isCloseTo(50, within(3.0));
    }

    @Test
    void poissonWorkload_drawsWholeRequests_withTheRightMean() {
        var random = new java.util.SplittableRandom(7);
        double sum = 0;
        for (int i = 0; i < 20_000; i++) {
            double k = TrafficStep.poisson(3.5, random);
            assertThat(k).isEqualTo(Math.rint(k));
            sum += k;
        }
        assertThat(sum / 20_000).isCloseTo(3.5, within(0.05));
    }

    @Test
    void sameSeed_sameResults_withCallsAndRetries() {
        var slowdown = new DependencySlowdown("slow", Duration.ofMinutes(4), Duration.ofMinutes(3), "shop", "backend", Duration.ofMillis(300));
        var a = Fixtures.run(twoTier(150, call(250, 3), 20, List.of(slowdown)), 9);
        var b = Fixtures.run(twoTier(150, call(250, 3), 20, List.of(slowdown)), 9);
        assertThat(a.events()).isEqualTo(b.events());
        assertThat(requests(a, "backend", 10 * MIN)).isEqualTo(requests(b, "backend", 10 * MIN));
    }
}
