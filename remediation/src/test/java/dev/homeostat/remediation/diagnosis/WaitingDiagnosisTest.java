package dev.homeostat.remediation.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.fakes.FakeMetrics;
import dev.homeostat.remediation.guard.CallGraph;
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

/**
 * A caller of an anomalous dependency: a symptom to hold, or — when its pods hold requests far longer than before and
 * the dependency is not busy — a caller whose own workers wait ({@link Diagnosis.Waiting}), which more replicas help.
 */
class WaitingDiagnosisTest {
    private static final String NS = "shop";
    private static final long NOW = 3_600_000;
    private static final long ONSET = NOW - 120_000;

    private final FakeMetrics metrics = new FakeMetrics();
    private boolean gatewayStateful;

    private final ClusterView cluster = new ClusterView() {
        @Override public List<PodInfo> pods() {
            List<PodInfo> pods = new ArrayList<>();
            for (String app : List.of("gateway", "db"))
                for (int i = 0; i < 3; i++) pods.add(new PodInfo(NS, app + "-" + i, app, "node-" + i, true, 0, 0));
            return pods;
        }

        @Override public List<DeploymentInfo> deployments() {
            return List.of(new DeploymentInfo(NS, "gateway", 3, 3, 3, 0, 0, 0, Long.MIN_VALUE, 0, null, gatewayStateful),
                    new DeploymentInfo(NS, "db", 3, 3));
        }
    };

    /**
     * gateway calls db; gateway's pods took {@code before} s a request until the onset and {@code after} since; db's pods
     * are {@code busy}, and db-i {@code dbSlower[i]} times as slow as before (the last for the pods beyond).
     */
    private Diagnosis diagnose(double before, double after, double busy, double... dbSlower) {
        for (long t = ONSET - 300_000; t <= NOW; t += 15_000) // 100 answered calls every 15 s
            metrics.add(CallGraph.MESH_REQUESTS, Map.of("reporter", "source", "source_workload", "gateway", "source_workload_namespace", NS,
                    "destination_service_name", "db", "destination_service_namespace", NS, "destination_workload", "db",
                    "response_code", "200"), t, (t - ONSET + 300_000) / 15_000 * 100.0);
        for (int i = 0; i < 3; i++) {
            Map<String, String> gateway = Map.of("pod", "gateway-" + i, "namespace", NS, "service", "gateway");
            metrics.fill(PeerShift.LATENCY, gateway, ONSET - 300_000, ONSET - 1, 15_000, before);
            metrics.fill(PeerShift.LATENCY, gateway, ONSET, NOW, 15_000, after);
            metrics.fill(Diagnoser.BUSY, Map.of("pod", "db-" + i, "namespace", NS), ONSET - 300_000, NOW, 15_000, busy);
            Map<String, String> db = Map.of("pod", "db-" + i, "namespace", NS, "service", "db");
            metrics.fill(PeerShift.LATENCY, db, ONSET - 300_000, ONSET - 1, 15_000, 0.005);
            metrics.fill(PeerShift.LATENCY, db, ONSET, NOW, 15_000, 0.005 * dbSlower[Math.min(i, dbSlower.length - 1)]);
        }
        var d = new Diagnoser(cluster, metrics, new MeshGraph(metrics, Duration.ofMinutes(5)), Duration.ofMinutes(15), Duration.ofMinutes(5), 0.85);
        var gatewayBurns = new Anomaly(ONSET, "slo-burn", "threshold", new Target(Target.Kind.SERVICE, NS, "gateway"), "gateway", 5, "burning");
        var dbBurns = new Anomaly(ONSET, "slo-burn", "threshold", new Target(Target.Kind.SERVICE, NS, "db"), "db", 2, "burning");
        d.diagnose(ONSET, List.of(gatewayBurns, dbBurns));
        var now = new Anomaly(NOW, "slo-burn", "threshold", new Target(Target.Kind.SERVICE, NS, "gateway"), "gateway", 9, "burning");
        return d.diagnose(NOW, List.of(now, new Anomaly(NOW, "slo-burn", "threshold", new Target(Target.Kind.SERVICE, NS, "db"), "db", 2, "burning"))).get(now);
    }

    @Test
    void aCallerHoldingRequestsFarLonger_onADependencyThatIsNotBusy_waitsForWorkers() {
        Diagnosis diagnosis = diagnose(0.02, 0.2, 0.3, 4);

        assertThat(diagnosis).isInstanceOfSatisfying(Diagnosis.Waiting.class, w -> {
            assertThat(w.subject()).isEqualTo(new Target(Target.Kind.DEPLOYMENT, NS, "gateway"));
            assertThat(w.service()).as("the dependency's problem").isEqualTo(NS + "/db");
            assertThat(w.caller()).isEqualTo(NS + "/gateway");
            assertThat(w.slowdown()).isEqualTo(10.0, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(w.evidence()).anyMatch(e -> e.contains("10.0× as long") && e.contains("shop/db's slowest pod 4.0×") && e.contains("shop/db uses 0.30"));
        });
    }

    @Test
    void aBusyDependency_keepsItsCallersASymptom_moreCallerWorkersWouldOnlyAddToItsQueue() {
        assertThat(diagnose(0.02, 0.2, 0.95, 4)).isInstanceOf(Diagnosis.Symptom.class);
    }

    @Test
    void aCallerOnlyAsSlowAsItsDependencysAddedLatency_isASymptom() {
        assertThat(diagnose(0.02, 0.05, 0.3, 1.2)).isInstanceOf(Diagnosis.Symptom.class);
    }

    @Test
    void aCallerNoSlowerThanItsDependencyTwice_onlyWaitsOnIt_noQueueOfItsOwn_isASymptom() {
        // ten times as long, but its dependency's own pods are six times as slow: its calls' time, retried, explains it
        assertThat(diagnose(0.02, 0.2, 0.3, 6)).isInstanceOf(Diagnosis.Symptom.class);
    }

    @Test
    void oneDependencyPodTenTimesAsSlow_explainsACallerFiveTimesAsSlow_thoughTheMedianPodIsNotSlower() {
        // a bad node's pod: a third of the calls wait ten times as long; the caller waits on them, it queues for nothing
        assertThat(diagnose(0.02, 0.1, 0.3, 10, 1)).isInstanceOf(Diagnosis.Symptom.class);
    }

    @Test
    void callsToItThatFail_holdTheCallersWorkersUntilTheirDeadline_theDependencysToMend_aSymptom() {
        // a tenth of gateway's calls to db time out (504) from the onset
        for (long t = ONSET - 300_000; t <= NOW; t += 15_000)
            metrics.add(CallGraph.MESH_REQUESTS, Map.of("reporter", "source", "source_workload", "gateway", "source_workload_namespace", NS,
                    "destination_service_name", "db", "destination_service_namespace", NS, "destination_workload", "db",
                    "response_code", "504"), t, t < ONSET ? 0 : (t - ONSET) / 15_000 * 10.0);
        assertThat(diagnose(0.02, 0.2, 0.3, 4)).isInstanceOf(Diagnosis.Symptom.class);
    }

    @Test
    void aStatefulCaller_isASymptom_theEngineDoesNotScaleStatefulSets() {
        gatewayStateful = true;
        assertThat(diagnose(0.02, 0.2, 0.3, 4)).isInstanceOf(Diagnosis.Symptom.class);
    }
}
