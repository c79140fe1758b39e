package dev.homeostat.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.fakes.FakeMetrics;
import dev.homeostat.remediation.fakes.ManualClock;
import dev.homeostat.remediation.fakes.Recorder;
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
        late.pods.add(Cluster.pod("cart-new", "n2", false, NOW - 10_000, null));
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
    void aDrainRefillingTheDeployment_isRoutine_butPodsLostToADeadNodeOrNoRoomAreNot() {
        var drain = new Cluster().settled(3);
        drain.nodes.set(0, new NodeInfo("n1", true, true)); // cordoned for maintenance, still ready
        drain.pods.add(Cluster.pod("cart-r1", "n2", false, -1, null)); // the evicted pod's replacement, not running yet
        assertThat(new RoutineDisruption(drain).explains(SHORT, NOW)).hasValueSatisfying(why -> assertThat(why).contains("cordoned"));

        var noRoom = new Cluster().settled(3);
        noRoom.nodes.set(0, new NodeInfo("n1", true, true));
        noRoom.pods.add(Cluster.pod("cart-r1", "", false, -1, null)); // Pending: no node has room
        assertThat(routine(noRoom)).isFalse();

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

        // past the progress deadline the same shortfall is raised (and paged)
        clock.set(NOW - 120_000 + dev.homeostat.remediation.diagnosis.PodStartup.PROGRESS_DEADLINE + 15_000);
        metrics.add("available_ratio", cart, clock.millis(), 0.5);
        engine.tick();
        assertThat(journal.of(EngineEvent.AnomalyRaised.class)).singleElement()
                .satisfies(a -> assertThat(a.anomaly().target().name()).isEqualTo("cart"));
    }
}
