package dev.homeostat.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.port.ClusterView;
import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.remediation.port.NodeInfo;
import dev.homeostat.remediation.port.PodInfo;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** When the engine lifts the cordons, retry cuts and open circuits it keeps in force. */
class MeasuresTest {
    /** Nodes whose Ready and cordon, and Deployments whose replicas, the test sets. */
    private static final class Nodes implements ClusterView {
        final Map<String, NodeInfo> nodes = new TreeMap<>();
        final Map<String, DeploymentInfo> deployments = new TreeMap<>();

        void set(String name, boolean ready, boolean cordoned) { nodes.put(name, new NodeInfo(name, ready, cordoned)); }

        DeploymentInfo scale(String name, int replicas) {
            var d = new DeploymentInfo("shop", name, replicas, replicas);
            deployments.put(name, d);
            return d;
        }

        final List<PodInfo> pods = new java.util.ArrayList<>();

        @Override public List<PodInfo> pods() { return List.copyOf(pods); }
        @Override public List<DeploymentInfo> deployments() { return List.copyOf(deployments.values()); }
        @Override public List<NodeInfo> nodes() { return List.copyOf(nodes.values()); }
    }

    private static final long MINUTE = 60_000;
    private final Nodes cluster = new Nodes();
    private final Measures measures = new Measures(cluster, dev.homeostat.remediation.fakes.Harness.parse("""
              rules:
                - name: off-the-node
                  match: {signals: [mem]}
                  actions: [drain-node, page]
            """));
    private final ClusterAction drain = new ClusterAction.DrainNode(new Target(Target.Kind.NODE, null, "n1"));
    private final ClusterAction cut = new ClusterAction.LimitRetries(new Target(Target.Kind.SERVICE, "shop", "db"));

    private List<ClusterAction> due(long now, Set<String> anomalous) {
        return measures.due(now, anomalous::contains, (d, base, target) -> false).stream().map(m -> m.action).toList();
    }

    @Test
    void aLostNode_isUncordonedOnceReadyForLiftAfter_notBefore() {
        cluster.set("n1", false, false);
        assertThat(measures.someoneElses(drain)).isFalse();
        cluster.set("n1", false, true);
        measures.taken(drain, null, "service/shop/web", true, null);

        assertThat(due(0, Set.of())).isEmpty();
        cluster.set("n1", true, true);
        assertThat(due(10 * MINUTE, Set.of())).isEmpty();
        assertThat(due(10 * MINUTE + 59_000, Set.of())).isEmpty();
        cluster.set("n1", false, true); // flaps: the clock starts again when it is back
        assertThat(due(11 * MINUTE, Set.of())).isEmpty();
        cluster.set("n1", true, true);
        assertThat(due(12 * MINUTE, Set.of())).isEmpty();
        assertThat(due(13 * MINUTE, Set.of())).containsExactly(drain);
    }

    @Test
    void aLostNodeBackWhilePodsWaitForRoom_isUncordonedAtOnce() {
        cluster.set("n1", false, true);
        measures.taken(drain, null, "service/shop/web", true, null);
        cluster.pods.add(new PodInfo("shop", "web-x", "web", null, false, 0, -1));
        cluster.set("n1", true, true);

        assertThat(due(10 * MINUTE, Set.of())).as("the minute's wait would cost web that minute").containsExactly(drain);
    }

    @Test
    void aNodeThatStayedReady_staysCordoned_forAHumanToLift() {
        cluster.set("n1", true, true);
        measures.taken(drain, null, "service/shop/web", true, null);

        assertThat(due(60 * MINUTE, Set.of())).isEmpty();
        assertThat(due(120 * MINUTE, Set.of())).isEmpty();
        assertThat(measures.size()).isEqualTo(1);
    }

    @Test
    void aNodeCordonedBeforeTheEngineCame_isSomeoneElses_andADrainRefusedPartWayStillHoldsItsCordon() {
        cluster.set("n1", true, true);
        assertThat(measures.someoneElses(drain)).isTrue();

        cluster.set("n2", false, true);
        var n2 = new ClusterAction.DrainNode(new Target(Target.Kind.NODE, null, "n2"));
        measures.taken(n2, null, "service/shop/web", false, null);
        cluster.set("n2", true, true);
        assertThat(due(0, Set.of())).isEmpty();
        assertThat(due(MINUTE, Set.of())).containsExactly(n2);
    }

    @Test
    void aNodeUncordonedByHand_isDroppedWithoutALift() {
        cluster.set("n1", false, true);
        measures.taken(drain, null, "service/shop/web", true, null);
        cluster.set("n1", true, false);

        assertThat(due(10 * MINUTE, Set.of())).isEmpty();
        assertThat(measures.size()).isZero();
    }

    @Test
    void aRetryCut_isLiftedOnceItsServiceIsQuietForLiftAfter_andAnAnomalyStartsTheClockAgain() {
        measures.taken(cut, null, "service/shop/db", true, null);
        measures.taken(cut, null, "service/shop/db", true, null); // a second cut of the same service is the same measure

        assertThat(due(0, Set.of("service/shop/db"))).isEmpty();
        assertThat(due(MINUTE, Set.of())).isEmpty();
        assertThat(due(MINUTE + 30_000, Set.of("service/shop/db"))).isEmpty();
        assertThat(due(2 * MINUTE, Set.of("service/shop/web"))).isEmpty();
        assertThat(due(3 * MINUTE, Set.of())).containsExactly(cut);
        measures.done(measures.due(3 * MINUTE, ref -> false, (d, base, target) -> false).getFirst());
        assertThat(measures.size()).isZero();
    }

    @Test
    void actionsThatLeaveNothingInForce_areNotMeasures() {
        measures.taken(new ClusterAction.RestartPod(new Target(Target.Kind.POD, "shop", "db-1")), null, "service/shop/db", true, null);
        measures.taken(new ClusterAction.ScaleDeployment(new Target(Target.Kind.DEPLOYMENT, "shop", "db"), 3), null, "service/shop/db", false,
                cluster.scale("db", 2));
        measures.taken(new ClusterAction.LimitRetries(new Target(Target.Kind.SERVICE, "shop", "web")), null, "service/shop/web", false, null);

        assertThat(measures.size()).isZero();
    }

    @Test
    void aMeasureAnEarlierEngineLeft_isAdopted_aCordonOnANodeLostNowIsLiftedWhenItIsBack_oneOnAReadyNodeIsNot() {
        cluster.set("n1", false, true);
        cluster.set("n2", true, true);
        var n2 = new ClusterAction.CordonNode(new Target(Target.Kind.NODE, null, "n2"));
        measures.adopt(drain, null);
        measures.adopt(n2, null);
        measures.adopt(cut, "service/shop/db");
        measures.adopt(new ClusterAction.RestartPod(new Target(Target.Kind.POD, "shop", "db-1")), "service/shop/db");

        assertThat(measures.size()).isEqualTo(3);
        cluster.set("n1", true, true);
        var due = measures.due(0, ref -> false, (d, base, target) -> false);
        assertThat(due).isEmpty();
        due = measures.due(MINUTE, ref -> false, (d, base, target) -> false);
        assertThat(due.stream().map(m -> m.action)).containsExactly(drain, cut);
        assertThat(due).allSatisfy(m -> {
            assertThat(m.rule.name()).isEqualTo(Measures.ADOPTED);
            assertThat(m.rule.mode()).as("the policy drains nodes in auto mode").isEqualTo(dev.homeostat.remediation.policy.Mode.AUTO);
        });
    }

    private final Target db = new Target(Target.Kind.DEPLOYMENT, "shop", "db");

    /** The engine scales shop/db from {@code from} to {@code to} replicas. */
    private void scaled(int from, int to) {
        DeploymentInfo before = cluster.deployments.get("db");
        if (before == null || before.replicas() != from) before = cluster.scale("db", from);
        measures.taken(new ClusterAction.ScaleDeployment(db, to), null, "service/shop/db", true, before);
        cluster.scale("db", to);
    }

    @Test
    void aScaleUp_isScaledBackToItsReplicasBeforeTheEnginesFirstStep_afterThirtyQuietMinutesOnWhichTheLoadFitsThere() {
        scaled(4, 6);
        scaled(6, 8); // a second step: the same measure, its base still the 4 replicas before the first
        double[] busy = {0.5};
        Measures.Fit fit = (d, base, target) -> busy[0] * d.readyReplicas() <= target * base;
        assertThat(measures.due(0, Set.of("service/shop/db")::contains, fit)).isEmpty();
        assertThat(measures.due(MINUTE, ref -> false, fit)).as("8 pods at 0.5 are 4 pods at 1.0: above the 0.6 target").isEmpty();
        busy[0] = 0.25; // 4 pods at 0.5
        assertThat(measures.due(2 * MINUTE, ref -> false, fit)).isEmpty();
        assertThat(measures.due(7 * MINUTE, ref -> false, fit)).as("neither liftAfter (1 min) nor the HPA's 5 minutes").isEmpty();
        busy[0] = 0.4;
        assertThat(measures.due(10 * MINUTE, ref -> false, fit)).as("a busier moment starts the window again").isEmpty();
        busy[0] = 0.25;
        assertThat(measures.due(11 * MINUTE, ref -> false, fit)).isEmpty();
        assertThat(measures.due(40 * MINUTE, Set.of("deployment/shop/db")::contains, fit)).as("an anomaly of the Deployment holds it").isEmpty();
        assertThat(measures.due(41 * MINUTE, ref -> false, fit)).isEmpty();
        assertThat(measures.due(70 * MINUTE + 59_000, ref -> false, fit)).isEmpty();
        var due = measures.due(71 * MINUTE, ref -> false, fit);
        assertThat(due).hasSize(1);
        assertThat(due.getFirst().lift()).isEqualTo(new ClusterAction.Lift(new ClusterAction.ScaleDeployment(db, 4)));
    }

    @Test
    void aScaleUpsReplicasNoNodeHasRoomFor_areTakenBackAfterTwoMinutes_theRestHeldUntilItsLoadHasGone() {
        scaled(4, 8);
        for (int i = 0; i < 8; i++) cluster.pods.add(new PodInfo("shop", "db-" + i, "db", i < 5 ? "n1" : null, i < 5, 0, 0));
        Measures.Fit busy = (d, base, target) -> false;
        assertThat(measures.due(0, ref -> true, busy)).as("waiting since now").isEmpty();
        assertThat(measures.due(MINUTE, ref -> true, busy)).isEmpty();
        var due = measures.due(2 * MINUTE, ref -> true, busy);
        assertThat(due).singleElement().satisfies(m -> assertThat(m.lift()).isEqualTo(new ClusterAction.Lift(
                new ClusterAction.ScaleDeployment(db, 5), "taking back the replicas no node has room for: 3 of its pods waited unscheduled for 120 s")));
        measures.done(due.getFirst());
        cluster.scale("db", 5);
        cluster.pods.removeIf(p -> p.node() == null);
        assertThat(measures.size()).as("the 5th replica is still the engine's").isEqualTo(1);
        assertThat(measures.due(3 * MINUTE, ref -> true, busy)).isEmpty();
        assertThat(measures.due(40 * MINUTE, ref -> false, (d, base, target) -> true)).isEmpty();
        var lifted = measures.due(70 * MINUTE, ref -> false, (d, base, target) -> true);
        assertThat(lifted).singleElement().satisfies(m -> assertThat(m.lift()).isEqualTo(new ClusterAction.Lift(new ClusterAction.ScaleDeployment(db, 4))));
    }

    @Test
    void aDeploymentAtItsBaseWithPodsWaiting_isNotTrimmedBelowIt() {
        scaled(4, 6);
        for (int i = 0; i < 6; i++) cluster.pods.add(new PodInfo("shop", "db-" + i, "db", i < 1 ? "n1" : null, i < 1, 0, 0));
        measures.due(0, ref -> true, (d, base, target) -> false);
        var due = measures.due(2 * MINUTE, ref -> true, (d, base, target) -> false);
        assertThat(due).singleElement().satisfies(m -> assertThat(((ClusterAction.ScaleDeployment) m.lift().measure()).replicas()).isEqualTo(4));
        measures.done(due.getFirst());
        assertThat(measures.size()).as("back at its base: nothing of the engine's left").isZero();
    }

    @Test
    void aScaleUpWhoseReplicasSomeoneSetSince_isTheirs_andOneAnHpaOwns_isNotHeld() {
        scaled(4, 6);
        cluster.scale("db", 5);
        assertThat(measures.due(30 * MINUTE, ref -> false, (d, base, target) -> true)).isEmpty();
        assertThat(measures.size()).isZero();

        var withHpa = new DeploymentInfo("shop", "db", 4, 4).withHpa(new DeploymentInfo.Autoscaler("db", 2, 10));
        measures.taken(new ClusterAction.ScaleDeployment(db, 6), null, "service/shop/db", true, withHpa);
        assertThat(measures.size()).as("its HPA takes the step back itself").isZero();
    }
}
