package dev.homeostat.remediation.remediator;

import dev.homeostat.remediation.model.ClusterAction;

/**
 * {@code wait}: do nothing for the rule's {@code verifyAfter}, so Kubernetes (replacing killed pods, rescheduling) or
 * the fault's end can clear the problem first; if the target still alerts then, the chain moves on (usually to a
 * page). What a team does before waking anyone for an outage it cannot act on.
 */
public final class WaitRemediator implements Remediator {
    @Override
    public Decision propose(RemediationRequest request) {
        return new Decision.Skip(new ClusterAction.Page(request.target(), "waiting"),
                "nothing to act on: waiting verifyAfter for Kubernetes or the fault's end before paging");
    }
}
