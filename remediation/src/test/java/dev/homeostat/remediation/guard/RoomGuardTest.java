package dev.homeostat.remediation.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.policy.Mode;
import dev.homeostat.remediation.port.ClusterView;
import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.remediation.port.NodeInfo;
import dev.homeostat.remediation.port.PodInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoomGuardTest {
    private static final Target WEB = new Target(Target.Kind.DEPLOYMENT, "shop", "web");
    private static final Target API = new Target(Target.Kind.DEPLOYMENT, "shop", "api");

    private final List<NodeInfo> nodes = new ArrayList<>(List.of(new NodeInfo("a", true, false), new NodeInfo("b", true, false),
            new NodeInfo("c", false, true)));
    private final List<PodInfo> pods = new ArrayList<>(List.of(pod("web-1", "a"), pod("web-2", "b"), pod("db-0", "b")));
    private final ClusterView view = new ClusterView() {
        @Override public List<PodInfo> pods() { return List.copyOf(pods); }

        @Override public List<DeploymentInfo> deployments() {
            return List.of(new DeploymentInfo("shop", "web", 3, 3), new DeploymentInfo("shop", "api", 2, 1),
                    new DeploymentInfo("shop", "db", 1, 1, 1, 1, 1, 0, Long.MIN_VALUE, 0, null, true));
        }

        @Override public List<NodeInfo> nodes() { return List.copyOf(nodes); }
    };

    private static PodInfo pod(String name, String node) { return new PodInfo("shop", name, name.split("-")[0], node, true, 0, 0); }

    private GuardContext at(long now) { return new GuardContext(now, "r", Mode.AUTO, view); }

    private static ClusterAction scale(Target t, int replicas) { return new ClusterAction.ScaleDeployment(t, replicas); }

    private static ClusterAction trimmed(Target t, int to) {
        return new ClusterAction.Lift(new ClusterAction.ScaleDeployment(t, to), "taking back the replicas no node has room for");
    }

    @Test
    void aScaleUpTakenBackForWantOfRoom_isHeldUntilANodeBecomesSchedulable() {
        var guard = new RoomGuard();
        guard.onExecuted(trimmed(WEB, 3), at(0));
        assertThat(guard.veto(scale(WEB, 5), at(300_000))).hasValueSatisfying(why -> assertThat(why)
                .contains("deployment/shop/web's last scale-up was taken back 5m ago").contains("no node has become schedulable"));
        assertThat(guard.veto(scale(API, 5), at(300_000))).as("another Deployment").isEmpty();
        assertThat(guard.veto(new ClusterAction.Lift(new ClusterAction.ScaleDeployment(WEB, 3)), at(300_000))).as("a lift").isEmpty();

        nodes.set(0, new NodeInfo("a", false, false)); // fewer nodes take pods: still no room
        assertThat(guard.veto(scale(WEB, 5), at(400_000))).isPresent();
        nodes.set(2, new NodeInfo("c", true, false)); // the lost node is back and uncordoned
        assertThat(guard.veto(scale(WEB, 5), at(500_000))).isEmpty();
        nodes.set(2, new NodeInfo("c", false, true));
        assertThat(guard.veto(scale(WEB, 5), at(500_001))).as("forgotten once room came").isEmpty();
    }

    @Test
    void aNewNodeEndsTheHold_andSoDoesTheHoldsLength() {
        var guard = new RoomGuard(Duration.ofMinutes(30));
        guard.onExecuted(trimmed(WEB, 3), at(0));
        assertThat(guard.veto(scale(WEB, 4), at(29 * 60_000))).isPresent();
        assertThat(guard.veto(scale(WEB, 4), at(30 * 60_000))).isEmpty();

        guard.onExecuted(trimmed(API, 2), at(0));
        nodes.add(new NodeInfo("d", true, false)); // the autoscaler added a node
        assertThat(guard.veto(scale(API, 4), at(60_000))).isEmpty();
    }

    @Test
    void aPodLeavingASchedulableNode_endsTheHold_butNotOneGoingOrOnALostNode() {
        var guard = new RoomGuard();
        guard.onExecuted(trimmed(WEB, 3), at(0));
        pods.add(pod("web-3", null)); // still Pending
        pods.set(2, new PodInfo("shop", "db-0", "db", "b", true, 0, 0, 0, null, true)); // being deleted: its room is not free yet
        assertThat(guard.veto(scale(WEB, 5), at(60_000))).isPresent();
        nodes.set(0, new NodeInfo("a", false, false));
        pods.remove(0); // web-1 left a node that is lost now
        assertThat(guard.veto(scale(WEB, 5), at(120_000))).isPresent();
        pods.remove(1); // db-0 is gone from b
        assertThat(guard.veto(scale(WEB, 5), at(180_000))).isEmpty();
    }

    @Test
    void aStatefulSetMember_isNotRestartedWhilePodsWaitForRoom_aDeploymentsPodIs() {
        var guard = new RoomGuard();
        var member = new ClusterAction.RestartPod(new Target(Target.Kind.POD, "shop", "db-0"));
        var web = new ClusterAction.RestartPod(new Target(Target.Kind.POD, "shop", "web-1"));
        assertThat(guard.veto(member, at(0))).as("nothing waits").isEmpty();
        pods.add(pod("api-9", null)); // an HPA's new pod, Pending
        assertThat(guard.veto(member, at(0))).hasValueSatisfying(why -> assertThat(why)
                .contains("1 pod(s) wait for room (shop/api-9)").contains("StatefulSet member shop/db-0").contains("on b"));
        assertThat(guard.veto(web, at(0))).isEmpty();
        nodes.set(1, new NodeInfo("b", false, false)); // its node is lost: it holds no room anyone can use
        assertThat(guard.veto(member, at(0))).isEmpty();
    }

    @Test
    void aLiftOfAScaleUpWhoseLoadHasGone_holdsNothing() {
        var guard = new RoomGuard();
        guard.onExecuted(new ClusterAction.Lift(new ClusterAction.ScaleDeployment(WEB, 3)), at(0));
        guard.onExecuted(scale(WEB, 5), at(0));
        assertThat(guard.veto(scale(WEB, 6), at(60_000))).isEmpty();
    }
}
