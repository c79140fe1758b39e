package dev.homeostat.remediation.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.fakes.FakeMetrics;
import dev.homeostat.remediation.guard.MeshGraph;
import dev.homeostat.remediation.model.Anomaly;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.port.ClusterView;
import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.remediation.port.PodInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The diagnosis of a failing dependency: which of its pods are lost. */
class DiagnoserTest {
    private static final String NS = "data";
    private static final long NOW = 3_600_000;
    private static final long ONSET = NOW - 240_000;
    private static final int PODS = 10;

    private final FakeMetrics metrics = new FakeMetrics();

    /** Pods of the store that lost readiness long after their start (a dead node's). */
    private final java.util.Set<Integer> notReady = new java.util.HashSet<>();

    private final ClusterView cluster = new ClusterView() {
        @Override public List<PodInfo> pods() {
            List<PodInfo> pods = new ArrayList<>();
            for (int i = 0; i < PODS; i++) pods.add(new PodInfo(NS, "store-" + i, "store", "node-" + i, !notReady.contains(i), 0, 0));
            return pods;
        }

        @Override public List<DeploymentInfo> deployments() { return List.of(new DeploymentInfo(NS, "store", PODS, PODS)); }
    };

    private Diagnoser diagnoser() {
        return new Diagnoser(cluster, metrics, new MeshGraph(metrics, Duration.ofMinutes(5)), Duration.ofMinutes(15), Duration.ofMinutes(5), 0.85);
    }

    private static Map<String, String> pod(int i) { return Map.of("pod", "store-" + i, "namespace", NS, "service", "store"); }

    @Test
    void aDependencyThatLostPods_saysWhich_soRetriesThatMaskThemAreKept() {
        // gateway calls the store (the mesh's series); the gateway burns, and one store pod lost readiness long after its start
        metrics.fill(dev.homeostat.remediation.guard.CallGraph.MESH_REQUESTS, Map.of("reporter", "source", "source_workload", "gateway",
                "source_workload_namespace", NS, "destination_service_name", "store", "destination_service_namespace", NS,
                "destination_workload", "store"), ONSET - 300_000, NOW, 15_000, 100);
        notReady.add(9);
        Diagnoser d = diagnoser();
        var gateway = new Anomaly(NOW, "slo-burn", "threshold", new Target(Target.Kind.SERVICE, NS, "gateway"), "gateway", 2, "burning");
        var store = new Anomaly(NOW, "slo-burn", "threshold", new Target(Target.Kind.SERVICE, NS, "store"), "store", 2, "burning");
        Diagnosis diagnosis = d.diagnose(NOW, List.of(gateway, store)).get(store);

        assertThat(diagnosis).isInstanceOfSatisfying(Diagnosis.Dependency.class, dep -> {
            assertThat(dep.callers()).containsExactly(NS + "/gateway");
            assertThat(dep.lostPods()).extracting(Target::name).containsExactly("store-9");
        });
    }
}
