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
    /** Nodes whose Ready and cordon the test sets. */
    private static final class Nodes implements ClusterView {
        final Map<String, NodeInfo> nodes = new TreeMap<>();

        void set(String name, boolean ready, boolean cordoned) { nodes.put(name, new NodeInfo(name, ready, cordoned)); }

        @Override public List<PodInfo> pods() { return List.of(); }
        @Override public List<DeploymentInfo> deployments() { return List.of(); }
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
        return measures.due(now, anomalous::contains).stream().map(m -> m.action).toList();
    }

    @Test
    void aLostNode_isUncordonedOnceReadyForLiftAfter_notBefore() {
        cluster.set("n1", false, false);
        assertThat(measures.someoneElses(drain)).isFalse();
        cluster.set("n1", false, true);
        measures.taken(drain, null, "service/shop/web", true);

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
    void aNodeThatStayedReady_staysCordoned_forAHumanToLift() {
        cluster.set("n1", true, true);
        measures.taken(drain, null, "service/shop/web", true);

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
        measures.taken(n2, null, "service/shop/web", false);
        cluster.set("n2", true, true);
        assertThat(due(0, Set.of())).isEmpty();
        assertThat(due(MINUTE, Set.of())).containsExactly(n2);
    }

    @Test
    void aNodeUncordonedByHand_isDroppedWithoutALift() {
        cluster.set("n1", false, true);
        measures.taken(drain, null, "service/shop/web", true);
        cluster.set("n1", true, false);

        assertThat(due(10 * MINUTE, Set.of())).isEmpty();
        assertThat(measures.size()).isZero();
    }

    @Test
    void aRetryCut_isLiftedOnceItsServiceIsQuietForLiftAfter_andAnAnomalyStartsTheClockAgain() {
        measures.taken(cut, null, "service/shop/db", true);
        measures.taken(cut, null, "service/shop/db", true); // a second cut of the same service is the same measure

        assertThat(due(0, Set.of("service/shop/db"))).isEmpty();
        assertThat(due(MINUTE, Set.of())).isEmpty();
        assertThat(due(MINUTE + 30_000, Set.of("service/shop/db"))).isEmpty();
        assertThat(due(2 * MINUTE, Set.of("service/shop/web"))).isEmpty();
        assertThat(due(3 * MINUTE, Set.of())).containsExactly(cut);
        measures.done(measures.due(3 * MINUTE, ref -> false).getFirst());
        assertThat(measures.size()).isZero();
    }

    @Test
    void actionsThatLeaveNothingInForce_areNotMeasures() {
        measures.taken(new ClusterAction.RestartPod(new Target(Target.Kind.POD, "shop", "db-1")), null, "service/shop/db", true);
        measures.taken(new ClusterAction.ScaleDeployment(new Target(Target.Kind.DEPLOYMENT, "shop", "db"), 3), null, "service/shop/db", true);
        measures.taken(new ClusterAction.LimitRetries(new Target(Target.Kind.SERVICE, "shop", "web")), null, "service/shop/web", false);

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
        var due = measures.due(0, ref -> false);
        assertThat(due).isEmpty();
        due = measures.due(MINUTE, ref -> false);
        assertThat(due.stream().map(m -> m.action)).containsExactly(drain, cut);
        assertThat(due).allSatisfy(m -> {
            assertThat(m.rule.name()).isEqualTo(Measures.ADOPTED);
            assertThat(m.rule.mode()).as("the policy drains nodes in auto mode").isEqualTo(dev.homeostat.remediation.policy.Mode.AUTO);
        });
    }
}
