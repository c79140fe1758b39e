package dev.homeostat.remediation.router;

import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.policy.Rule;
import dev.homeostat.remediation.port.ActionOutcome;

/** Where the router's decisions go: through the guards to the cluster, journaling what was executed. */
@FunctionalInterface
public interface ActionGate {
    /**
     * Guards {@code action}, and runs it unless one vetoes it; {@code beforeRunning} is called just before the cluster is
     * changed (the router keeps the tick's view of the pods as it was).
     */
    Attempt apply(ClusterAction action, Rule rule, String service, long nowMillis, Runnable beforeRunning);

    /** What became of one action. */
    sealed interface Attempt {
        record Executed(ActionOutcome outcome) implements Attempt { }

        record Vetoed(String guard, String reason) implements Attempt { }
    }
}
