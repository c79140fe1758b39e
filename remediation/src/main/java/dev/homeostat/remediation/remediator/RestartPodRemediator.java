package dev.homeostat.remediation.remediator;

import dev.homeostat.remediation.model.ClusterAction;

/**
 * {@code restart-pod}: delete a pod so its ReplicaSet starts a fresh one. A pod target is that pod;
 * a service or deployment target is its worst-scoring pod among the recent anomalies (ties: the
 * pod whose name sorts first), else it is skipped. A pod that is gone needs nothing more.
 */
public final class RestartPodRemediator implements Remediator {
    @Override
    public Decision propose(RemediationRequest request) {
        return Remediators.decide(Targets.pod(request), request, ClusterAction.RestartPod::new);
    }
}
