package dev.homeostat.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.simulator.spec.ContainerSpec;
import dev.homeostat.simulator.spec.DeploymentSpec;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The fewest desired replicas in the replicas-available rule's window: PromQL's min_over_time of spec.replicas. */
class ReplicasWindowTest {
    private static final long WINDOW = 120_000;

    @Example
    void twoScaleUpsInOneWindowKeepTheFirstValue() {
        var d = new DeploymentState(new DeploymentSpec("runner", "ci", 6, null, ContainerSpec.defaults()));
        d.scaleTo(7, 2_760_000);
        d.scaleTo(8, 2_775_000);
        assertThat(d.minReplicasSince(2_790_000, WINDOW)).isEqualTo(6);
        assertThat(d.minReplicasSince(2_880_000, WINDOW)).isEqualTo(7);
        assertThat(d.minReplicasSince(2_895_000, WINDOW)).isEqualTo(8);
    }

    /** Scales at increasing times (steps of 1–60 s) to 1–20 replicas, asked every 15 s: the brute-force minimum. */
    @Property(tries = 200)
    void matchesTheMinimumOverEveryValueInForceWithinTheWindow(
            @ForAll @Size(max = 30) List<@IntRange(min = 1, max = 20) Integer> sizes,
            @ForAll @Size(max = 30) List<@IntRange(min = 1, max = 60) Integer> gapsSeconds) {
        var d = new DeploymentState(new DeploymentSpec("api", "shop", 3, null, ContainerSpec.defaults()));
        var history = new ArrayList<long[]>(); // {from, replicas}: the value in force from that time on
        history.add(new long[] {Long.MIN_VALUE, 3});
        long t = 0;
        int n = Math.min(sizes.size(), gapsSeconds.size());
        long asked = 0;
        for (int i = 0; i < n; i++) {
            t += gapsSeconds.get(i) * 1000L;
            for (; asked <= t; asked += 15_000)
                assertThat(d.minReplicasSince(asked, WINDOW)).isEqualTo(expected(history, asked));
            d.scaleTo(sizes.get(i), t);
            history.add(new long[] {t, sizes.get(i)});
        }
        for (long end = t + 2 * WINDOW; asked <= end; asked += 15_000)
            assertThat(d.minReplicasSince(asked, WINDOW)).isEqualTo(expected(history, asked));
    }

    private static int expected(List<long[]> history, long t) {
        int min = Integer.MAX_VALUE;
        for (int i = 0; i < history.size(); i++) {
            long from = history.get(i)[0];
            long until = i + 1 < history.size() ? history.get(i + 1)[0] : Long.MAX_VALUE;
            if (from > t) break;
            if (until > t - WINDOW) min = Math.min(min, (int) history.get(i)[1]);
        }
        return min;
    }
}
