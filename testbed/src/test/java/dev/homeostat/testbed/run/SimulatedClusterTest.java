package dev.homeostat.testbed.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.simulator.Simulation;
import dev.homeostat.simulator.spec.ClusterSpec;
import dev.homeostat.simulator.spec.DeploymentSpec;
import dev.homeostat.simulator.spec.IntOrPercent;
import dev.homeostat.simulator.spec.NodeSpec;
import dev.homeostat.simulator.spec.RolloutSpec;
import dev.homeostat.simulator.spec.ServiceSpec;
import dev.homeostat.simulator.spec.SimulationSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's view of the simulated cluster. */
class SimulatedClusterTest {
    @Test
    void aDeploymentsMaxUnavailable_reachesTheEngineAsACountOfPods_whenWrittenAsAPercentage() {
        var web = new DeploymentSpec("web", "shop", 10, null, null, new RolloutSpec(IntOrPercent.percent(25), IntOrPercent.percent(25)), null);
        var cluster = new ClusterSpec(List.of(new NodeSpec("node-1", 16, 64L << 30, null)), List.of(web),
                List.of(new ServiceSpec("web", "shop", "web", 10, null)), List.of());
        var simulation = new Simulation(new SimulationSpec(cluster, Duration.ofMinutes(1), null, List.of()), 1, e -> { });

        assertThat(new SimulatedCluster(simulation).deployment("shop", "web")).hasValueSatisfying(d -> assertThat(d.maxUnavailable()).isEqualTo(2));
    }
}
