package dev.homeostat.testbed.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.live.kubernetes.KubernetesCluster;
import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.simulator.Simulation;
import dev.homeostat.testbed.scenario.ScenarioLoader;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scenario Deployment's HPA, written by {@code sim serve}, as the live engine's view reads it. */
@EnableKubernetesMockClient(crud = true)
class ClusterMirrorHpaTest {
    static KubernetesClient client;

    @Test
    void aDeploymentsHpa_isWrittenToTheApi_andTheLiveViewReadsTheRangeTheSimulationKeeps(@TempDir Path dir) throws Exception {
        Path scenario = Files.writeString(dir.resolve("s.yaml"), """
                apiVersion: homeostat.dev/v1alpha1
                kind: Scenario
                metadata: {name: s}
                spec:
                  duration: 10m
                  cluster:
                    nodePool: {count: 1, cpu: 8, memory: 16Gi}
                    deployments:
                      - {name: orders, namespace: shop, replicas: 3, hpa: {minReplicas: 2, maxReplicas: 16, targetCpuUtilization: 0.6}}
                      - {name: cart, namespace: shop, replicas: 2}
                    services: []
                  engine: {policy: %s}
                """.formatted(Path.of("..", "remediation", "policies", "default.yaml").toAbsolutePath().normalize()));
        var spec = new ScenarioLoader().load(scenario).simulation();
        var sim = new Simulation(spec, 1, e -> { });
        List<String> log = new ArrayList<>();
        sim.runUntil(5_000);
        new ClusterMirror(client, spec, dev.homeostat.chaos.TargetCluster.scenario(null), log::add).init(sim);

        var hpa = client.autoscaling().v2().horizontalPodAutoscalers().inNamespace("shop").withName("orders").get();
        assertThat(hpa.getSpec().getMetrics()).singleElement().satisfies(m -> assertThat(m.getResource().getTarget().getAverageUtilization()).isEqualTo(60));
        var view = new KubernetesCluster(client, "shop").deployments();
        assertThat(view).filteredOn(d -> d.name().equals("orders")).singleElement()
                .satisfies(d -> assertThat(d.hpa()).isEqualTo(new DeploymentInfo.Autoscaler("orders", 2, 16)));
        assertThat(view).filteredOn(d -> d.name().equals("cart")).singleElement().satisfies(d -> assertThat(d.hpa()).isNull());
    }
}
