package dev.homeostat.remediation.remediator;

import dev.homeostat.remediation.model.ClusterAction;

/**
 * {@code limit-retries}: stop the callers of a slow dependency from retrying toward it, so their retries do not
 * multiply its load into an outage (a retry storm). A service target is the dependency; for a pod or deployment
 * target it is the service its anomaly came from.
 */
public final class LimitRetriesRemediator implements Remediator {
    @Override
    public Decision propose(RemediationRequest request) {
        return Remediators.decide(Targets.service(request), request, ClusterAction.LimitRetries::new);
    }
}
