package dev.homeostat.remediation.guard;

import dev.homeostat.remediation.policy.Mode;
import dev.homeostat.remediation.port.ClusterView;

/** What a guard may consult about one proposed action: the time, the rule that chose it, and the cluster as it is now. */
public record GuardContext(long nowMillis, String rule, Mode mode, ClusterView cluster) { }
