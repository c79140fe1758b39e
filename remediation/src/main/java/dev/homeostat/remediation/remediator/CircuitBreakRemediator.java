package dev.homeostat.remediation.remediator;

import dev.homeostat.remediation.model.ClusterAction;

/**
 * {@code circuit-break}: stop sending traffic to a failing dependency so its callers fail fast
 * instead of piling up on timeouts. A service target is the dependency; for a pod or deployment
 * target it is the service its anomaly came from.
 */
public final class CircuitBreakRemediator implements Remediator {
    @Override
    public Decision propose(RemediationRequest request) {
        return Remediators.decide(Targets.service(request), request, ClusterAction.CircuitBreak::new);
    }
}
