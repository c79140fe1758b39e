package dev.homeostat.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.homeostat.simulator.fault.Direction;
import dev.homeostat.simulator.fault.NetworkPartition;
import dev.homeostat.simulator.fault.Peers;
import dev.homeostat.simulator.fault.PodSelector;
import dev.homeostat.simulator.fault.SelectionMode;
import dev.homeostat.simulator.spec.ClusterSpec;
import dev.homeostat.simulator.spec.ContainerSpec;
import dev.homeostat.simulator.spec.DeploymentSpec;
import dev.homeostat.simulator.spec.PeerSpec;
import dev.homeostat.simulator.spec.ServiceSpec;
import dev.homeostat.simulator.spec.SimulationSpec;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * A partition between two sets of members of one Service with peer calls (README "Peer calls"): a member keeps serving
 * exactly when the members it still reaches are at least the acknowledgements its mode needs, whatever the sets, the
 * direction and the group's size.
 */
class PeerPartitionPropertiesTest {
    private static final long DURING = 420_000;

    @Property(tries = 25)
    void partition_failsExactlyTheMembersThatReachFewerThanTheirModeNeeds(@ForAll @IntRange(min = 2, max = 5) int members,
                                                                         @ForAll @IntRange(min = 1, max = 31) int selectedMask,
                                                                         @ForAll @IntRange(min = 1, max = 31) int targetMask,
                                                                         @ForAll PeerSpec.Mode mode, @ForAll Direction direction) {
        Set<Integer> a = subset(selectedMask, members), b = subset(targetMask, members);
        var container = new ContainerSpec(null, null, null, null, null, null, null, null, null, 100);
        var store = new DeploymentSpec("store", "shop", members, null, container, null, null, DeploymentSpec.STATEFUL_SET);
        var svc = new ServiceSpec("store", "shop", null, 20.0 * members, null, null, null, null, PeerSpec.of(mode));
        var cut = new NetworkPartition("cut", Duration.ofMinutes(4), Duration.ofMinutes(4), pods(a), SelectionMode.all(),
                Peers.pods(pods(b), SelectionMode.all(), direction));
        var r = Fixtures.run(new SimulationSpec(new ClusterSpec(Fixtures.nodes(3), List.of(store), List.of(svc)), Duration.ofMinutes(10), null,
                List.of(cut)), 5);
        int needed = mode.acksNeeded(members);
        for (int p = 0; p < members; p++) {
            int reached = 0;
            for (int q = 0; q < members; q++)
                if (q != p && !(a.contains(p) && b.contains(q) || b.contains(p) && a.contains(q))) reached++;
            double errors = r.valueAt("pod:http_request_errors:ratio_rate1m", "pod", "store-" + p, DURING);
            assertThat(Double.isNaN(errors) ? 0 : errors).as("store-%d of %d (%s), reaches %d, needs %d; cut %s from %s", p, members, mode, reached,
                    needed, a, b).isCloseTo(reached >= needed ? 0 : 1, within(0.01));
        }
    }

    private static Set<Integer> subset(int mask, int members) {
        Set<Integer> out = new HashSet<>();
        for (int i = 0; i < members; i++) if ((mask & (1 << i)) != 0) out.add(i);
        if (out.isEmpty()) out.add(mask % members);
        return out;
    }

    private static PodSelector pods(Set<Integer> ordinals) {
        return new PodSelector(Set.of("shop"), Map.of(), Set.copyOf(ordinals.stream().map(i -> "shop/store-" + i).toList()));
    }
}
