package dev.homeostat.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.homeostat.simulator.events.SimEvent.FaultEffect;
import dev.homeostat.simulator.fault.Direction;
import dev.homeostat.simulator.fault.DnsFault;
import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.NetworkDelay;
import dev.homeostat.simulator.fault.NetworkLoss;
import dev.homeostat.simulator.fault.NetworkPartition;
import dev.homeostat.simulator.fault.Peers;
import dev.homeostat.simulator.fault.PodSelector;
import dev.homeostat.simulator.fault.SelectionMode;
import dev.homeostat.simulator.spec.CallSpec;
import dev.homeostat.simulator.spec.ClusterSpec;
import dev.homeostat.simulator.spec.ContainerSpec;
import dev.homeostat.simulator.spec.DeploymentSpec;
import dev.homeostat.simulator.spec.ExternalCall;
import dev.homeostat.simulator.spec.ServiceSpec;
import dev.homeostat.simulator.spec.SimulationSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Network faults with a target or external targets, and DNS faults with patterns, act on the calls of
 * the call graph only (README "Call faults"): frontend (60 rps, 3 pods) calls backend (3 pods) and the
 * external host payments.example.com (at 10.1.2.3 too) once per request; faults from 4m to 8m.
 */
class CallFaultsTest {
    private static final String ERRORS = "service:http_request_errors:ratio_rate1m";
    private static final Duration AT = Duration.ofMinutes(4), FOR = Duration.ofMinutes(4);
    private static final long BEFORE = 180_000, DURING = 420_000;
    private static final SelectionMode ALL = SelectionMode.all(), ONE = SelectionMode.one();

    private static PodSelector app(String name) { return new PodSelector(Set.of("shop"), Map.of("app", name), Set.of()); }

    private static Fixtures.Run run(Fault... faults) {
        var container = new ContainerSpec(null, null, null, null, null, null, null, null, null, 100);
        var backend = new ContainerSpec(null, null, null, null, null, null, null, null, Duration.ofMillis(20), null);
        var deps = List.of(new DeploymentSpec("frontend", "shop", 3, null, container), new DeploymentSpec("backend", "shop", 3, null, backend),
                new DeploymentSpec("batch", "shop", 1, null, backend));
        var svcs = List.of(new ServiceSpec("frontend", "shop", null, 60, null, null, List.of(CallSpec.to("backend")),
                        List.of(ExternalCall.to("payments.example.com"), new ExternalCall("10.1.2.3", 1.0, Duration.ofMillis(5), null, null, null))),
                new ServiceSpec("backend", "shop", null, 0, null), new ServiceSpec("batch", "shop", null, 10, null));
        return Fixtures.runKeepingP99(new SimulationSpec(new ClusterSpec(Fixtures.nodes(3), deps, svcs), Duration.ofMinutes(10), null, List.of(faults)), 3,
                "shop", "frontend");
    }

    private static double errors(Fixtures.Run r, String service, long t) { return r.valueAt(ERRORS, "service", service, t); }

    private static FaultEffect check(Fixtures.Run r) { return r.of(FaultEffect.class).getFirst(); }

    @Test
    void partitionToTheTarget_failsTheCallsBetween_onlyThem() {
        var r = run(new NetworkPartition("cut", AT, FOR, app("frontend"), ALL, Peers.pods(app("backend"), ALL, Direction.TO)));
        assertThat(errors(r, "frontend", BEFORE)).isZero();
        assertThat(errors(r, "frontend", DURING)).isCloseTo(1, within(0.01));
        assertThat(errors(r, "batch", DURING)).isZero();
        assertThat(check(r).observed()).isTrue();
    }

    @Test
    void partition_cutsTheExchangeWhicheverSideIsSelected_andBySharesOfPods() {
        var reverse = run(new NetworkPartition("cut", AT, FOR, app("backend"), ALL, Peers.pods(app("frontend"), ALL, Direction.FROM)));
        assertThat(errors(reverse, "frontend", DURING)).isCloseTo(1, within(0.01));
        var onePod = run(new NetworkPartition("cut", AT, FOR, app("frontend"), ONE, Peers.pods(app("backend"), ALL, Direction.BOTH)));
        assertThat(errors(onePod, "frontend", DURING)).isCloseTo(1 / 3.0, within(0.05));
    }

    @Test
    void partitionToAServiceNotCalled_hasNoEffect_andTheCheckSaysWhy() {
        var r = run(new NetworkPartition("cut", AT, FOR, app("frontend"), ALL, Peers.pods(app("batch"), ALL, Direction.BOTH)));
        assertThat(errors(r, "frontend", DURING)).isZero();
        assertThat(check(r).observed()).isFalse();
        assertThat(check(r).detail()).contains("no call in the call graph");
    }

    @Test
    void delayOnTheEdge_addsOncePerCrossing() {
        // the model's p99 (the p99 rule reads it through the histogram's buckets)
        double base = run().exactP99(DURING);
        double to = run(new NetworkDelay("d", AT, FOR, app("frontend"), ALL, Duration.ofMillis(200), null, 0,
                Peers.pods(app("backend"), ALL, Direction.TO))).exactP99(DURING);
        double both = run(new NetworkDelay("d", AT, FOR, app("frontend"), ALL, Duration.ofMillis(200), null, 0,
                Peers.pods(app("backend"), ALL, Direction.BOTH))).exactP99(DURING);
        // the wait holds a worker and enters the service time, whose p99 is ln(100) of its mean
        assertThat(to - base).isCloseTo(0.2 * TrafficModel.P99_OF_EXPONENTIAL, within(0.15));
        assertThat((both - base) / (to - base)).isCloseTo(2, within(0.2));
    }

    @Test
    void externalTargets_hitTheCallsToMatchingHosts_byNameOrCidr() {
        var byName = run(new NetworkLoss("l", AT, FOR, app("frontend"), ALL, 100,
                new Peers(null, null, Direction.TO, List.of("payments.example.com"))));
        assertThat(errors(byName, "frontend", DURING)).isCloseTo(1, within(0.01));
        var byCidr = run(new NetworkLoss("l", AT, FOR, app("frontend"), ALL, 50, new Peers(null, null, Direction.TO, List.of("10.0.0.0/8"))));
        assertThat(errors(byCidr, "frontend", DURING)).isCloseTo(0.5, within(0.05));
        var other = run(new NetworkLoss("l", AT, FOR, app("frontend"), ALL, 100, new Peers(null, null, Direction.TO, List.of("192.168.0.1"))));
        assertThat(errors(other, "frontend", DURING)).isZero();
        assertThat(check(other).observed()).isFalse();
    }

    @Test
    void dnsPatterns_failOnlyTheLookupsTheyMatch() {
        var payments = run(new DnsFault("dns", AT, FOR, app("frontend"), ALL, DnsFault.DnsAction.ERROR, List.of("payments.*")));
        assertThat(errors(payments, "frontend", DURING)).isCloseTo(1, within(0.01));
        assertThat(payments.valueAt("http_requests_total", "code", "504", DURING)).isNaN();
        var inCluster = run(new DnsFault("dns", AT, FOR, app("frontend"), ALL, DnsFault.DnsAction.RANDOM, List.of("backend.shop.svc.cluster.loca?")));
        assertThat(errors(inCluster, "frontend", DURING)).isCloseTo(1, within(0.01));
        var nothing = run(new DnsFault("dns", AT, FOR, app("frontend"), ALL, DnsFault.DnsAction.ERROR, List.of("google.com", "chaos-mesh.*", "github.?om")));
        assertThat(errors(nothing, "frontend", DURING)).isZero();
        assertThat(check(nothing).observed()).isFalse();
        assertThat(check(nothing).detail()).contains("no call in the call graph");
    }
}
