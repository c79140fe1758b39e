package dev.homeostat.remediation.remediator;

import dev.homeostat.remediation.model.ClusterAction;

/**
 * {@code drain-node}: cordon the node of the incident's pod (a node target is itself) and evict its
 * pods through the Eviction API, never forcing past a PodDisruptionBudget.
 */
public final class DrainNodeRemediator implements Remediator {
    @Override
    public Decision propose(RemediationRequest request) {
        return Remediators.decide(Targets.node(request), request, ClusterAction.DrainNode::new);
    }
}
