package dev.homeostat.simulator.cluster;

/**
 * A read-only snapshot of one Deployment. {@code revision} is the current pod template's number
 * ({@code deployment.kubernetes.io/revision}); {@code generation} counts template changes and
 * {@code observedGeneration} how many of them the controller has acted on; {@code updatedReplicas}
 * are the live pods running the current template.
 */
public record DeploymentView(String namespace, String name, int replicas, int readyReplicas, int availableReplicas,
                             int revision, long generation, long observedGeneration, int updatedReplicas) {
    /** A settled Deployment at revision 1. */
    public DeploymentView(String namespace, String name, int replicas, int readyReplicas, int availableReplicas) {
        this(namespace, name, replicas, readyReplicas, availableReplicas, 1, 1, 1, replicas);
    }

    /** Whether a rollout is under way (as {@code kubectl rollout status} judges it). */
    public boolean rolloutInProgress() { return observedGeneration < generation || updatedReplicas < replicas; }
}
