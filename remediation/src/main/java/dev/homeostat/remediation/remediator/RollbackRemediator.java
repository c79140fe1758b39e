package dev.homeostat.remediation.remediator;

import dev.homeostat.remediation.model.ClusterAction;
import java.util.Objects;

/**
 * {@code rollback}: roll a Deployment back to its previous revision (the answer to a bad rollout).
 * A pod target rolls back its Deployment; a service target the Deployment of its worst pod. A StatefulSet is not
 * rolled back: Kubernetes does not roll one back past a member that never got Ready (its documentation's "forced
 * rollback" deletes that pod by hand), and its members hold state the new revision may already have written; the
 * engine leaves its revision to its team and the chain moves on to the page.
 */
public final class RollbackRemediator implements Remediator {
    @Override
    public Decision propose(RemediationRequest request) {
        Targets.Found found = Targets.deployment(request);
        if (found.present() && stateful(request, found)) {
            return new Decision.Skip(new ClusterAction.RollbackDeployment(found.target()), "statefulset " + found.target().namespace() + "/"
                    + found.target().name() + " is not rolled back by the engine: Kubernetes does not roll a StatefulSet back past a member"
                    + " that never got Ready, and its members hold state the new revision may have written; its team decides");
        }
        return Remediators.decide(found, request, ClusterAction.RollbackDeployment::new);
    }

    private static boolean stateful(RemediationRequest request, Targets.Found found) {
        return request.deployments().stream().anyMatch(d -> d.stateful()
                && Objects.equals(d.namespace(), found.target().namespace()) && d.name().equals(found.target().name()));
    }
}
