package dev.homeostat.remediation.port;

/**
 * A Deployment as the engine sees it — or an Argo Rollouts {@code Rollout}, which manages its pods in a Deployment's
 * stead ({@code rollout} non-null). {@code updatedReplicas}, {@code generation} and {@code observedGeneration} tell
 * whether a rollout is progressing; a view that does not know them (the four-argument constructor) reports a settled
 * rollout.
 *
 * @param rollout the Rollout's own status when this is an Argo Rollout, else null
 */
public record DeploymentInfo(String namespace, String name, int replicas, int readyReplicas, int updatedReplicas,
                             long generation, long observedGeneration, RolloutStatus rollout) {
    public DeploymentInfo(String namespace, String name, int replicas, int readyReplicas, int updatedReplicas,
                          long generation, long observedGeneration) {
        this(namespace, name, replicas, readyReplicas, updatedReplicas, generation, observedGeneration, null);
    }

    public DeploymentInfo(String namespace, String name, int replicas, int readyReplicas) {
        this(namespace, name, replicas, readyReplicas, replicas, 0, 0);
    }

    /**
     * An Argo Rollout's status: its {@code phase} (Healthy, Progressing, Paused, Degraded), whether an update was
     * aborted, and the controller's message.
     */
    public record RolloutStatus(String phase, boolean aborted, String message) {
        /** Mid-update: Progressing, or Paused at a canary or blue-green step, and not aborted. */
        public boolean updating() {
            return !aborted && ("Progressing".equals(phase) || "Paused".equals(phase));
        }
    }

    /**
     * Whether a rollout is under way: the controller has not yet seen the latest spec
     * ({@code observedGeneration < generation}), not every replica runs the current template, or an Argo Rollout
     * says it is mid-update.
     */
    public boolean rolloutInProgress() {
        return observedGeneration < generation || updatedReplicas < replicas || (rollout != null && rollout.updating());
    }
}
