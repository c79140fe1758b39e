package dev.homeostat.remediation.live;

import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.port.ActionOutcome;
import dev.homeostat.remediation.port.ClusterActions;
import java.util.Objects;

/** Counts and times every action the engine sends to the cluster (or to the dry run), by action and outcome. */
final class TimedActions implements ClusterActions {
    private final ClusterActions delegate;
    private final LiveMetrics metrics;

    TimedActions(ClusterActions delegate, LiveMetrics metrics) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override public ActionOutcome execute(ClusterAction action) {
        long t0 = System.nanoTime();
        ActionOutcome outcome = delegate.execute(action);
        String result = outcome.applied() ? "applied" : outcome.detail().startsWith(DryRunActions.PREFIX) ? "dry-run" : "refused";
        metrics.action(action.kind(), result, (System.nanoTime() - t0) / 1e9);
        return outcome;
    }
}
