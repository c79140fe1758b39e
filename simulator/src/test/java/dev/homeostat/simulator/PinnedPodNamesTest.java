package dev.homeostat.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homeostat.simulator.cluster.PodView;
import dev.homeostat.simulator.fault.PodSelector;
import dev.homeostat.simulator.fault.PodKill;
import dev.homeostat.simulator.fault.SelectionMode;
import dev.homeostat.simulator.spec.ClusterSpec;
import dev.homeostat.simulator.spec.ContainerSpec;
import dev.homeostat.simulator.spec.DeploymentSpec;
import dev.homeostat.simulator.spec.ServiceSpec;
import dev.homeostat.simulator.spec.SimulationSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A Deployment's pinned pod names ({@code podNames}): its first pods carry them, a replacement gets a new name. */
class PinnedPodNamesTest {
    private static final String NAMED = "cart-7d4b9c8f6-x2x4q";

    private static DeploymentSpec cart(int replicas, List<String> names) {
        return new DeploymentSpec("cart", "shop", replicas, null, ContainerSpec.defaults(), null, null, null, null, names);
    }

    private static List<String> names(Simulation sim) {
        return sim.pods().stream().map(PodView::name).sorted().toList();
    }

    @Test
    void theFirstPodsCarryThePinnedNames_andTheKilledOnesReplacementDoesNot() {
        var byName = new PodSelector(Set.of("shop"), Map.of(), Set.of("shop/" + NAMED));
        var spec = new SimulationSpec(new ClusterSpec(Fixtures.nodes(2), List.of(cart(3, List.of(NAMED, "cart-debug"))),
                List.of(new ServiceSpec("cart", "shop", "cart", 30, null))), Duration.ofMinutes(5), null,
                List.of(new PodKill("kill", Duration.ofMinutes(2), byName, SelectionMode.all())));
        var run = Fixtures.run(spec, 1);
        var sim = new Simulation(spec, 1, e -> { });
        sim.runUntil(60_000);
        assertThat(names(sim)).hasSize(3).contains(NAMED, "cart-debug");
        assertThat(names(sim).stream().filter(n -> !n.equals(NAMED) && !n.equals("cart-debug"))).allMatch(n -> n.matches("cart-[a-z0-9]{5}"));
        // the pod kill finds the named pod; its replacement is named as Kubernetes names a Deployment's pods
        assertThat(run.of(dev.homeostat.simulator.events.SimEvent.FaultStarted.class).getFirst().pods()).containsExactly("shop/" + NAMED);
        assertThat(names(run.sim())).hasSize(3).doesNotContain(NAMED).contains("cart-debug");
    }

    @Test
    void podNamesAreRefused_onAStatefulSet_beyondTheReplicas_malformed_twice_orInTwoDeployments() {
        assertThatThrownBy(() -> new DeploymentSpec("db", "shop", 3, null, null, null, null, DeploymentSpec.STATEFUL_SET, null, List.of("db-x")))
                .hasMessageStartingWith("podNames: a StatefulSet names its pods by ordinal");
        assertThatThrownBy(() -> cart(1, List.of("a", "b"))).hasMessage("podNames: 2 names for 1 replicas; name at most as many pods as replicas");
        assertThatThrownBy(() -> cart(2, List.of("Cart_1"))).hasMessageStartingWith("podNames[0]: \"Cart_1\" is not a pod name");
        assertThatThrownBy(() -> cart(2, List.of("a", "a"))).hasMessageStartingWith("podNames[1]: \"a\" is named twice");
        var other = new DeploymentSpec("web", "shop", 1, null, null, null, null, null, null, List.of("a"));
        assertThatThrownBy(() -> new ClusterSpec(Fixtures.nodes(1), List.of(cart(2, List.of("a")), other), List.of()))
                .hasMessage("deployments[1].podNames: \"a\" is already a pod of deployment cart in namespace shop; pod names are unique in a namespace");
        var db = new DeploymentSpec("db", "shop", 2, null, null, null, null, DeploymentSpec.STATEFUL_SET);
        assertThatThrownBy(() -> new ClusterSpec(Fixtures.nodes(1), List.of(db, cart(2, List.of("db-3"))), List.of()))
                .hasMessage("deployments[1].podNames: \"db-3\" is the name of a pod of StatefulSet db in namespace shop; pod names are unique in a namespace");
    }
}
