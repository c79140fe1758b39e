package dev.homeostat.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.homeostat.simulator.events.SimEvent.FaultEffect;
import dev.homeostat.simulator.fault.Direction;
import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.NetworkDelay;
import dev.homeostat.simulator.fault.NetworkLoss;
import dev.homeostat.simulator.fault.NetworkPartition;
import dev.homeostat.simulator.fault.Peers;
import dev.homeostat.simulator.fault.PodFailure;
import dev.homeostat.simulator.fault.PodSelector;
import dev.homeostat.simulator.fault.SelectionMode;
import dev.homeostat.simulator.spec.ClusterSpec;
import dev.homeostat.simulator.spec.ContainerSpec;
import dev.homeostat.simulator.spec.DeploymentSpec;
import dev.homeostat.simulator.spec.PeerSpec;
import dev.homeostat.simulator.spec.ServiceSpec;
import dev.homeostat.simulator.spec.SimulationSpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Pods of one Service calling each other (README "Peer calls"): a StatefulSet {@code store} of three members (60 rps)
 * (100 workers each) whose every request makes one round of acknowledgements, with network faults between named members from 4m to 8m.
 */
class PeerCallsTest {
    private static final String POD_ERRORS = "pod:http_request_errors:ratio_rate1m", POD_MEAN = "pod:http_request_duration_seconds:mean_rate1m";
    private static final Duration AT = Duration.ofMinutes(4), FOR = Duration.ofMinutes(4);
    private static final long BEFORE = 180_000, DURING = 420_000;
    private static final SelectionMode ALL = SelectionMode.all();

    private static PodSelector pods(String... names) {
        return new PodSelector(Set.of("shop"), Map.of(), Set.copyOf(Arrays.stream(names).map(n -> "shop/" + n).toList()));
    }

    private static Fixtures.Run run(PeerSpec.Mode mode, Fault... faults) {
        // many workers: waits hardly queue, so a delay shows as itself
        var container = new ContainerSpec(null, null, null, null, null, null, null, null, null, 100);
        var store = new DeploymentSpec("store", "shop", 3, null, container, null, null, DeploymentSpec.STATEFUL_SET);
        var svc = new ServiceSpec("store", "shop", null, 60, null, null, null, null, mode == null ? null : PeerSpec.of(mode));
        return Fixtures.run(new SimulationSpec(new ClusterSpec(Fixtures.nodes(3), List.of(store), List.of(svc)), Duration.ofMinutes(10), null,
                List.of(faults)), 3);
    }

    private static NetworkPartition cut(Direction direction, List<String> from, String... to) {
        return new NetworkPartition("cut", AT, FOR, pods(from.toArray(String[]::new)), ALL, Peers.pods(pods(to), ALL, direction));
    }

    private static double errors(Fixtures.Run r, String pod, long t) {
        double v = r.valueAt(POD_ERRORS, "pod", pod, t);
        return Double.isNaN(v) ? 0 : v;
    }

    private static FaultEffect check(Fixtures.Run r) { return r.of(FaultEffect.class).getFirst(); }

    @Test
    void quorum_toleratesAMinorityPartition() {
        var r = run(PeerSpec.Mode.QUORUM, cut(Direction.BOTH, List.of("store-0"), "store-1"));
        for (String pod : List.of("store-0", "store-1", "store-2")) assertThat(errors(r, pod, DURING)).as(pod).isZero();
        assertThat(r.valueAt(POD_MEAN, "pod", "store-0", DURING)).isCloseTo(r.valueAt(POD_MEAN, "pod", "store-0", BEFORE), within(0.002));
        assertThat(check(r).observed()).as(check(r).detail()).isFalse();
    }

    @Test
    void quorum_failsTheMemberCutFromTheMajority_only() {
        var r = run(PeerSpec.Mode.QUORUM, cut(Direction.TO, List.of("store-0"), "store-1", "store-2"));
        assertThat(errors(r, "store-0", BEFORE)).isZero();
        assertThat(errors(r, "store-0", DURING)).isCloseTo(1, within(0.01));
        // store-1 and store-2 still acknowledge each other: a majority of three
        assertThat(errors(r, "store-1", DURING)).isZero();
        assertThat(errors(r, "store-2", DURING)).isZero();
        assertThat(check(r).observed()).isTrue();
        assertThat(check(r).detail()).startsWith("shop/store-0: errors");
        // the partition ends: the member is back in the quorum
        assertThat(errors(r, "store-0", 540_000)).isZero();
    }

    @Test
    void all_doesNotTolerateAMinorityPartition() {
        var r = run(PeerSpec.Mode.ALL, cut(Direction.BOTH, List.of("store-0"), "store-1"));
        assertThat(errors(r, "store-0", DURING)).isCloseTo(1, within(0.01));
        assertThat(errors(r, "store-1", DURING)).isCloseTo(1, within(0.01));
        // store-2's calls to both cross no cut
        assertThat(errors(r, "store-2", DURING)).isZero();
        assertThat(check(r).observed()).isTrue();
    }

    @Test
    void one_needsAnyOneMember() {
        var minority = run(PeerSpec.Mode.ONE, cut(Direction.BOTH, List.of("store-0"), "store-1"));
        assertThat(errors(minority, "store-0", DURING)).isZero();
        var alone = run(PeerSpec.Mode.ONE, cut(Direction.FROM, List.of("store-0"), "store-1", "store-2"));
        assertThat(errors(alone, "store-0", DURING)).isCloseTo(1, within(0.01));
        assertThat(errors(alone, "store-1", DURING)).isZero();
    }

    @Test
    void delay_addsOncePerCrossing_toTheCallsEitherWayBetweenTheTwoSets() {
        var delay = Duration.ofMillis(50);
        Fixtures.Run base = run(PeerSpec.Mode.ALL);
        Fixtures.Run to = run(PeerSpec.Mode.ALL, new NetworkDelay("d", AT, FOR, pods("store-0"), ALL, delay, null, 0, Peers.pods(pods("store-1"), ALL, Direction.TO)));
        Fixtures.Run from = run(PeerSpec.Mode.ALL, new NetworkDelay("d", AT, FOR, pods("store-0"), ALL, delay, null, 0, Peers.pods(pods("store-1"), ALL, Direction.FROM)));
        Fixtures.Run both = run(PeerSpec.Mode.ALL, new NetworkDelay("d", AT, FOR, pods("store-0"), ALL, delay, null, 0, Peers.pods(pods("store-1"), ALL, Direction.BOTH)));
        double b0 = base.valueAt(POD_MEAN, "pod", "store-0", DURING);
        double rise = to.valueAt(POD_MEAN, "pod", "store-0", DURING) - b0;
        // the round waits for the delayed acknowledgement, and the wait holds a worker (queueing adds a little)
        assertThat(rise).isBetween(0.05, 0.052);
        // store-1 waits as long for store-0's answers: the exchange crosses the link either way
        assertThat(to.valueAt(POD_MEAN, "pod", "store-1", DURING) - base.valueAt(POD_MEAN, "pod", "store-1", DURING)).isCloseTo(rise, within(0.005));
        assertThat(from.valueAt(POD_MEAN, "pod", "store-0", DURING) - b0).isCloseTo(rise, within(0.005));
        assertThat((both.valueAt(POD_MEAN, "pod", "store-0", DURING) - b0) / rise).isCloseTo(2, within(0.05));
        // store-2 calls neither across the link
        assertThat(to.valueAt(POD_MEAN, "pod", "store-2", DURING)).isCloseTo(base.valueAt(POD_MEAN, "pod", "store-2", DURING), within(0.002));
        assertThat(check(to).observed()).isTrue();
    }

    @Test
    void loss_failsRoundsInItsShare_andAQuorumRidesOverIt() {
        var all = run(PeerSpec.Mode.ALL, new NetworkLoss("l", AT, FOR, pods("store-0"), ALL, 50, Peers.pods(pods("store-1"), ALL, Direction.TO)));
        assertThat(errors(all, "store-0", DURING)).isCloseTo(0.5, within(0.05));
        assertThat(errors(all, "store-1", DURING)).isCloseTo(0.5, within(0.05));
        assertThat(errors(all, "store-2", DURING)).isZero();
        // both ways: an acknowledgement crosses twice, each crossing keeps half
        var both = run(PeerSpec.Mode.ALL, new NetworkLoss("l", AT, FOR, pods("store-0"), ALL, 50, Peers.pods(pods("store-1"), ALL, Direction.BOTH)));
        assertThat(errors(both, "store-0", DURING)).isCloseTo(0.75, within(0.05));
        var quorum = run(PeerSpec.Mode.QUORUM, new NetworkLoss("l", AT, FOR, pods("store-0"), ALL, 50, Peers.pods(pods("store-1"), ALL, Direction.TO)));
        assertThat(errors(quorum, "store-0", DURING)).isZero();
    }

    @Test
    void aDelayOnAMembersWholeNetwork_slowsItsAcknowledgements_soEveryWriteOfAnAllStore_andNoneOfAQuorumsPeers() {
        // NetworkChaos delay without target on store-2: netem holds every packet it sends, its acks to its peers too
        var slow = new NetworkDelay("slow", AT, FOR, pods("store-2"), ALL, Duration.ofMillis(150), Duration.ZERO, 0);
        var all = run(PeerSpec.Mode.ALL, slow);
        double before = all.valueAt(POD_MEAN, "pod", "store-0", BEFORE);
        assertThat(all.valueAt(POD_MEAN, "pod", "store-0", DURING) - before).as("store-0 waits for store-2's ack").isCloseTo(0.150, within(0.02));
        var quorum = run(PeerSpec.Mode.QUORUM, slow);
        assertThat(quorum.valueAt(POD_MEAN, "pod", "store-0", DURING)).as("store-1 answers store-0 first")
                .isCloseTo(quorum.valueAt(POD_MEAN, "pod", "store-0", BEFORE), within(0.002));
        // an HTTP delay holds only the requests store-2 serves, not its acks
        var http = new dev.homeostat.simulator.fault.HttpFault("http", AT, FOR, pods("store-2"), ALL,
                dev.homeostat.simulator.fault.HttpFault.HttpAction.DELAY, Duration.ofMillis(150), 0, null, 80, null, null);
        var allHttp = run(PeerSpec.Mode.ALL, http);
        assertThat(allHttp.valueAt(POD_MEAN, "pod", "store-0", DURING)).isCloseTo(allHttp.valueAt(POD_MEAN, "pod", "store-0", BEFORE), within(0.002));
    }

    @Test
    void aMemberThatStopsServing_refusesItsPeers_perTheMode() {
        var fail = new PodFailure("fail", AT, FOR, pods("store-2"), ALL);
        var all = run(PeerSpec.Mode.ALL, fail);
        assertThat(errors(all, "store-0", DURING)).isCloseTo(1, within(0.01));
        var quorum = run(PeerSpec.Mode.QUORUM, new PodFailure("fail", AT, FOR, pods("store-2"), ALL));
        assertThat(errors(quorum, "store-0", DURING)).isZero();
    }

    @Test
    void withoutPeers_aPartitionBetweenPodsOfOneService_hasNoEffect_andTheCheckSaysWhatToDeclare() {
        var r = run(null, cut(Direction.BOTH, List.of("store-0"), "store-1", "store-2"));
        assertThat(errors(r, "store-0", DURING)).isZero();
        assertThat(check(r).observed()).isFalse();
        assertThat(check(r).detail()).contains("no call in the call graph").contains("declares peers");
    }

    @Test
    void acksNeeded_quorumIsAMajorityOfAllMembers() {
        assertThat(PeerSpec.Mode.QUORUM.acksNeeded(1)).isZero();
        assertThat(PeerSpec.Mode.QUORUM.acksNeeded(2)).isEqualTo(1);
        assertThat(PeerSpec.Mode.QUORUM.acksNeeded(3)).isEqualTo(1);
        assertThat(PeerSpec.Mode.QUORUM.acksNeeded(5)).isEqualTo(2);
        assertThat(PeerSpec.Mode.ALL.acksNeeded(5)).isEqualTo(4);
        assertThat(PeerSpec.Mode.ONE.acksNeeded(5)).isEqualTo(1);
        assertThat(PeerSpec.Mode.ONE.acksNeeded(1)).isZero();
    }
}
