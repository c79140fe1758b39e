package dev.homeostat.remediation.remediator;

import dev.homeostat.remediation.diagnosis.Diagnosis;
import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.Target;

/**
 * {@code restart-pod}: delete a pod so its ReplicaSet starts a fresh one. A pod target is that pod;
 * a service or deployment target is its worst-scoring pod among the recent anomalies (ties: the
 * pod whose name sorts first), else it is skipped. A pod that is gone needs nothing more. An unreachable service
 * (its diagnosis names no pod cut off from its callers) passes to the next action at once: its callers' calls fail on
 * the edges, a pod of it that happens to have an anomaly would come back behind the same edges, and waiting would only
 * delay the page that names them — once the calls have failed for two minutes ({@code lasting}); before, it waits (is
 * skipped): a pod lost with its node fails its callers' calls for the seconds before its own signals show.
 */
public final class RestartPodRemediator implements Remediator {
    @Override
    public Decision propose(RemediationRequest request) {
        if (request.diagnosis() instanceof Diagnosis.Unreachable u && request.target().kind() != Target.Kind.POD && !u.lasting())
            return new Decision.Skip(new ClusterAction.RestartPod(request.target()), "calls from " + u.callers() + " to " + u.service()
                    + " have failed for about a minute only: a pod lost with its node fails them so until its own signals show; waiting");
        if (request.diagnosis() instanceof Diagnosis.Unreachable u && request.target().kind() != Target.Kind.POD)
            return new Decision.Next(new ClusterAction.RestartPod(request.target()), "calls from " + u.callers() + " to " + u.service()
                    + " fail on the edges, and no pod of it receives markedly less traffic than its peers: no pod a restart would replace; the next action now");
        return Remediators.decide(Targets.pod(request), request, ClusterAction.RestartPod::new);
    }
}
