package dev.homeostat.remediation.remediator;

import dev.homeostat.remediation.model.ClusterAction;

/**
 * {@code isolate-pod}: take a pod out of its Services' endpoints and keep it for debugging (its
 * ReplicaSet starts a replacement). Targets resolve as for {@code restart-pod}.
 */
public final class IsolatePodRemediator implements Remediator {
    @Override
    public Decision propose(RemediationRequest request) {
        return Remediators.decide(Targets.pod(request), request, ClusterAction.IsolatePod::new);
    }
}
