package dev.homeostat.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.fakes.FakeMetrics;
import dev.homeostat.remediation.fakes.ManualClock;
import dev.homeostat.remediation.fakes.Recorder;
import dev.homeostat.remediation.diagnosis.PodStartup;
import dev.homeostat.remediation.model.Anomaly;
import dev.homeostat.remediation.model.EngineEvent;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.policy.PolicyLoader;
import dev.homeostat.remediation.port.ActionOutcome;
import dev.homeostat.remediation.port.ClusterView;
import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.remediation.port.NodeInfo;
import dev.homeostat.remediation.port.PodInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Deployment short of pods while it rolls out or refills after a drain, within its budget, is not an incident. */
class RoutineDisruptionTest {
    private static final long NOW = 3_600_000;
    private static final Anomaly SHORT = new Anomaly(NOW, "replicas-unavailable", "threshold",
            new Target(Target.Kind.DEPLOYMENT, "shop", "cart"), "cart", 0.1, "value 0.6 is below 0.7");

    /** The cluster one Deployment {@code shop/cart} of 4 replicas, with its pods, and nodes as given. */
    private static final class Cluster implements ClusterView {
        DeploymentInfo cart;
        final List<PodInfo> pods = new ArrayList<>();
        final List<NodeInfo> nodes = new ArrayList<>(List.of(new NodeInfo("n1", true, false), new NodeInfo("n2", true, false)));

        Cluster settled(int ready) {
            cart = new DeploymentInfo("shop", "cart", 4, ready, 4, 1, 1, 1, Long.MIN_VALUE, 0);
            for (int i = 0; i < ready; i++) pods.add(pod("cart-" + i, "n1", true, 0, null));
            return this;
        }

        /** Revision 2 began rolling out at {@code since}: {@code updated} pods run it, {@code ready} pods serve. */
        Cluster rollingOut(long since, int updated, int ready) {
            cart = new DeploymentInfo("shop", "cart", 4, ready, updated, 2, 2, 2, since, 1);
            for (int i = 0; i < ready; i++) pods.add(pod("cart-" + i, "n1", true, 0, null));
            return this;
        }

        static PodInfo pod(String name, String node, boolean ready, long started, String waiting) {
            return new PodInfo("shop", name, "cart", node, ready, 0, started, 2, waiting);
        }

        @Override public List<PodInfo> pods() { return pods; }

        @Override public List<DeploymentInfo> deployments() { return List.of(cart); }

        @Override public List<NodeInfo> nodes() { return nodes; }
    }

    private static boolean routine(Cluster c) { return new RoutineDisruption(c).explains(SHORT, NOW).isPresent(); }

    @Test
    void anAnomalyOfANewPodStillStarting_isNotRaised_oneOfAPodPastItsStart_is() {
        var c = new Cluster().settled(3);
        long budget = 200_000; // a liveness probe that waits 180 s
        c.pods.add(new PodInfo("shop", "cart-new", "cart", "n2", false, 0, NOW - 150_000, 2, null, false, PodInfo.NOT_YET, budget));
        c.pods.add(new PodInfo("shop", "cart-stuck", "cart", "n2", false, 0, NOW - 300_000, 2, null, false, PodInfo.NOT_YET, budget));
        c.pods.add(new PodInfo("shop", "cart-lost", "cart", "n2", false, 0, NOW - 150_000, 2, null, false, NOW - 100_000, budget));
        var routine = new RoutineDisruption(c);
        assertThat(routine.explains(notReady("cart-new"), NOW)).hasValueSatisfying(why -> assertThat(why)
                .contains("pod starting: its container started 150 s ago, within its start-up allowance of 230 s"));
        assertThat(routine.explains(notReady("cart-stuck"), NOW)).isEmpty();
        assertThat(routine.explains(notReady("cart-lost"), NOW)).isEmpty();
    }

    private static Anomaly notReady(String pod) {
        return new Anomaly(NOW, "pod-not-ready", "threshold", new Target(Target.Kind.POD, "shop", pod), "cart", 0.5, "value 0 is below 0.5");
    }

    @Test
    void aRolloutWithinItsDeadlineAndBudget_isRoutine() {
        var c = new Cluster().rollingOut(NOW - 120_000, 2, 3);
        c.pods.add(Cluster.pod("cart-new", "n2", false, NOW - 10_000, null)); // the new pod starting
        c.pods.add(new PodInfo("shop", "cart-old", "cart", "n1", false, 0, 0, 1, null, true)); // the old one it replaces
        assertThat(new RoutineDisruption(c).explains(SHORT, NOW)).hasValueSatisfying(why -> assertThat(why)
                .contains("rollout of revision 2 in progress, begun 120 s ago").contains("1 of 4 pods unavailable, within 1"));
    }

    @Test
    void aRolloutWithoutSurgeOnAFullPool_whoseNewPodWaitsForTheOldOnesRoom_isRoutine() {
        // maxSurge 0: the old pod terminates first and holds its node's room through its grace period
        var c = new Cluster().rollingOut(NOW - 60_000, 1, 3);
        c.pods.add(Cluster.pod("cart-new", "", false, -1, null)); // Pending: no node has room yet
        c.pods.add(new PodInfo("shop", "cart-old", "cart", "n1", false, 0, 0, 1, null, true));
        assertThat(new RoutineDisruption(c).explains(SHORT, NOW)).hasValueSatisfying(why -> assertThat(why).contains("rollout of revision 2"));

        Anomaly newPodNotReady = new Anomaly(NOW, "pod-not-ready", "threshold", new Target(Target.Kind.POD, "shop", "cart-new"), "cart", 1, "not ready");
        assertThat(new RoutineDisruption(c).explains(newPodNotReady, NOW)).hasValueSatisfying(why -> assertThat(why).startsWith("pod waiting for room"));
        c.pods.set(c.pods.size() - 2, Cluster.pod("cart-new", "n2", false, -1, "ImagePullBackOff")); // bound, its image not pulled
        assertThat(new RoutineDisruption(c).explains(newPodNotReady, NOW)).as("a bad image is seen by its pod's signal").isEmpty();

        var late = new Cluster().rollingOut(NOW - 700_000, 1, 3); // still Pending past the progress deadline
        late.pods.add(Cluster.pod("cart-new", "", false, -1, null));
        assertThat(routine(late)).isFalse();
    }

    @Test
    void aRolloutOfSlowPodsOneAtATime_outlastsTheDeadline_butIsTimedFromItsLastNewPod() {
        // revision 2 began 12 minutes ago; its second new pod came up 4 minutes ago, its third is loading
        var c = new Cluster().rollingOut(NOW - 720_000, 2, 3);
        c.pods.set(1, new PodInfo("shop", "cart-1", "cart", "n1", true, 0, NOW - 480_000, 2, null, false, NOW - 240_000, 0));
        c.pods.add(Cluster.pod("cart-new", "n2", false, NOW - 200_000, null));
        assertThat(new RoutineDisruption(c).explains(SHORT, NOW)).hasValueSatisfying(why -> assertThat(why)
                .contains("begun 720 s ago, its last pod up 200 s ago, within the progress deadline"));
    }

    @Test
    void aRolloutThatItsStrategyLetsTakeTwoPods_isRoutineWithTwoUnavailable_theDefaultBudgetIsOne() {
        var c = new Cluster().rollingOut(NOW - 120_000, 2, 2);
        c.pods.add(Cluster.pod("cart-new-1", "n2", false, NOW - 10_000, null));
        c.pods.add(Cluster.pod("cart-new-2", "n2", false, NOW - 10_000, null));
        assertThat(new RoutineDisruption(c).explains(SHORT, NOW)).isEmpty();
        var d = c.cart;
        c.cart = new DeploymentInfo(d.namespace(), d.name(), d.replicas(), d.readyReplicas(), d.updatedReplicas(), d.generation(),
                d.observedGeneration(), d.revision(), d.revisionSince(), d.rollbackTo(), null, false, 2); // maxSurge 0, maxUnavailable 2
        assertThat(new RoutineDisruption(c).explains(SHORT, NOW)).hasValueSatisfying(why -> assertThat(why).contains("2 of 4 pods unavailable, within 2"));
    }

    @Test
    void aRolloutJustDone_explainsTheShortfallTheMetricStillShows() {
        // every pod runs revision 2 and serves; the recording rule still shows the rollout's last minute
        var done = new Cluster().rollingOut(NOW - 200_000, 4, 4);
        assertThat(new RoutineDisruption(done).explains(SHORT, NOW)).hasValueSatisfying(why -> assertThat(why)
                .contains("rollout of revision 2 done, begun 200 s ago"));
    }

    @Test
    void aRolloutPastItsProgressDeadline_orCrashLooping_orOverItsBudget_isAnIncident() {
        var late = new Cluster().rollingOut(NOW - 700_000, 2, 3);
        late.pods.add(Cluster.pod("cart-new", "n2", false, NOW - 650_000, null)); // its last new pod, never ready
        assertThat(routine(late)).isFalse();

        var looping = new Cluster().rollingOut(NOW - 120_000, 2, 3);
        looping.pods.add(Cluster.pod("cart-new", "n2", false, NOW - 10_000, "CrashLoopBackOff"));
        assertThat(routine(looping)).isFalse();

        var overBudget = new Cluster().rollingOut(NOW - 120_000, 2, 2);
        overBudget.pods.add(Cluster.pod("cart-new-1", "n2", false, NOW - 10_000, null));
        overBudget.pods.add(Cluster.pod("cart-new-2", "n2", false, NOW - 10_000, null));
        assertThat(routine(overBudget)).isFalse();
    }

    @Test
    void aDrainRefillingTheDeployment_isRoutine_evenWaitingForRoom_butPodsLostToADeadNodeOrNoRoomWithoutADrainAreNot() {
        var drain = new Cluster().settled(3);
        drain.nodes.set(0, new NodeInfo("n1", true, true)); // cordoned for maintenance, still ready
        drain.pods.add(Cluster.pod("cart-r1", "n2", false, -1, null)); // the evicted pod's replacement, not running yet
        assertThat(new RoutineDisruption(drain).explains(SHORT, NOW)).hasValueSatisfying(why -> assertThat(why).contains("cordoned"));

        // a full pool: the evicted pod waits for the drained node's return, within the Deployment's budget (Kubernetes:
        // Available, Progressing)
        var waitsForTheNode = new Cluster().settled(3);
        waitsForTheNode.nodes.set(0, new NodeInfo("n1", true, true));
        waitsForTheNode.pods.add(Cluster.pod("cart-r1", "", false, -1, null)); // Pending: no node has room
        assertThat(routine(waitsForTheNode)).isTrue();

        Anomaly podNotReady = new Anomaly(NOW, "pod-not-ready", "threshold", new Target(Target.Kind.POD, "shop", "cart-r1"), "cart", 1, "not ready");
        assertThat(new RoutineDisruption(waitsForTheNode).explains(podNotReady, NOW)).hasValueSatisfying(why -> assertThat(why)
                .startsWith("pod waiting for room in a routine disruption of its Deployment: a ready node is cordoned"));

        // meanwhile the HPA asks for two more: they wait for room too, and count as the drain's, not against the budget
        var hpaDuringDrain = new Cluster().settled(3);
        hpaDuringDrain.cart = new DeploymentInfo("shop", "cart", 6, 3, 6, 1, 1, 1, Long.MIN_VALUE, 0);
        hpaDuringDrain.nodes.set(0, new NodeInfo("n1", true, true));
        for (String p : List.of("cart-r1", "cart-h1", "cart-h2")) hpaDuringDrain.pods.add(Cluster.pod(p, "", false, -1, null));
        assertThat(new RoutineDisruption(hpaDuringDrain).explains(SHORT, NOW)).hasValueSatisfying(why -> assertThat(why)
                .contains("3 of 6 pods unavailable, 3 of them waiting for room"));
        var afterDrain = new RoutineDisruption(hpaDuringDrain);
        assertThat(afterDrain.explains(SHORT, NOW - 30_000)).isPresent();
        hpaDuringDrain.nodes.set(0, new NodeInfo("n1", true, false));
        assertThat(routine(hpaDuringDrain)).as("no drain: three pods no node has room for").isFalse();
        // uncordoned: the three start on it, the HPA's two among them
        hpaDuringDrain.pods.replaceAll(p -> p.unscheduled() ? Cluster.pod(p.name(), "n1", false, NOW - 5_000, null) : p);
        assertThat(afterDrain.explains(SHORT, NOW)).hasValueSatisfying(why -> assertThat(why)
                .contains("3 of 6 pods unavailable, 3 of them starting since, the others within 1"));

        // the drained node is back: the pod that waited for it loads on it; routine until the progress deadline
        var disruption = new RoutineDisruption(waitsForTheNode);
        assertThat(disruption.explains(SHORT, NOW - 60_000)).isPresent();
        waitsForTheNode.nodes.set(0, new NodeInfo("n1", true, false));
        waitsForTheNode.pods.set(waitsForTheNode.pods.size() - 1, Cluster.pod("cart-r1", "n1", false, NOW - 10_000, null));
        assertThat(disruption.explains(SHORT, NOW)).hasValueSatisfying(why -> assertThat(why).contains("a drain ended 0 s ago and the pods that waited for it are starting"));
        assertThat(disruption.explains(SHORT, NOW + PodStartup.PROGRESS_DEADLINE + 1)).isEmpty();
        assertThat(new RoutineDisruption(waitsForTheNode).explains(SHORT, NOW)).as("no drain seen").isEmpty();

        var noRoom = new Cluster().settled(3); // no drain, no rollout: a pod no node has room for
        noRoom.pods.add(Cluster.pod("cart-r1", "", false, -1, null));
        assertThat(routine(noRoom)).isFalse();
        assertThat(new RoutineDisruption(noRoom).explains(podNotReady, NOW)).isEmpty();

        var deadNode = new Cluster().settled(3);
        deadNode.nodes.set(1, new NodeInfo("n2", false, true)); // not ready (and cordoned by the engine)
        deadNode.pods.add(Cluster.pod("cart-3", "n2", false, 0, null)); // lost its readiness long after its start
        assertThat(routine(deadNode)).isFalse();
    }

    @Test
    void aPodKilledWithNoRolloutOrDrain_isAnIncident() {
        var killed = new Cluster().settled(3);
        killed.pods.add(Cluster.pod("cart-r1", "n2", false, NOW - 5_000, null));
        assertThat(routine(killed)).isFalse();
    }

    @Test
    void throughTheEngine_theRollingOutDeploymentRaisesNothing_whileAStalledOneDoes() {
        var policy = PolicyLoader.parse("""
                apiVersion: homeostat.dev/v1alpha1
                kind: RemediationPolicy
                metadata: {name: test}
                spec:
                  evaluationInterval: 15s
                  lookback: 1m
                  signals:
                    - {name: replicas-unavailable, metric: available_ratio, target: deployment, detector: "threshold:below=0.7"}
                  rules:
                    - name: page
                      match: {signals: [replicas-unavailable]}
                      actions: [page]
                """, "test.yaml", s -> { });
        var clock = new ManualClock(NOW - 15_000);
        var metrics = new FakeMetrics();
        var journal = new Recorder();
        var cluster = new Cluster().rollingOut(NOW - 120_000, 2, 3);
        cluster.pods.add(Cluster.pod("cart-new", "n2", false, NOW - 10_000, null));
        var engine = new Engine(policy, metrics, cluster, a -> ActionOutcome.applied("ok"), clock, journal, 1);
        Map<String, String> cart = Map.of("deployment", "cart", "namespace", "shop", "service", "cart");
        metrics.add("available_ratio", cart, NOW - 15_000, 0.5);
        engine.tick();
        assertThat(journal.of(EngineEvent.AnomalyRaised.class)).isEmpty();

        // past the progress deadline, timed from its last new pod, the same shortfall is raised (and paged)
        clock.set(NOW - 10_000 + dev.homeostat.remediation.diagnosis.PodStartup.PROGRESS_DEADLINE + 15_000);
        metrics.add("available_ratio", cart, clock.millis(), 0.5);
        engine.tick();
        assertThat(journal.of(EngineEvent.AnomalyRaised.class)).singleElement()
                .satisfies(a -> assertThat(a.anomaly().target().name()).isEqualTo("cart"));
    }
}
