package dev.homeostat.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homeostat.simulator.change.Change;
import dev.homeostat.simulator.change.DeploymentChange;
import dev.homeostat.simulator.events.SimEvent;
import dev.homeostat.simulator.spec.ClusterSpec;
import dev.homeostat.simulator.spec.ContainerSpec;
import dev.homeostat.simulator.spec.DeploymentSpec;
import dev.homeostat.simulator.spec.PdbSpec;
import dev.homeostat.simulator.spec.ServiceSpec;
import dev.homeostat.simulator.spec.SimulationSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Routine changes (the scenario's {@code changes:}) applied through the controllers, each announced once. */
class ChangesTest {
    private static final long MIN = 60_000;

    private static SimulationSpec shop(List<Change> changes) {
        var web = new DeploymentSpec("web", "shop", 3, null, ContainerSpec.defaults());
        var svc = new ServiceSpec("web", "shop", "web", 60, null);
        var pdb = new PdbSpec("web-pdb", "shop", Map.of("app", "web"), 2, null);
        return new SimulationSpec(new ClusterSpec(Fixtures.nodes(3), List.of(web), List.of(svc), List.of(pdb)), Duration.ofMinutes(15), null,
                List.of(), null, null, changes);
    }

    @Test
    void rollout_isANewRevision_thatReplacesEveryPod_andARollbackGoesBackToThePrevious() {
        var r = Fixtures.run(shop(List.of(new DeploymentChange.Rollout(null, Duration.ofMinutes(2), "shop", "web"))), 1);

        assertThat(r.of(SimEvent.ChangeApplied.class)).singleElement().satisfies(c -> {
            assertThat(c.timeMillis()).isEqualTo(2 * MIN);
            assertThat(c.change()).isEqualTo("rollout-web-2m");
            assertThat(c.kind()).isEqualTo("rollout");
            assertThat(c.targets()).containsExactly("deployment/shop/web");
            assertThat(c.services()).containsExactly("shop/web");
        });
        assertThat(r.of(SimEvent.RolloutStarted.class)).singleElement()
                .satisfies(s -> assertThat(s.cause()).isEqualTo("change rollout-web-2m"));
        assertThat(r.of(SimEvent.RolloutCompleted.class)).singleElement().satisfies(c -> assertThat(c.revision()).isEqualTo(2));
        var web = r.sim().deployments().getFirst();
        assertThat(web.revision()).isEqualTo(2);
        assertThat(web.updatedReplicas()).isEqualTo(3);
        assertThat(r.sim().pods()).hasSize(3).allMatch(p -> p.ready() && p.startedAtMillis() > 2 * MIN);
        // a routine rollout behaves as the old revision: the SLO never breaks
        assertThat(r.of(SimEvent.SloViolated.class)).isEmpty();
        assertThat(r.sim().rollback("shop", "web", "test")).isTrue();
    }

    @Test
    void configChange_isARollingRestartIntoANewRevision() {
        var r = Fixtures.run(shop(List.of(new DeploymentChange.ConfigChange("cfg-7", Duration.ofMinutes(3), "shop", "web"))), 1);

        assertThat(r.of(SimEvent.ChangeApplied.class)).singleElement().satisfies(c -> assertThat(c.kind()).isEqualTo("config-change"));
        assertThat(r.of(SimEvent.RolloutStarted.class)).singleElement().satisfies(s -> assertThat(s.cause()).isEqualTo("change cfg-7"));
        assertThat(r.sim().deployments().getFirst().revision()).isEqualTo(2);
    }

    @Test
    void scale_setsTheReplicas() {
        var r = Fixtures.run(shop(List.of(new DeploymentChange.Scale(null, Duration.ofMinutes(1), "shop", "web", 5))), 1);

        assertThat(r.of(SimEvent.ChangeApplied.class)).singleElement().satisfies(c -> assertThat(c.change()).isEqualTo("scale-web-1m"));
        assertThat(r.sim().deployments().getFirst().replicas()).isEqualTo(5);
        assertThat(r.sim().pods()).hasSize(5).allMatch(p -> p.ready());
        assertThat(r.of(SimEvent.PodCreated.class)).filteredOn(c -> c.timeMillis() == MIN + ReplicaSetController.CONTROLLER_DELAY_MS).hasSize(2);
    }

    @Test
    void drain_evictsAsTheBudgetAllows_andUncordonsAfterItsDuration() {
        var drain = new Change.Drain(null, Duration.ofMinutes(2), "node-0", Duration.ofMinutes(5));
        var r = Fixtures.run(shop(List.of(drain)), 1);

        assertThat(r.of(SimEvent.ChangeApplied.class)).singleElement().satisfies(c -> {
            assertThat(c.change()).isEqualTo("drain-node-0-2m");
            assertThat(c.targets()).containsExactly("node/node-0");
            assertThat(c.services()).containsExactly("shop/web");
        });
        assertThat(r.of(SimEvent.NodeCordoned.class)).singleElement().satisfies(c -> assertThat(c.timeMillis()).isEqualTo(2 * MIN));
        assertThat(r.of(SimEvent.PodDeleted.class)).isNotEmpty().allMatch(d -> d.reason().equals("Eviction"));
        assertThat(r.of(SimEvent.NodeUncordoned.class)).singleElement().satisfies(u -> assertThat(u.timeMillis()).isEqualTo(7 * MIN));
        assertThat(r.of(SimEvent.PodCreated.class)).filteredOn(c -> c.timeMillis() > 2 * MIN && c.timeMillis() < 7 * MIN)
                .isNotEmpty().allMatch(c -> !c.node().equals("node-0"));
        assertThat(r.sim().nodes()).allMatch(n -> !n.unschedulable());
        assertThat(r.sim().pods()).hasSize(3).allMatch(p -> p.ready());
    }

    @Test
    void aChangeOnATargetThatDoesNotExist_isRefusedBeforeTheRun() {
        assertThatThrownBy(() -> new Simulation(shop(List.of(new DeploymentChange.Scale("s", Duration.ZERO, "shop", "nope", 2))), 1, e -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("changes[0].target.deployment: no deployment 'nope'");
        assertThatThrownBy(() -> new Simulation(shop(List.of(new Change.Drain("d", Duration.ZERO, "node-9", Duration.ofMinutes(1)))), 1, e -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("changes[0].target.node: no node 'node-9'");
    }

    @Test
    void names_defaultToKindTargetAndTime_andMustBeUnique() {
        assertThat(new DeploymentChange.Rollout(null, Duration.ofMinutes(30), null, "checkout"))
                .satisfies(c -> assertThat(c.name()).isEqualTo("rollout-checkout-30m"))
                .satisfies(c -> assertThat(c.namespace()).isEqualTo("default"));
        var twice = List.<Change>of(new DeploymentChange.Rollout(null, Duration.ofMinutes(1), "shop", "web"),
                new DeploymentChange.ConfigChange("rollout-web-1m", Duration.ofMinutes(2), "shop", "web"));
        assertThatThrownBy(() -> shop(twice)).hasMessageStartingWith("changes[1].name: duplicate change 'rollout-web-1m'");
    }
}
