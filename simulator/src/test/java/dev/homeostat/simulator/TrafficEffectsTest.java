package dev.homeostat.simulator;

import static dev.homeostat.simulator.Fixtures.app;
import static dev.homeostat.simulator.Fixtures.cluster;
import static dev.homeostat.simulator.Fixtures.run;
import static dev.homeostat.simulator.metrics.MetricNames.POD_CPU_RATE;
import static dev.homeostat.simulator.metrics.MetricNames.POD_READY;
import static dev.homeostat.simulator.metrics.MetricNames.SERVICE_ERROR_RATIO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.homeostat.simulator.events.SimEvent.FaultEffect;
import dev.homeostat.simulator.fault.ClockSkew;
import dev.homeostat.simulator.fault.CpuStress;
import dev.homeostat.simulator.fault.DnsFault;
import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.HttpFault;
import dev.homeostat.simulator.fault.IoError;
import dev.homeostat.simulator.fault.IoLatency;
import dev.homeostat.simulator.fault.LabelRequirement;
import dev.homeostat.simulator.fault.NetworkBandwidth;
import dev.homeostat.simulator.fault.NetworkCorrupt;
import dev.homeostat.simulator.fault.NetworkDelay;
import dev.homeostat.simulator.fault.NetworkDuplicate;
import dev.homeostat.simulator.fault.NetworkLoss;
import dev.homeostat.simulator.fault.NetworkPartition;
import dev.homeostat.simulator.fault.PodKill;
import dev.homeostat.simulator.fault.PodSelector;
import dev.homeostat.simulator.fault.SelectionMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Each network/HTTP/IO/time/DNS fault moves the metric it should, and the injection check says so.
 * One service of 3 pods at 60 rps (20 ms, concurrency 8); the fault hits every pod from 4m to 8m;
 * "before" is read at 3m, "during" at 7m (the 1-minute rates then cover the fault only).
 */
class TrafficEffectsTest {
    private static final Duration AT = Duration.ofMinutes(4), FOR = Duration.ofMinutes(4);
    private static final long BEFORE = 180_000, DURING = 420_000;
    private static final SelectionMode ALL = SelectionMode.all();

    private static Fixtures.Run runWith(Fault fault) {
        return Fixtures.runKeepingP99(cluster(1, Duration.ofMinutes(10), List.of(fault)), 7, "shop", "svc0");
    }

    private static double errors(Fixtures.Run r, long t) { return r.valueAt(SERVICE_ERROR_RATIO, "service", "svc0", t); }

    /** The model's p99 over the minute to t: these tests check the model, not the histogram the p99 rule reads it through. */
    private static double p99(Fixtures.Run r, long t) { return r.exactP99(t); }

    private static FaultEffect check(Fixtures.Run r) {
        assertThat(r.of(FaultEffect.class)).hasSize(1);
        return r.of(FaultEffect.class).getFirst();
    }

    @Test
    void networkDelay_adds200msToP99_andTheCheckSeesLatency() {
        var r = runWith(new NetworkDelay("delay", AT, FOR, app("svc0"), ALL, Duration.ofMillis(200), Duration.ZERO, 0));
        assertThat(p99(r, DURING) - p99(r, BEFORE)).isCloseTo(0.2, within(0.02));
        assertThat(errors(r, DURING)).isZero();
        assertThat(check(r).observed()).isTrue();
        assertThat(check(r).detail()).contains("mean latency");
        assertThat(check(r).timeMillis()).isEqualTo(480_000);
    }

    @Test
    void networkDelayJitter_raisesTheTail_deterministicallyForOneSeed() {
        Fault f = new NetworkDelay("jitter", AT, FOR, app("svc0"), ALL, Duration.ofMillis(100), Duration.ofMillis(80), 25);
        var a = runWith(f);
        var b = runWith(f);
        assertThat(a.events()).isEqualTo(b.events());
        assertThat(p99(a, DURING)).isEqualTo(p99(b, DURING)).isGreaterThan(p99(a, BEFORE) + 0.1);
    }

    @Test
    void networkLoss_timesOutThatShareOfRequests() {
        var r = runWith(new NetworkLoss("loss", AT, FOR, app("svc0"), ALL, 40));
        assertThat(errors(r, BEFORE)).isZero();
        assertThat(errors(r, DURING)).isCloseTo(0.4, within(0.02));
        assertThat(r.valueAt("http_requests_total", "code", "504", DURING)).isPositive();
        assertThat(check(r).detail()).contains("errors 0.0% -> 40");
    }

    @Test
    void networkCorrupt_failsThatShareWith500() {
        var r = runWith(new NetworkCorrupt("corrupt", AT, FOR, app("svc0"), ALL, 25));
        assertThat(errors(r, DURING)).isCloseTo(0.25, within(0.02));
        assertThat(r.valueAt("http_requests_total", "code", "500", DURING)).isPositive();
        assertThat(check(r).observed()).isTrue();
    }

    @Test
    void networkDuplicate_doublesTheServersWork_withoutErrors() {
        var r = runWith(new NetworkDuplicate("dup", AT, FOR, app("svc0"), ALL, 100));
        double cpuBefore = r.valueAt(POD_CPU_RATE, "namespace", "shop", BEFORE);
        double cpuDuring = r.valueAt(POD_CPU_RATE, "namespace", "shop", DURING);
        // busy cores: 20 rps × 20 ms / 8 × 0.25 cores ≈ 0.0125 on top of 0.002 idle
        assertThat(cpuDuring - cpuBefore).isCloseTo(0.0125, within(0.003));
        assertThat(errors(r, DURING)).isZero();
    }

    @Test
    void partitionWithoutTarget_isABlackHole_podsStayReady() {
        var r = runWith(new NetworkPartition("cut", AT, FOR, app("svc0"), SelectionMode.one(), null));
        assertThat(errors(r, DURING)).isCloseTo(1 / 3.0, within(0.03));
        assertThat(r.series(POD_READY)).allSatisfy(s -> assertThat(s.values()).containsOnly(1.0));
        assertThat(p99(r, DURING)).isGreaterThan(10 * p99(r, BEFORE)); // timeouts weigh on the tail
        assertThat(check(r).observed()).isTrue();
    }

    @Test
    void partitionFromTargetPodsWithNoCallBetween_changesNothing_andTheCheckReportsANoOp() {
        var r = runWith(new NetworkPartition("cut", AT, FOR, app("svc0"), ALL,
                dev.homeostat.simulator.fault.Peers.pods(app("db"), ALL, dev.homeostat.simulator.fault.Direction.TO)));
        assertThat(errors(r, DURING)).isZero();
        assertThat(check(r).observed()).isFalse();
        assertThat(check(r).detail()).contains("no call in the call graph");
    }

    @Test
    void bandwidthBelowTheLoad_dropsTheExcess_andFillsTheQueue() {
        // 20 rps of 10 kB each need 200 kB/s; 100 kB/s carries half
        var r = runWith(new NetworkBandwidth("bw", AT, FOR, app("svc0"), ALL, 100_000, 50_000, 10_000));
        assertThat(errors(r, DURING)).isCloseTo(0.5, within(0.05));
        assertThat(p99(r, DURING)).isGreaterThan(0.6); // (limit + b) / rate = 0.6 s before the queue
    }

    @Test
    void bandwidthAboveTheLoad_onlyAddsQueueingDelay() {
        var r = runWith(new NetworkBandwidth("bw", AT, FOR, app("svc0"), ALL, 400_000, 1_000_000, 10_000));
        assertThat(errors(r, DURING)).isZero();
        assertThat(p99(r, DURING)).isGreaterThan(p99(r, BEFORE) + 0.04);
    }

    @Test
    void httpAbort_failsEveryRequestOfTheSelectedPod() {
        var r = runWith(new HttpFault("abort", AT, FOR, app("svc0"), SelectionMode.one(), HttpFault.HttpAction.ABORT, null, 0, "Request", 80, "/api/*", "GET"));
        assertThat(errors(r, DURING)).isCloseTo(1 / 3.0, within(0.03));
    }

    @Test
    void httpDelay_addsTheDelay() {
        var r = runWith(new HttpFault("slow", AT, FOR, app("svc0"), ALL, HttpFault.HttpAction.DELAY, Duration.ofMillis(300), 0, "Response", 80, null, null));
        assertThat(p99(r, DURING) - p99(r, BEFORE)).isCloseTo(0.3, within(0.02));
    }

    @Test
    void httpReplaceWith503_isAnError_butWith404_isANoOp() {
        var e503 = runWith(new HttpFault("r", AT, FOR, app("svc0"), ALL, HttpFault.HttpAction.REPLACE, null, 503, "Response", 80, null, null));
        assertThat(errors(e503, DURING)).isCloseTo(1.0, within(0.001));
        var e404 = runWith(new HttpFault("r", AT, FOR, app("svc0"), ALL, HttpFault.HttpAction.REPLACE, null, 404, "Response", 80, null, null));
        assertThat(errors(e404, DURING)).isZero();
        assertThat(check(e404).observed()).isFalse();
        assertThat(check(e404).detail()).contains("404");
    }

    @Test
    void ioLatency_delaysItsShareOfRequests_byTheWholeDelay() {
        var r = runWith(new IoLatency("io", AT, FOR, app("svc0"), ALL, Duration.ofMillis(100), 50, "/data"));
        // workers held 20 ms + 50 % × 100 ms = 70 ms on average, ρ = 20 × 0.07 / 8; the queue's exponential part keeps the
        // 20 ms share of that: m = 0.07 / (1 − ρ) × 20/70; half the requests 100 ms later: p99 = 0.1 + m × ln 50
        double m = 0.07 / (1 - 20 * 0.07 / 8) * 2 / 7;
        assertThat(p99(r, DURING)).isCloseTo(0.1 + m * Math.log(50), within(0.01));
        assertThat(check(r).detail()).contains("mean latency");
    }

    @Test
    void ioLatencyOnATenth_raisesTheTail_andTheCheckSeesTheWait() {
        var all = runWith(new IoLatency("io", AT, FOR, app("svc0"), ALL, Duration.ofMillis(100), 100, "/data"));
        var tenth = runWith(new IoLatency("io", AT, FOR, app("svc0"), ALL, Duration.ofMillis(100), 10, "/data"));
        // a tenth of the requests 100 ms later: the p99 moves to about 0.1 s + the queue, where the mean gains only 10 ms
        assertThat(p99(tenth, DURING)).isGreaterThan(1.4 * p99(tenth, BEFORE)).isGreaterThan(0.12);
        assertThat(p99(all, DURING)).isGreaterThan(p99(tenth, DURING));
        assertThat(check(tenth).observed()).isTrue();
        var small = runWith(new IoLatency("io", AT, FOR, app("svc0"), ALL, Duration.ofMillis(10), 10, "/data"));
        assertThat(check(small).observed()).isTrue();
        assertThat(check(small).detail()).contains("of requests waited 10.0 ms on file IO");
    }

    @Test
    void ioFault_failsItsShareOfRequests() {
        var r = runWith(new IoError("eio", AT, FOR, app("svc0"), ALL, 5, 30, "/data"));
        assertThat(errors(r, DURING)).isCloseTo(0.3, within(0.02));
    }

    @Test
    void clockSkewBeyondTheTolerance_failsRequests_withinIt_isANoOp() {
        var far = runWith(new ClockSkew("skew", AT, FOR, app("svc0"), ALL, Duration.ofHours(-1), Duration.ofMinutes(5)));
        assertThat(errors(far, DURING)).isCloseTo(1.0, within(0.001));
        var near = runWith(new ClockSkew("skew", AT, FOR, app("svc0"), ALL, Duration.ofSeconds(30), Duration.ofMinutes(5)));
        assertThat(errors(near, DURING)).isZero();
        assertThat(check(near).observed()).isFalse();
        assertThat(check(near).detail()).contains("within the tolerance");
        var monotonic = runWith(new ClockSkew("skew", AT, FOR, app("svc0"), ALL, Duration.ofHours(-1), Duration.ofMinutes(5), false));
        assertThat(errors(monotonic, DURING)).isZero();
        assertThat(check(monotonic).detail()).contains("of no realtime clock");
    }

    @Test
    void dnsError_failsAtOnce_dnsRandom_timesOut() {
        var error = runWith(new DnsFault("dns", AT, FOR, app("svc0"), SelectionMode.one(), DnsFault.DnsAction.ERROR, List.of()));
        assertThat(errors(error, DURING)).isCloseTo(1 / 3.0, within(0.03));
        assertThat(error.valueAt("http_requests_total", "code", "504", DURING)).isNaN();
        var random = runWith(new DnsFault("dns", AT, FOR, app("svc0"), SelectionMode.one(), DnsFault.DnsAction.RANDOM, List.of()));
        assertThat(random.valueAt("http_requests_total", "code", "504", DURING)).isPositive();
    }

    @Test
    void aFiringRightAfterTheLastOnTheSamePods_isMeasuredAgainstTheBaselineBeforeBoth() {
        // a Schedule's firings back to back (Forbid): the second's last minute still holds the first's delay
        var first = new NetworkDelay("sched-1", AT, Duration.ofMinutes(1), app("svc0"), ALL, Duration.ofMillis(200), Duration.ZERO, 0);
        var second = new NetworkDelay("sched-2", AT.plusMinutes(1), Duration.ofMinutes(1), app("svc0"), ALL, Duration.ofMillis(200), Duration.ZERO, 0);
        var r = run(cluster(1, Duration.ofMinutes(10), List.of(first, second)), 7);
        assertThat(r.of(FaultEffect.class)).extracting(FaultEffect::observed).containsExactly(true, true);
        assertThat(r.of(FaultEffect.class).get(1).detail()).contains("mean latency");
    }

    @Test
    void faultEnd_removesTheEffect() {
        var r = run(cluster(1, Duration.ofMinutes(12), List.of(new NetworkCorrupt("c", AT, FOR, app("svc0"), ALL, 50))), 7);
        assertThat(errors(r, Duration.ofMinutes(10).toMillis())).isZero();
    }

    @Test
    void injectionCheck_reportsAFaultThatMatchedNoPod_asNotObserved() {
        var r = runWith(new NetworkLoss("loss", AT, FOR, app("nothing-here"), ALL, 50));
        assertThat(check(r).observed()).isFalse();
        assertThat(check(r).detail()).isEqualTo("no pod matched the selector");
    }

    @Test
    void injectionCheck_ofInstantAndResourceFaults() {
        var kill = runWith(new PodKill("kill", AT, app("svc0"), SelectionMode.one()));
        assertThat(check(kill).observed()).isTrue();
        assertThat(check(kill).timeMillis()).isEqualTo(AT.toMillis());
        var cpu = runWith(new CpuStress("cpu", AT, FOR, app("svc0"), ALL, 1, 50));
        assertThat(check(cpu).observed()).isTrue();
        assertThat(check(cpu).detail()).contains("cpu");
    }

    @Test
    void injectionCheck_ofAWindowOutlivingTheRun_runsAtTheEnd() {
        var r = runWith(new NetworkCorrupt("c", AT, Duration.ofHours(1), app("svc0"), ALL, 50));
        assertThat(check(r).timeMillis()).isEqualTo(600_000);
        assertThat(check(r).observed()).isTrue();
    }

    @Test
    void expressionAndFieldSelectors_narrowTheTargets() {
        var notIn = new PodSelector(Set.of("shop"), Map.of(), Set.of(),
                List.of(new LabelRequirement("app", LabelRequirement.Operator.NOT_IN, List.of("svc0"))), Map.of(), Set.of(), Map.of());
        var none = runWith(new NetworkLoss("loss", AT, FOR, notIn, ALL, 50));
        assertThat(none.of(dev.homeostat.simulator.events.SimEvent.FaultStarted.class).getFirst().pods()).isEmpty();

        var in = new PodSelector(Set.of("shop"), Map.of(), Set.of(),
                List.of(new LabelRequirement("app", LabelRequirement.Operator.IN, List.of("svc0", "other"))),
                Map.of("status.phase", Set.of("Running"), "spec.nodeName", Set.of("node-0")), Set.of("app"), Map.of());
        var some = runWith(new NetworkLoss("loss", AT, FOR, in, ALL, 50));
        var pods = some.of(dev.homeostat.simulator.events.SimEvent.FaultStarted.class).getFirst().pods();
        assertThat(pods).isNotEmpty().allSatisfy(p -> assertThat(some.sim().pods().stream()
                .filter(v -> (v.namespace() + "/" + v.name()).equals(p)).findFirst().orElseThrow().node()).isEqualTo("node-0"));

        var wrongContainer = new PodSelector(Set.of("shop"), Map.of("app", "svc0"), Set.of(), List.of(), Map.of(), Set.of("sidecar"), Map.of());
        var noContainer = runWith(new NetworkLoss("loss", AT, FOR, wrongContainer, ALL, 50));
        assertThat(noContainer.of(dev.homeostat.simulator.events.SimEvent.FaultStarted.class).getFirst().tookEffect()).isFalse();
    }
}
