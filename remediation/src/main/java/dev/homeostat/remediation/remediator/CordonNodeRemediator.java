package dev.homeostat.remediation.remediator;

import dev.homeostat.remediation.model.ClusterAction;

/**
 * {@code cordon-node}: stop new pods landing on the node of the incident's pod (a node target is
 * itself). A node the view already shows cordoned is skipped: cordoning it again changes nothing.
 */
public final class CordonNodeRemediator implements Remediator {
    @Override
    public Decision propose(RemediationRequest request) {
        Targets.Found found = Targets.node(request);
        if (found.present() && request.nodes().stream().anyMatch(n -> n.name().equals(found.target().name()) && n.unschedulable())) {
            return new Decision.Skip(new ClusterAction.CordonNode(found.target()), "node " + found.target().name() + " is already cordoned");
        }
        return Remediators.decide(found, request, ClusterAction.CordonNode::new);
    }
}
