package dev.homeostat.remediation.guard;

import dev.homeostat.remediation.policy.Mode;
import dev.homeostat.remediation.port.ClusterView;

/**
 * What a guard may consult about one proposed action: the time, the rule that chose it (its name,
 * its mode, and whether it may act during a rollout), and the cluster as it is now.
 */
public record GuardContext(long nowMillis, String rule, Mode mode, ClusterView cluster, boolean duringRollout) {
    /** A context for a rule that does not act during rollouts. */
    public GuardContext(long nowMillis, String rule, Mode mode, ClusterView cluster) {
        this(nowMillis, rule, mode, cluster, false);
    }
}
