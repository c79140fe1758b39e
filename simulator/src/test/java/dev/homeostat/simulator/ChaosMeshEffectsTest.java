package dev.homeostat.simulator;

import static dev.homeostat.simulator.Fixtures.app;
import static dev.homeostat.simulator.Fixtures.cluster;
import static dev.homeostat.simulator.Fixtures.run;
import static dev.homeostat.simulator.metrics.MetricNames.MEMORY_WORKING_SET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.homeostat.simulator.events.SimEvent.ContainerRestarted;
import dev.homeostat.simulator.events.SimEvent.FaultEffect;
import dev.homeostat.simulator.events.SimEvent.FaultStarted;
import dev.homeostat.simulator.fault.IoStress;
import dev.homeostat.simulator.fault.JvmFault;
import dev.homeostat.simulator.fault.JvmFault.JvmEffect;
import dev.homeostat.simulator.fault.MemoryStress;
import dev.homeostat.simulator.fault.SelectionMode;
import dev.homeostat.simulator.spec.ContainerSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The effects of JVMChaos memType, stress-ng's memory stressors that grow until an allocation fails, and disk workers per processor. */
class ChaosMeshEffectsTest {
    private static final Duration MIN = Duration.ofMinutes(1), FIVE = Duration.ofMinutes(5);
    private static final ContainerSpec C = ContainerSpec.defaults();

    private static JvmFault jvm(JvmEffect effect) {
        return new JvmFault("jvm", MIN, FIVE, app("svc0"), SelectionMode.one(), "stress", effect, null, 0, "", null);
    }

    private static String target(Fixtures.Run r) { return r.of(FaultStarted.class).getFirst().pods().getFirst().split("/")[1]; }

    @Test
    void jvmHeap_holdsTheContainerAtThreeQuartersOfItsLimit_andFailsItsRequests_withoutAnOomKill() {
        var r = run(cluster(1, Duration.ofMinutes(8), List.of(jvm(JvmEffect.HEAP))), 3);
        assertThat(r.of(ContainerRestarted.class)).isEmpty();
        double during = r.valueAt(MEMORY_WORKING_SET, "pod", target(r), 180_000);
        assertThat(during / C.memoryLimit()).isCloseTo(JvmFault.HEAP_SHARE_OF_LIMIT, within(0.05));
        assertThat(r.of(FaultEffect.class)).singleElement().satisfies(e -> {
            assertThat(e.observed()).isTrue();
            assertThat(e.detail()).contains("error");
        });
        double after = r.valueAt(MEMORY_WORKING_SET, "pod", target(r), 450_000);
        assertThat(after).as("the heap is freed at the end").isLessThan(during);
    }

    @Test
    void jvmStack_oomKillsTheContainerOnce() {
        var r = run(cluster(1, Duration.ofMinutes(8), List.of(jvm(JvmEffect.STACK))), 3);
        assertThat(r.of(ContainerRestarted.class)).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo("OOMKilled");
            assertThat(e.timeMillis()).isEqualTo(60_000L);
        });
        assertThat(r.of(FaultEffect.class)).singleElement().satisfies(e -> assertThat(e.observed()).isTrue());
    }

    @Test
    void aStressorGrowingUntilItsAllocationFails_holdsHalfTheHeadroom_andTheAppLives() {
        var stress = new MemoryStress("bigheap", MIN, FIVE, app("svc0"), SelectionMode.one(), 1, 0, null, null, 0, true);
        var r = run(cluster(1, Duration.ofMinutes(8), List.of(stress)), 3);
        assertThat(r.of(ContainerRestarted.class)).isEmpty();
        double before = r.valueAt(MEMORY_WORKING_SET, "pod", target(r), 45_000), during = r.valueAt(MEMORY_WORKING_SET, "pod", target(r), 180_000);
        assertThat(during - before).isCloseTo((C.memoryLimit() - before) / 2, within(0.1 * C.memoryLimit()));
        assertThat(r.of(FaultEffect.class)).singleElement().satisfies(e -> assertThat(e.observed()).isTrue());
    }

    @Test
    void diskWorkersPerProcessor_slowEveryRequest_byTheNodesProcessors() {
        var io = new IoStress("disk", MIN, FIVE, app("svc0"), SelectionMode.all(), 0, 0, true, true);
        assertThat(io.addedDelay(4)).isEqualTo(Duration.ofMillis(4 * 2 + 4));
        var r = run(cluster(1, Duration.ofMinutes(8), List.of(io)), 3);
        assertThat(r.of(FaultEffect.class)).singleElement().satisfies(e -> assertThat(e.observed()).isTrue());
    }
}
