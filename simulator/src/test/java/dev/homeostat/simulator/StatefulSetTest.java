package dev.homeostat.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homeostat.simulator.cluster.PodView;
import dev.homeostat.simulator.events.SimEvent;
import dev.homeostat.simulator.fault.BadRollout;
import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.PodKill;
import dev.homeostat.simulator.fault.PodSelector;
import dev.homeostat.simulator.fault.SelectionMode;
import dev.homeostat.simulator.spec.ClusterSpec;
import dev.homeostat.simulator.spec.ContainerSpec;
import dev.homeostat.simulator.spec.DeploymentSpec;
import dev.homeostat.simulator.spec.RolloutSpec;
import dev.homeostat.simulator.spec.ServiceSpec;
import dev.homeostat.simulator.spec.SimulationSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A StatefulSet's pods: ordinal names, a replacement only once its predecessor is gone, scale-down from the top, in-place rollouts. */
class StatefulSetTest {
    private static final long MIN = 60_000;

    private static SimulationSpec spec(List<Fault> faults) {
        var db = new DeploymentSpec("db", "shop", 3, null, ContainerSpec.defaults(), null, null, DeploymentSpec.STATEFUL_SET);
        return new SimulationSpec(new ClusterSpec(Fixtures.nodes(3), List.of(db), List.of(new ServiceSpec("db", "shop", "db", 60, null)), List.of()),
                Duration.ofMinutes(20), null, faults);
    }

    private static List<String> names(Simulation sim) {
        return sim.pods().stream().map(PodView::name).sorted().toList();
    }

    /** Runs the spec; after every event no two pods share a name and none has more than three owned siblings. */
    private static List<SimEvent> run(SimulationSpec spec, java.util.function.Consumer<Simulation> setup) {
        List<SimEvent> events = new ArrayList<>();
        Simulation[] holder = new Simulation[1];
        var sim = new Simulation(spec, 3, e -> {
            events.add(e);
            if (holder[0] == null) return;
            List<String> names = names(holder[0]);
            assertThat(new HashSet<>(names)).as("pod names at %s: %s", e, names).hasSameSizeAs(names);
        });
        holder[0] = sim;
        setup.accept(sim);
        sim.run();
        return events;
    }

    @Test
    void podsAreNamedByOrdinal_andAKilledPodComesBackUnderItsNameAfterItIsGone() {
        var kill = new PodKill("kill-db-1", Duration.ofMinutes(2), new PodSelector(Set.of("shop"), java.util.Map.of(), Set.of("shop/db-1")), SelectionMode.all());
        List<SimEvent> events = run(spec(List.of(kill)), sim -> {
            sim.every(0, 20 * MIN, t -> assertThat(names(sim)).containsExactly("db-0", "db-1", "db-2"));
            sim.every(6 * MIN, 20 * MIN, t -> assertThat(sim.deletePod("shop", "db-2", "kubectl delete")).isTrue());
        });

        List<String> created = events.stream().filter(SimEvent.PodCreated.class::isInstance).map(e -> ((SimEvent.PodCreated) e).pod()).toList();
        // pod-kill (grace period 0) and a graceful delete: each pod comes back under its own name
        assertThat(created).containsExactly("shop/db-0", "shop/db-1", "shop/db-2", "shop/db-1", "shop/db-2");
        long deletedAt = events.stream().filter(e -> e instanceof SimEvent.PodDeleted d && d.pod().equals("shop/db-2"))
                .mapToLong(SimEvent::timeMillis).findFirst().orElseThrow();
        long recreatedAt = events.stream().filter(e -> e instanceof SimEvent.PodCreated c && c.pod().equals("shop/db-2") && c.timeMillis() > 0)
                .mapToLong(SimEvent::timeMillis).findFirst().orElseThrow();
        assertThat(recreatedAt - deletedAt).as("the replacement waits for the graceful termination, unlike a Deployment's")
                .isGreaterThan(ReplicaSetController.CONTROLLER_DELAY_MS);
    }

    @Test
    void scaleDownRemovesTheHighestOrdinal_andScaleUpAddsTheNextOne() {
        List<String> after = new ArrayList<>();
        run(spec(List.of()), sim -> {
            sim.every(MIN, 20 * MIN, t -> sim.scaleDeployment("shop", "db", 2));
            sim.every(4 * MIN, 20 * MIN, t -> after.addAll(names(sim)));
            sim.every(5 * MIN, 20 * MIN, t -> sim.scaleDeployment("shop", "db", 4));
            sim.every(8 * MIN, 20 * MIN, t -> after.addAll(names(sim)));
        });
        assertThat(after).containsExactly("db-0", "db-1", "db-0", "db-1", "db-2", "db-3");
    }

    @Test
    void aNewRevisionReplacesOnePodAtATimeInPlace() {
        var rollout = new BadRollout("slow-release", Duration.ofMinutes(2), Duration.ofMinutes(10), "shop", "db", Duration.ofMillis(50), 0, false);
        List<Integer> live = new ArrayList<>();
        var events = run(spec(List.of(rollout)), sim -> sim.every(2 * MIN, 1000, t -> live.add(sim.pods().size())));
        assertThat(live).as("never a surge pod").allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(3));
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(SimEvent.RolloutCompleted.class));
        assertThat(events.stream().filter(SimEvent.PodCreated.class::isInstance).map(e -> ((SimEvent.PodCreated) e).pod()).distinct())
                .containsExactlyInAnyOrder("shop/db-0", "shop/db-1", "shop/db-2");
    }

    @Test
    void aSurgeIsRefused_andTheKindIsChecked() {
        assertThatThrownBy(() -> new DeploymentSpec("db", null, 3, null, null, new RolloutSpec(1, null), null, DeploymentSpec.STATEFUL_SET))
                .hasMessageStartingWith("strategy.maxSurge: a StatefulSet replaces its pods in place");
        assertThatThrownBy(() -> new DeploymentSpec("db", null, 3, null, null, null, null, "DaemonSet"))
                .hasMessageStartingWith("kind: Deployment (the default) or StatefulSet");
        assertThat(new DeploymentSpec("db", null, 3, null, null, null, null, DeploymentSpec.STATEFUL_SET).strategy()).isEqualTo(new RolloutSpec(0, 1));
    }
}
