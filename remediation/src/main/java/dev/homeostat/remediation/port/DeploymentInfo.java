package dev.homeostat.remediation.port;

/**
 * A Deployment as the engine sees it. {@code updatedReplicas}, {@code generation} and
 * {@code observedGeneration} tell whether a rollout is progressing; a view that does not know them
 * (the four-argument constructor) reports a settled rollout.
 */
public record DeploymentInfo(String namespace, String name, int replicas, int readyReplicas, int updatedReplicas,
                             long generation, long observedGeneration) {
    public DeploymentInfo(String namespace, String name, int replicas, int readyReplicas) {
        this(namespace, name, replicas, readyReplicas, replicas, 0, 0);
    }

    /**
     * Whether a rollout is under way: the controller has not yet seen the latest spec
     * ({@code observedGeneration < generation}) or not every replica runs the current template.
     */
    public boolean rolloutInProgress() {
        return observedGeneration < generation || updatedReplicas < replicas;
    }
}
