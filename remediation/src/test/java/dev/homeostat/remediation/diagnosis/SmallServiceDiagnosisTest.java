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

/**
 * Bad pods in services of two or three pods, where the peers that tell a bad pod from a bad service are few: a member
 * of a replicated store while another rejoins, a peer that failed a minute before, every pod failing with one first.
 */
class SmallServiceDiagnosisTest {
    private static final String NS = "data";
    private static final long NOW = 3_600_000;
    /** The service's SLO began burning half a minute before the pod stood out. */
    private static final long ONSET = NOW - 30_000;
    private static final long LONG_AGO = NOW - 3_000_000;

    private final FakeMetrics metrics = new FakeMetrics();
    private final List<PodInfo> pods = new ArrayList<>();
    private boolean stateful;

    private final ClusterView cluster = new ClusterView() {
        @Override public List<PodInfo> pods() { return List.copyOf(pods); }

        @Override public List<DeploymentInfo> deployments() {
            return List.of(new DeploymentInfo(NS, "db", pods.size(), pods.size(), pods.size(), 1, 1, 1, Long.MIN_VALUE, 0, null, stateful));
        }
    };

    /** A pod of db that turned Ready when it started, or {@code readyAt} after its start. */
    private void pod(String name, long startedAt, long readyAt) {
        pods.add(new PodInfo(NS, name, "db", "node-" + pods.size(), true, 0, startedAt, 1, null, false, readyAt, 0));
    }

    private static Anomaly podErrors(String pod, long at) {
        return new Anomaly(at, "pod-errors", "threshold", new Target(Target.Kind.POD, NS, pod), "db", 0.1, "value 0.15");
    }

    /** The service burns from the onset; {@code earlier} pod anomalies came before NOW; at NOW {@code pod} stands out. */
    private Diagnosis diagnose(String pod, Anomaly... earlier) {
        Diagnoser d = new Diagnoser(cluster, metrics, new MeshGraph(metrics, Duration.ofMinutes(5)), Duration.ofMinutes(15), Duration.ofMinutes(5), 0.85);
        d.diagnose(ONSET, List.of(new Anomaly(ONSET, "slo-burn", "threshold", new Target(Target.Kind.SERVICE, NS, "db"), "db", 2, "burning")));
        for (Anomaly a : earlier) d.diagnose(a.timeMillis(), List.of(a));
        Anomaly now = podErrors(pod, NOW);
        return d.diagnose(NOW, List.of(now)).get(now);
    }

    @Test
    void aMemberStandingOut_whileAnotherRejoinsItsStatefulSet_isNoBadPod_butAPodBesideADeploymentsReplacementIs() {
        pod("db-0", LONG_AGO, LONG_AGO);
        pod("db-1", NOW - 50_000, NOW - 40_000); // killed, and back for 40 s: its peers' rate windows still hold its absence
        pod("db-2", LONG_AGO, LONG_AGO);
        stateful = true;
        Diagnosis member = diagnose("db-2");
        assertThat(member).isNotInstanceOf(Diagnosis.PodLocal.class);
        assertThat(member.evidence()).anySatisfy(e -> assertThat(e).contains("db-1 is coming up"));

        stateful = false;
        assertThat(diagnose("db-2")).isInstanceOf(Diagnosis.PodLocal.class);
    }

    @Test
    void aPeerThatRaisedAnAnomalySinceItStarted_isNoReference_oneFromBeforeItsRestartIs() {
        pod("db-0", LONG_AGO, LONG_AGO);
        pod("db-1", LONG_AGO, LONG_AGO);
        assertThat(diagnose("db-1", podErrors("db-0", NOW - 90_000))).isNotInstanceOf(Diagnosis.PodLocal.class);

        pods.set(0, new PodInfo(NS, "db-0", "db", "node-0", true, 0, NOW - 150_000, 1, null, false, NOW - 140_000, 0));
        assertThat(diagnose("db-1", podErrors("db-0", NOW - 200_000))).isInstanceOf(Diagnosis.PodLocal.class);
    }

    @Test
    void everyPodOfAThreePodServiceFailing_isNoBadPod_thoughOneShowedFirst() {
        threeSettledPods();
        recordErrors(0.4, 0.6);
        assertThat(diagnose("db-2")).isInstanceOfSatisfying(Diagnosis.Unknown.class, u -> assertThat(u.evidence())
                .anySatisfy(e -> assertThat(e).contains("fail as a whole")));
    }

    @Test
    void onePodOfAThreePodServiceFailing_amongPeersAsTheyWere_isABadPod() {
        threeSettledPods();
        recordErrors(0.01, 0.6);
        assertThat(diagnose("db-2")).isInstanceOf(Diagnosis.PodLocal.class);
    }

    private void threeSettledPods() {
        for (int i = 0; i < 3; i++) pod("db-" + i, LONG_AGO, LONG_AGO);
    }

    /** db-0 and db-1 fail {@code peers} of their requests from the onset, db-2 {@code last}; none before. */
    private void recordErrors(double peers, double last) {
        for (int i = 0; i < 3; i++) {
            Map<String, String> labels = Map.of("pod", "db-" + i, "namespace", NS, "service", "db");
            metrics.fill(PeerShift.ERRORS, labels, ONSET - 300_000, ONSET - 1, 15_000, 0.0);
            metrics.fill(PeerShift.ERRORS, labels, ONSET, NOW, 15_000, i < 2 ? peers : last);
        }
    }
}
