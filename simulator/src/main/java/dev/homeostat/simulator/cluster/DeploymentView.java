package dev.homeostat.simulator.cluster;

/**
 * A read-only snapshot of one Deployment. {@code revision} is the current pod template's number
 * ({@code deployment.kubernetes.io/revision}); {@code generation} counts template changes and
 * {@code observedGeneration} how many of them the controller has acted on; {@code updatedReplicas}
 * are the live pods running the current template. {@code revisionSince} is when the current revision's rollout began
 * ({@code Long.MIN_VALUE}: before the run); {@code rollbackTo} the revision {@code kubectl rollout undo} returns to, 0
 * without one. {@code stateful}: a StatefulSet (its pods have ordinal names and hold state), not a Deployment.
 * {@code maxUnavailable}: the pods its rolling update may take below {@code replicas}, resolved from its strategy.
 */
public record DeploymentView(String namespace, String name, int replicas, int readyReplicas, int availableReplicas,
                             int revision, long generation, long observedGeneration, int updatedReplicas, long revisionSince,
                             int rollbackTo, boolean stateful, int maxUnavailable) {
    /** A settled Deployment at revision 1, with Kubernetes' default strategy. */
    public DeploymentView(String namespace, String name, int replicas, int readyReplicas, int availableReplicas) {
        this(namespace, name, replicas, readyReplicas, availableReplicas, 1, 1, 1, replicas, Long.MIN_VALUE, 0, false, replicas / 4);
    }

    /** Whether a rollout is under way (as {@code kubectl rollout status} judges it). */
    public boolean rolloutInProgress() { return observedGeneration < generation || updatedReplicas < replicas; }
}
