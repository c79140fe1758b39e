package dev.homeostat.remediation.remediator;

import dev.homeostat.remediation.diagnosis.Diagnosis;
import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.Target;

/**
 * {@code limit-retries}: stop the callers of a slow dependency from retrying toward it, so their retries do not
 * multiply its load into an outage (a retry storm). A service target is the dependency; for a pod or deployment
 * target it is the service its anomaly came from. Skipped while the dependency has lost pods (its diagnosis'
 * {@code lostPods}: a dead node's, crash-looping, unschedulable): a retry then lands on a pod that still serves, so the
 * callers' retries mask those failures, and cutting them would hand the failures to the users.
 */
public final class LimitRetriesRemediator implements Remediator {
    @Override
    public Decision propose(RemediationRequest request) {
        Targets.Found found = Targets.service(request);
        if (found.present() && request.diagnosis() instanceof Diagnosis.Dependency d && !d.lostPods().isEmpty()) {
            Target service = found.target();
            return new Decision.Skip(new ClusterAction.LimitRetries(service), service.ref() + " has " + d.lostPods().size()
                    + " pod(s) that do not serve " + d.lostPods().stream().map(Target::name).toList()
                    + ": its callers' retries reach the pods still serving and mask those failures; cutting them would not relieve it");
        }
        return Remediators.decide(found, request, ClusterAction.LimitRetries::new);
    }
}
