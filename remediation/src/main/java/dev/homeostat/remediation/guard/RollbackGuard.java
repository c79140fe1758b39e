package dev.homeostat.remediation.guard;

import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.port.DeploymentInfo;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * No rollback of a Deployment whose current revision is the engine's own rollback. A rollback is a rollout like any
 * other ({@code kubectl rollout undo} writes the old template as a new revision), so a rollback of it returns to the
 * revision it undid — the one judged bad — and the two alternate for as long as anything alerts: a rollout of slow
 * model servers on a full node pool was rolled back and forth every five minutes for an hour and a half. Once
 * someone rolls out a newer revision, that one may be rolled back again. A view that reads no revisions holds a
 * second rollback for {@link #UNKNOWN_REVISION_HOLD}.
 */
public final class RollbackGuard implements Guard {
    public static final String NAME = "rollback";
    /** Without revisions: how long after its rollback a Deployment is not rolled back again. */
    static final Duration UNKNOWN_REVISION_HOLD = Duration.ofHours(1);

    /** The engine's rollback of a Deployment: when, and the revision it rolled back from (0: the view reads none). */
    private record Undone(long atMillis, int fromRevision) { }

    /** By Deployment ref. */
    private final Map<String, Undone> undone = new HashMap<>();
    /** The revision each rollback let through was rolling back from: the view may show the new one once it ran. */
    private final Map<String, Integer> passing = new HashMap<>();

    @Override public String name() { return NAME; }

    @Override
    public Optional<String> veto(ClusterAction action, GuardContext context) {
        if (!(action instanceof ClusterAction.RollbackDeployment r)) return Optional.empty();
        int revision = context.cluster().deployment(r.target().namespace(), r.target().name()).map(DeploymentInfo::revision).orElse(0);
        passing.put(r.target().ref(), revision);
        Undone was = undone.get(r.target().ref());
        if (was == null) return Optional.empty();
        boolean ours = was.fromRevision() > 0 && revision > 0
                ? revision == was.fromRevision() + 1
                : context.nowMillis() - was.atMillis() < UNKNOWN_REVISION_HOLD.toMillis();
        if (!ours) {
            undone.remove(r.target().ref());
            return Optional.empty();
        }
        return Optional.of(r.target().ref() + " runs the engine's own rollback" + (was.fromRevision() > 0 ? " of revision " + was.fromRevision() : "")
                + ", done " + (context.nowMillis() - was.atMillis()) / 1000 + " s ago: rolling it back would redeploy the revision it"
                + " undid; its team decides");
    }

    @Override
    public void onExecuted(ClusterAction action, GuardContext context) {
        if (!(action instanceof ClusterAction.RollbackDeployment r)) return;
        Integer from = passing.remove(r.target().ref());
        undone.put(r.target().ref(), new Undone(context.nowMillis(), from == null ? 0 : from));
    }
}
