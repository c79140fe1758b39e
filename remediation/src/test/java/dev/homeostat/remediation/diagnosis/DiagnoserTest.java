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

/** The diagnosis of pods that stand out: bad pods, or the tail of a service degraded as a whole. */
class DiagnoserTest {
    private static final String NS = "data";
    private static final long NOW = 3_600_000;
    /** The service's SLO began burning four minutes before any pod stood out (the call-graph reference's svc-170). */
    private static final long ONSET = NOW - 240_000;
    private static final int PODS = 10;

    private final FakeMetrics metrics = new FakeMetrics();

    /** Pods of the store that lost readiness long after their start (a dead node's). */
    private final java.util.Set<Integer> notReady = new java.util.HashSet<>();
    /** Pods of the store being deleted (their replacements already started). */
    private final java.util.Set<Integer> terminating = new java.util.HashSet<>();

    private final ClusterView cluster = new ClusterView() {
        @Override public List<PodInfo> pods() {
            List<PodInfo> pods = new ArrayList<>();
            for (int i = 0; i < PODS; i++)
                pods.add(new PodInfo(NS, "store-" + i, "store", "node-" + i, !notReady.contains(i), 0, 0, 1, null, terminating.contains(i)));
            return pods;
        }

        @Override public List<DeploymentInfo> deployments() { return List.of(new DeploymentInfo(NS, "store", PODS, PODS)); }
    };

    private Diagnoser diagnoser() {
        return new Diagnoser(cluster, metrics, new MeshGraph(metrics, Duration.ofMinutes(5)), Duration.ofMinutes(15), Duration.ofMinutes(5), 0.85);
    }

    private static Map<String, String> pod(int i) { return Map.of("pod", "store-" + i, "namespace", NS, "service", "store"); }

    /** Every pod's latency and error ratio every 15 s: {@code before} until the onset, then {@code after(i)}. */
    private void record(double latencyBefore, java.util.function.IntToDoubleFunction latencyAfter, java.util.function.IntToDoubleFunction errorsAfter) {
        for (int i = 0; i < PODS; i++) {
            metrics.fill(PeerShift.LATENCY, pod(i), ONSET - 300_000, ONSET - 1, 15_000, latencyBefore);
            metrics.fill(PeerShift.ERRORS, pod(i), ONSET - 300_000, ONSET - 1, 15_000, 0.0);
            metrics.fill(PeerShift.LATENCY, pod(i), ONSET, NOW, 15_000, latencyAfter.applyAsDouble(i));
            metrics.fill(PeerShift.ERRORS, pod(i), ONSET, NOW, 15_000, errorsAfter.applyAsDouble(i));
        }
    }

    /** The service's SLO burns from the onset; at NOW pods store-0 … store-(n-1) stand out on errors. */
    private Diagnosis diagnose(Diagnoser d, int standingOut) {
        var burn = new Anomaly(ONSET, "slo-burn", "threshold", new Target(Target.Kind.SERVICE, NS, "store"), "store", 2, "burning");
        d.diagnose(ONSET, List.of(burn));
        List<Anomaly> pods = new ArrayList<>();
        for (int i = 0; i < standingOut; i++)
            pods.add(new Anomaly(NOW, "pod-errors", "threshold", new Target(Target.Kind.POD, NS, "store-" + i), "store", 0.04, "value 0.09"));
        return d.diagnose(NOW, pods).get(pods.getFirst());
    }

    @Test
    void podsStandingOut_amongPeersAllSlowedByTheirBackend_areNotPodLocal() {
        // a shared store whose own backend slowed: every pod +150 ms, and under that load four of them fail a little more
        record(0.004, i -> 0.154, i -> i < 4 ? 0.10 : 0.01);
        Diagnosis diagnosis = diagnose(diagnoser(), 4);

        assertThat(diagnosis).isNotInstanceOf(Diagnosis.PodLocal.class);
        assertThat(diagnosis.evidence()).anySatisfy(e -> assertThat(e).contains("stand out, but its other pods are slowed as a whole")
                .contains("38.5×"));
    }

    /** A diagnoser over the fake metrics that counts the reads of each metric into {@code reads}. */
    private Diagnoser counting(java.util.Map<String, Integer> reads) {
        dev.homeostat.remediation.port.MetricsSource counting = (metric, from, to) -> {
            reads.merge(metric, 1, Integer::sum);
            return metrics.range(metric, from, to);
        };
        return new Diagnoser(cluster, counting, new MeshGraph(counting, Duration.ofMinutes(5)), Duration.ofMinutes(15), Duration.ofMinutes(5), 0.85);
    }

    @Test
    void peersSlowedAsAWhole_areJudgedByTheirLatency_withoutReadingEveryPodsErrorRatio() {
        record(0.004, i -> 0.154, i -> i < 4 ? 0.10 : 0.01);
        var reads = new java.util.TreeMap<String, Integer>();

        assertThat(diagnose(counting(reads), 4)).isNotInstanceOf(Diagnosis.PodLocal.class);
        assertThat(reads).as("now and before the onset").containsEntry(PeerShift.LATENCY, 2).doesNotContainKey(PeerShift.ERRORS);
    }

    @Test
    void peersFailingAsAWhole_atTheirOldLatency_haveTheirErrorRatiosRead_nowAndBeforeTheOnset() {
        record(0.004, i -> 0.004, i -> i < 2 ? 0.30 : 0.20);
        var reads = new java.util.TreeMap<String, Integer>();

        assertThat(diagnose(counting(reads), 2).evidence()).anySatisfy(e -> assertThat(e).contains("its other pods fail as a whole"));
        assertThat(reads).containsEntry(PeerShift.LATENCY, 2).containsEntry(PeerShift.ERRORS, 2);
    }

    @Test
    void podsStandingOut_amongPeersFailingAsAWhole_areNotPodLocal() {
        record(0.004, i -> 0.004, i -> i < 2 ? 0.30 : 0.20);
        Diagnosis diagnosis = diagnose(diagnoser(), 2);

        assertThat(diagnosis).isNotInstanceOf(Diagnosis.PodLocal.class);
        assertThat(diagnosis.evidence()).anySatisfy(e -> assertThat(e).contains("its other pods fail as a whole"));
    }

    @Test
    void podsLagging_whileTheirPeersRecoverAsAWhole_areNotPodLocal() {
        // the backend is fast again: most pods are back at 4 ms, some still drain their queues
        record(0.154, i -> i < 4 ? 1.3 : 0.004, i -> 0.0);
        Diagnosis diagnosis = diagnose(diagnoser(), 4);

        assertThat(diagnosis).isNotInstanceOf(Diagnosis.PodLocal.class);
        assertThat(diagnosis.evidence()).anySatisfy(e -> assertThat(e).contains("its other pods recover as a whole"));
    }

    @Test
    void podsStandingOut_amongPeersThatDriftedLessThanASignalWouldCall_arePodLocal() {
        // every pod of a leaking Deployment a little slower than before the onset; two of them far slower
        record(0.004, i -> i < 2 ? 0.02 : 0.006, i -> 0.0);
        assertThat(diagnose(diagnoser(), 2)).isInstanceOf(Diagnosis.PodLocal.class);
    }

    @Test
    void onePeer_cannotTellAServiceWideSlowdown_fromTheLoadItTookOver_butOneFailingPeerTellsFailures() {
        // store-1 and store-2 three times as slow as before: from one of them that says nothing of the service, from two
        // it does; store-0 as fast as before but failing a fifth of its requests: failures are no effect of load taken over
        record(0.004, i -> i == 0 ? 0.004 : 0.012, i -> i == 0 ? 0.2 : 0.0);
        var peers = new ArrayList<PodInfo>();
        peers.add(new PodInfo(NS, "store-1", "store", "node-1", true, 0, 0));
        assertThat(new PeerShift(metrics).wholeService(peers, ONSET, NOW)).isEmpty();
        peers.add(new PodInfo(NS, "store-2", "store", "node-2", true, 0, 0));
        assertThat(new PeerShift(metrics).wholeService(peers, ONSET, NOW)).hasValueSatisfying(e -> assertThat(e).contains("slowed as a whole"));
        assertThat(new PeerShift(metrics).wholeService(List.of(new PodInfo(NS, "store-0", "store", "node-0", true, 0, 0)), ONSET, NOW))
                .hasValueSatisfying(e -> assertThat(e).contains("fail as a whole"));
    }

    @Test
    void podsStandingOut_amongPeersAsTheyWere_arePodLocal() {
        // two deadlocked pods: slow and failing; their peers serve as before (a little busier)
        record(0.004, i -> i < 2 ? 1.0 : 0.005, i -> i < 2 ? 1.0 : 0.0);
        Diagnosis diagnosis = diagnose(diagnoser(), 2);

        assertThat(diagnosis).isInstanceOfSatisfying(Diagnosis.PodLocal.class, p -> assertThat(p.pods()).extracting(Target::name)
                .containsExactly("store-0", "store-1"));
    }

    @Test
    void peersWithoutHistory_cannotBeSaidToHaveMoved_soAPodStandingOutIsPodLocal() {
        // the recording rules are not there (or the pods started since): nothing to compare, the diagnosis stays as it was
        Diagnosis diagnosis = diagnose(diagnoser(), 2);

        assertThat(diagnosis).isInstanceOf(Diagnosis.PodLocal.class);
    }

    @Test
    void aDependencyThatLostPods_saysWhich_soRetriesThatMaskThemAreKept() {
        // gateway calls the store (the mesh's series); the gateway burns, and one store pod lost readiness long after its start
        metrics.fill(dev.homeostat.remediation.guard.CallGraph.MESH_REQUESTS, Map.of("reporter", "source", "source_workload", "gateway",
                "source_workload_namespace", NS, "destination_service_name", "store", "destination_service_namespace", NS,
                "destination_workload", "store"), ONSET - 300_000, NOW, 15_000, 100);
        notReady.add(9);
        notReady.add(8);
        terminating.add(8); // evicted or rolled: replaced already, not lost
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
