package dev.homeostat.remediation.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.policy.Mode;
import dev.homeostat.remediation.port.ClusterView;
import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.remediation.port.PodInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class RollbackGuardTest {
    private static final Target MODEL = new Target(Target.Kind.DEPLOYMENT, "accel", "ranker-model");
    private static final ClusterAction ROLLBACK = new ClusterAction.RollbackDeployment(MODEL);

    /** The Deployment's current revision, as the view reads it (0: it reads none). */
    private int revision = 2;
    private final ClusterView view = new ClusterView() {
        @Override public List<PodInfo> pods() { return List.of(); }

        @Override public List<DeploymentInfo> deployments() {
            return List.of(new DeploymentInfo("accel", "ranker-model", 3, 2, 3, 1, 1, revision, 0, revision > 1 ? revision - 1 : 0));
        }
    };

    private GuardContext at(long now) { return new GuardContext(now, "roll-back-recent-change", Mode.AUTO, view, true); }

    /** Runs the rollback through the guard as the engine does: veto, then (the cluster writes the old template anew) onExecuted. */
    private void rollBack(RollbackGuard guard, long now) {
        assertThat(guard.veto(ROLLBACK, at(now))).isEmpty();
        revision++;
        guard.onExecuted(ROLLBACK, at(now));
    }

    @Test
    void theEnginesOwnRollback_isNotRolledBack_butANewerRolloutMayBe() {
        var guard = new RollbackGuard();
        rollBack(guard, 0); // revision 2 is bad: back to 1's template, written as revision 3
        assertThat(guard.veto(ROLLBACK, at(300_000))).hasValueSatisfying(why -> assertThat(why)
                .contains("deployment/accel/ranker-model runs the engine's own rollback of revision 2")
                .contains("would redeploy the revision it undid"));
        assertThat(guard.veto(new ClusterAction.RollbackDeployment(new Target(Target.Kind.DEPLOYMENT, "accel", "other")), at(300_000)))
                .as("another Deployment").isEmpty();

        revision = 4; // the team rolls out a fix, and it is bad too
        rollBack(guard, 7_200_000);
        assertThat(guard.veto(ROLLBACK, at(7_500_000))).isPresent();
    }

    @Test
    void withoutRevisions_aSecondRollbackWaitsAnHour() {
        var guard = new RollbackGuard();
        revision = 0;
        assertThat(guard.veto(ROLLBACK, at(0))).isEmpty();
        guard.onExecuted(ROLLBACK, at(0));
        revision = 0;
        assertThat(guard.veto(ROLLBACK, at(3_599_999))).isPresent();
        assertThat(guard.veto(ROLLBACK, at(3_600_000))).isEmpty();
    }
}
