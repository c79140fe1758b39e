package dev.homeostat.simulator;

import static dev.homeostat.simulator.Fixtures.nodes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.simulator.cluster.PodView;
import dev.homeostat.simulator.events.SimEvent;
import dev.homeostat.simulator.spec.ClusterSpec;
import dev.homeostat.simulator.spec.ContainerSpec;
import dev.homeostat.simulator.spec.DeploymentSpec;
import dev.homeostat.simulator.spec.ServiceSpec;
import dev.homeostat.simulator.spec.SimulationSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code kubectl rollout restart}: a new revision of the same template, whose RollingUpdate surges first. */
class RolloutRestartTest {
    @Test
    void aSingleReplica_isReplacedByARolloutRestart_withAReadyPodAtEveryInstant() {
        var spec = new SimulationSpec(new ClusterSpec(nodes(2), List.of(new DeploymentSpec("solo", "shop", 1, null, ContainerSpec.defaults()),
                new DeploymentSpec("db", "shop", 1, Map.of("app", "db"), ContainerSpec.defaults(), null, null, DeploymentSpec.STATEFUL_SET)),
                List.of(new ServiceSpec("solo", "shop", "solo", 20, null))), Duration.ofMinutes(5), null, List.of());
        List<SimEvent> events = new ArrayList<>();
        var sim = new Simulation(spec, 1, events::add);
        List<Integer> readyAt = new ArrayList<>();
        sim.every(1_000, 1_000, t -> readyAt.add((int) sim.podsOf("shop", "solo").stream().filter(PodView::ready).count()));
        sim.runUntil(60_000);
        String before = sim.podsOf("shop", "solo").getFirst().name();

        assertThat(sim.rolloutRestart("shop", "solo", "test")).isTrue();
        assertThat(sim.rolloutRestart("shop", "db", "test")).as("a StatefulSet restarts in place, pod by pod").isFalse();
        assertThat(sim.rolloutRestart("shop", "none", "test")).isFalse();
        sim.runUntil(sim.endMillis());

        assertThat(sim.deployment("shop", "solo").orElseThrow().revision()).isEqualTo(2);
        assertThat(sim.podsOf("shop", "solo")).singleElement().satisfies(p -> {
            assertThat(p.name()).isNotEqualTo(before);
            assertThat(p.ready()).isTrue();
            assertThat(p.revision()).isEqualTo(2);
        });
        assertThat(readyAt).isNotEmpty().allMatch(n -> n >= 1);
        assertThat(events).filteredOn(SimEvent.RolloutStarted.class::isInstance).singleElement()
                .satisfies(e -> assertThat(e.toString()).contains("restart (test)"));
    }
}
