package dev.homeostat.remediation.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.fakes.FakeMetrics;
import dev.homeostat.remediation.guard.CallGraph;
import dev.homeostat.remediation.guard.MeshGraph;
import dev.homeostat.remediation.model.Anomaly;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.port.ClusterView;
import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.remediation.port.NodeInfo;
import dev.homeostat.remediation.port.PodInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The node-local diagnosis asks for evidence about the node itself: not pods coming up, not the service's own callers
 * (their anomalies are its), not services with no pod elsewhere to compare with (the singleton-auth probe drained
 * healthy nodes on all three).
 */
class NodeEvidenceTest {
    private static final String NS = "default";
    private static final long NOW = 3_600_000;

    private final FakeMetrics metrics = new FakeMetrics();
    private final List<PodInfo> pods = new ArrayList<>();
    private final Set<String> notReadyNodes = new HashSet<>();
    private final List<Anomaly> anomalies = new ArrayList<>();

    private final ClusterView cluster = new ClusterView() {
        @Override public List<PodInfo> pods() { return pods; }

        @Override public List<DeploymentInfo> deployments() {
            var names = new TreeSet<String>();
            for (PodInfo p : pods) names.add(p.deployment());
            return names.stream().map(n -> new DeploymentInfo(NS, n, 3, 3)).toList();
        }

        @Override public List<NodeInfo> nodes() {
            return List.of(1, 2, 3, 4).stream().map(i -> new NodeInfo("node-" + i, !notReadyNodes.contains("node-" + i), false)).toList();
        }
    };

    /** A pod that has served since the start. */
    private void settled(String name, String node) {
        pods.add(new PodInfo(NS, name, name.substring(0, name.indexOf('-')), node, true, 0, 0));
    }

    /** A pod whose liveness probe killed it a moment ago (a deadlock): restarted, not ready. */
    private void killed(String name, String node) {
        pods.add(new PodInfo(NS, name, name.substring(0, name.indexOf('-')), node, false, 1, NOW - 10_000, 1, null, false, PodInfo.NOT_YET, 0));
    }

    /** A scale-up's new pod, started {@code agoMillis} before now and not ready yet. */
    private void starting(String name, String node, long agoMillis) {
        pods.add(new PodInfo(NS, name, name.substring(0, name.indexOf('-')), node, false, 0, NOW - agoMillis, 1, null, false, PodInfo.NOT_YET, 0));
    }

    /** The pod's own signal fired now. */
    private void anomalous(String pod) {
        anomalies.add(new Anomaly(NOW, "pod-errors", "threshold", new Target(Target.Kind.POD, NS, pod), pod.substring(0, pod.indexOf('-')), 0.04, "value 0.09"));
    }

    /** The mesh saw {@code caller} call {@code callee}. */
    private void calls(String caller, String callee) {
        metrics.fill(CallGraph.MESH_REQUESTS, Map.of("reporter", "source", "source_workload", caller, "source_workload_namespace", NS,
                "destination_service_name", callee, "destination_service_namespace", NS, "destination_workload", callee), NOW - 300_000, NOW, 15_000, 100);
    }

    /** The diagnosis of auth, whose SLO burns now, among the pod anomalies recorded. */
    private Diagnosis auth() {
        var burn = new Anomaly(NOW, "slo-burn", "threshold", new Target(Target.Kind.SERVICE, NS, "auth"), "auth", 300, "burning");
        anomalies.add(burn);
        var d = new Diagnoser(cluster, metrics, new MeshGraph(metrics, Duration.ofMinutes(5)), Duration.ofMinutes(15), Duration.ofMinutes(5), 0.85);
        return d.diagnose(NOW, anomalies).get(burn);
    }

    /** Two unrelated services, each anomalous on node-3 only, with healthy pods on node-1 and node-2. */
    private void twoServicesBadOnlyOnNode3() {
        for (String s : List.of("cart", "search")) {
            settled(s + "-a", "node-1");
            settled(s + "-b", "node-2");
            settled(s + "-c", "node-3");
            anomalous(s + "-c");
        }
    }

    @Test
    void aGenuineBadNode_twoUnrelatedServicesAnomalousOnlyThere_whileTheirPodsElsewhereServe_isNodeLocal() {
        killed("auth-0", "node-3");
        twoServicesBadOnlyOnNode3();

        assertThat(auth()).isInstanceOfSatisfying(Diagnosis.NodeLocal.class, n -> {
            assertThat(n.subject().name()).isEqualTo("node-3");
            assertThat(n.evidence()).anyMatch(e -> e.contains("[default/cart, default/search]"));
        });
    }

    @Test
    void aScaleUpsStartingPods_areNotAnomalousThere_soTheyDoNotMakeTheirNodeBad() {
        settled("auth-0", "node-4");
        starting("auth-1", "node-3", 30_000);
        starting("auth-2", "node-3", 90_000);
        twoServicesBadOnlyOnNode3();

        assertThat(auth()).isNotInstanceOf(Diagnosis.NodeLocal.class);
    }

    @Test
    void aPodTurnedReadyAndLostItSoonAfterItsStart_isStillTooYoungToSpeakForItsNode() {
        settled("auth-0", "node-4");
        // ready once (so not "starting"), then unready, all within the first two minutes of its first container
        pods.add(new PodInfo(NS, "auth-1", "auth", "node-3", false, 0, NOW - 60_000, 1, null, false, NOW - 50_000, 0));
        twoServicesBadOnlyOnNode3();

        assertThat(auth()).isNotInstanceOf(Diagnosis.NodeLocal.class);
    }

    @Test
    void itsCallers_directOrThroughOthers_anomalousOnItsNode_areItsSymptoms_notEvidenceAboutTheNode() {
        calls("api", "auth");
        calls("web", "api");
        killed("auth-0", "node-3");
        for (String s : List.of("api", "web")) {
            settled(s + "-a", "node-1");
            settled(s + "-b", "node-2");
            settled(s + "-c", "node-3");
            anomalous(s + "-c");
        }

        assertThat(auth()).isNotInstanceOf(Diagnosis.NodeLocal.class);
    }

    @Test
    void servicesWithAllTheirPodsOnTheNode_setNothingApart_soTheNodeIsNotBad() {
        killed("auth-0", "node-3");
        for (String s : List.of("cart", "search")) {
            settled(s + "-a", "node-3");
            anomalous(s + "-a");
        }

        assertThat(auth()).isNotInstanceOf(Diagnosis.NodeLocal.class);
    }

    @Test
    void servicesWhosePodsElsewhereAreStartingOrUnready_giveNoContrast() {
        killed("auth-0", "node-3");
        for (String s : List.of("cart", "search")) {
            settled(s + "-c", "node-3");
            anomalous(s + "-c");
            starting(s + "-a", "node-1", 30_000);
            pods.add(new PodInfo(NS, s + "-b", s, "node-2", false, 2, 0));
        }

        assertThat(auth()).isNotInstanceOf(Diagnosis.NodeLocal.class);
    }

    @Test
    void aNodeThatIsNotReady_isEvidenceEnough_alone() {
        notReadyNodes.add("node-3");
        settled("auth-a", "node-1");
        pods.add(new PodInfo(NS, "auth-b", "auth", "node-3", false, 0, 0));

        assertThat(auth()).isInstanceOfSatisfying(Diagnosis.NodeLocal.class, n -> {
            assertThat(n.subject().name()).isEqualTo("node-3");
            assertThat(n.pods()).extracting(Target::name).containsExactly("auth-b");
        });
    }
}
