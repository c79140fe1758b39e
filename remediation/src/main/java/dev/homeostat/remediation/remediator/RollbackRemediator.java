package dev.homeostat.remediation.remediator;

import dev.homeostat.remediation.model.ClusterAction;

/**
 * {@code rollback}: roll a Deployment back to its previous revision (the answer to a bad rollout).
 * A pod target rolls back its Deployment; a service target the Deployment of its worst pod.
 */
public final class RollbackRemediator implements Remediator {
    @Override
    public Decision propose(RemediationRequest request) {
        return Remediators.decide(Targets.deployment(request), request, ClusterAction.RollbackDeployment::new);
    }
}
