package dev.homeostat.remediation.port;

/**
 * A Deployment as the engine sees it. {@code updatedReplicas}, {@code generation} and {@code observedGeneration}
 * tell whether a rollout is progressing; {@code revision} is its current revision and {@code revisionSince} when
 * that revision's rollout began (a new image or config), {@code Long.MIN_VALUE} when unknown; {@code rollbackTo}
 * the revision a rollback would return to, 0 when there is none. A view that does not know these (the shorter
 * constructors) reports a settled rollout of an unknown revision.
 */
public record DeploymentInfo(String namespace, String name, int replicas, int readyReplicas, int updatedReplicas,
                             long generation, long observedGeneration, int revision, long revisionSince, int rollbackTo) {
    public DeploymentInfo(String namespace, String name, int replicas, int readyReplicas) {
        this(namespace, name, replicas, readyReplicas, replicas, 0, 0);
    }

    public DeploymentInfo(String namespace, String name, int replicas, int readyReplicas, int updatedReplicas,
                          long generation, long observedGeneration) {
        this(namespace, name, replicas, readyReplicas, updatedReplicas, generation, observedGeneration, 0, Long.MIN_VALUE, 0);
    }

    /**
     * Whether a rollout is under way: the controller has not yet seen the latest spec
     * ({@code observedGeneration < generation}) or not every replica runs the current template.
     */
    public boolean rolloutInProgress() {
        return observedGeneration < generation || updatedReplicas < replicas;
    }

    /** The current revision began rolling out at or after {@code since}, and a previous one exists to go back to. */
    public boolean changedSince(long since) {
        return revisionSince != Long.MIN_VALUE && revisionSince >= since && rollbackTo > 0;
    }
}
