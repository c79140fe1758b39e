package dev.homeostat.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.simulator.cluster.PodView;
import dev.homeostat.simulator.events.SimEvent.FaultEffect;
import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.LabelRequirement;
import dev.homeostat.simulator.fault.PodKill;
import dev.homeostat.simulator.fault.PodSelector;
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

/**
 * A pod carries exactly its deployment's labels ({@code app: <name>} only when the scenario writes none), so a
 * Chaos Mesh selector that would miss the real pods (a Helm chart's {@code app.kubernetes.io/name} and no {@code app})
 * misses the simulated ones too.
 */
class PodLabelsTest {
    private static final Map<String, String> HELM = Map.of("app.kubernetes.io/name", "cart", "app.kubernetes.io/instance", "shop");

    private static Fixtures.Run run(PodSelector selector) {
        var deployment = new DeploymentSpec("cart", "shop", 3, HELM, ContainerSpec.defaults());
        var spec = new SimulationSpec(new ClusterSpec(Fixtures.nodes(2), List.of(deployment), List.of(new ServiceSpec("cart", "shop", "cart", 60, null))),
                Duration.ofMinutes(6), null, List.<Fault>of(new PodKill("kill", Duration.ofMinutes(2), selector, SelectionMode.one())));
        return Fixtures.run(spec, 7);
    }

    private static FaultEffect check(Fixtures.Run r) { return r.of(FaultEffect.class).getFirst(); }

    @Test
    void podsCarryTheScenariosLabels_only() {
        var r = run(new PodSelector(Set.of("shop"), HELM, Set.of()));
        assertThat(r.sim().pods()).isNotEmpty().allSatisfy(p -> assertThat(p.labels()).isEqualTo(HELM));
        assertThat(check(r).observed()).isTrue();
    }

    @Test
    void aSelectorOnAnAppLabelTheScenarioDoesNotWrite_matchesNoPod_andDoesNotExistMatchesThem() {
        assertThat(check(run(new PodSelector(Set.of("shop"), Map.of("app", "cart"), Set.of()))).detail()).isEqualTo("no pod matched the selector");
        var absent = new PodSelector(Set.of("shop"), Map.of(), Set.of(), List.of(new LabelRequirement("app", LabelRequirement.Operator.DOES_NOT_EXIST, List.of())),
                Map.of(), Set.of(), Map.of());
        assertThat(check(run(absent)).observed()).isTrue();
    }

    @Test
    void anIsolatedPod_losesTheLabelsItsServiceSelectsBy() {
        var deployment = new DeploymentSpec("cart", "shop", 2, HELM, ContainerSpec.defaults());
        var sim = new Simulation(new SimulationSpec(new ClusterSpec(Fixtures.nodes(2), List.of(deployment),
                List.of(new ServiceSpec("cart", "shop", "cart", 60, null))), Duration.ofMinutes(3), null, List.of()), 7, e -> { });
        sim.every(60_000, 60 * 60_000, t -> {
            PodView p = sim.pods().getFirst();
            if (!p.labels().containsKey(PodState.ISOLATED_LABEL)) sim.isolatePod(p.namespace(), p.name());
        });
        sim.run();
        assertThat(sim.pods()).filteredOn(p -> p.labels().containsKey(PodState.ISOLATED_LABEL)).singleElement()
                .satisfies(p -> assertThat(p.labels()).containsOnlyKeys(PodState.ISOLATED_LABEL));
    }
}
