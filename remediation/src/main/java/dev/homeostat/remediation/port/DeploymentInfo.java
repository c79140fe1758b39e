package dev.homeostat.remediation.port;

/**
 * A Deployment as the engine sees it — or an Argo Rollouts {@code Rollout}, which manages its pods in a Deployment's
 * stead ({@code rollout} non-null). {@code updatedReplicas}, {@code generation} and {@code observedGeneration}
 * tell whether a rollout is progressing; {@code revision} is its current revision and {@code revisionSince} when
 * that revision's rollout began (a new image or config), {@code Long.MIN_VALUE} when unknown; {@code rollbackTo}
 * the revision a rollback would return to, 0 when there is none. A view that does not know these (the shorter
 * constructors) reports a settled rollout of an unknown revision.
 *
 * @param rollout  the Rollout's own status when this is an Argo Rollout, else null
 * @param stateful a StatefulSet: its pods keep their names and hold state (a quorum member, a shard)
 * @param maxUnavailable the pods its rolling update may take below {@code replicas}, resolved from its strategy
 *                       ({@link #UNKNOWN}: Kubernetes' default, 25 % rounded down, stands in)
 * @param hpa      the HorizontalPodAutoscaler whose {@code scaleTargetRef} is this workload, else null (none, or a view
 *                 that does not read them)
 */
public record DeploymentInfo(String namespace, String name, int replicas, int readyReplicas, int updatedReplicas,
                             long generation, long observedGeneration, int revision, long revisionSince, int rollbackTo,
                             RolloutStatus rollout, boolean stateful, int maxUnavailable, Autoscaler hpa) {
    /** {@link #maxUnavailable} of a view that does not read the strategy. */
    public static final int UNKNOWN = -1;

    /**
     * A HorizontalPodAutoscaler on the workload: it owns the replicas, setting them within [{@code minReplicas},
     * {@code maxReplicas}] at each of its syncs, so a count asked outside that range is undone within seconds.
     * {@code name} is the HPA's own, in the workload's namespace.
     */
    public record Autoscaler(String name, int minReplicas, int maxReplicas) { }

    public DeploymentInfo(String namespace, String name, int replicas, int readyReplicas, int updatedReplicas,
                          long generation, long observedGeneration, int revision, long revisionSince, int rollbackTo,
                          RolloutStatus rollout, boolean stateful, int maxUnavailable) {
        this(namespace, name, replicas, readyReplicas, updatedReplicas, generation, observedGeneration, revision, revisionSince,
                rollbackTo, rollout, stateful, maxUnavailable, null);
    }

    public DeploymentInfo(String namespace, String name, int replicas, int readyReplicas, int updatedReplicas,
                          long generation, long observedGeneration, int revision, long revisionSince, int rollbackTo,
                          RolloutStatus rollout, boolean stateful) {
        this(namespace, name, replicas, readyReplicas, updatedReplicas, generation, observedGeneration, revision, revisionSince,
                rollbackTo, rollout, stateful, UNKNOWN);
    }

    public DeploymentInfo(String namespace, String name, int replicas, int readyReplicas, int updatedReplicas,
                          long generation, long observedGeneration, int revision, long revisionSince, int rollbackTo,
                          RolloutStatus rollout) {
        this(namespace, name, replicas, readyReplicas, updatedReplicas, generation, observedGeneration, revision, revisionSince,
                rollbackTo, rollout, false);
    }

    public DeploymentInfo(String namespace, String name, int replicas, int readyReplicas) {
        this(namespace, name, replicas, readyReplicas, replicas, 0, 0);
    }

    public DeploymentInfo(String namespace, String name, int replicas, int readyReplicas, int updatedReplicas,
                          long generation, long observedGeneration) {
        this(namespace, name, replicas, readyReplicas, updatedReplicas, generation, observedGeneration, 0, Long.MIN_VALUE, 0);
    }

    public DeploymentInfo(String namespace, String name, int replicas, int readyReplicas, int updatedReplicas,
                          long generation, long observedGeneration, int revision, long revisionSince, int rollbackTo) {
        this(namespace, name, replicas, readyReplicas, updatedReplicas, generation, observedGeneration, revision, revisionSince, rollbackTo, null);
    }

    /** This view with {@code hpa} as its autoscaler (null: none). */
    public DeploymentInfo withHpa(Autoscaler hpa) {
        return new DeploymentInfo(namespace, name, replicas, readyReplicas, updatedReplicas, generation, observedGeneration, revision,
                revisionSince, rollbackTo, rollout, stateful, maxUnavailable, hpa);
    }

    /** The HPA's {@code maxReplicas}, or -1 without one. */
    public int hpaMaxReplicas() { return hpa == null ? -1 : hpa.maxReplicas(); }

    /** The HPA's {@code minReplicas}, or -1 without one. */
    public int hpaMinReplicas() { return hpa == null ? -1 : hpa.minReplicas(); }

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

    /** The current revision began rolling out at or after {@code since}, and a previous one exists to go back to. */
    public boolean changedSince(long since) {
        return revisionSince != Long.MIN_VALUE && revisionSince >= since && rollbackTo > 0;
    }
}
