package dev.homeostat.remediation.model;

/**
 * A decision of the engine, as a value; the ClusterActions port carries it out. Each member names
 * the kind of target it takes: pod actions a pod, deployment actions a deployment, node actions a
 * node, {@link CircuitBreak} a service.
 */
public sealed interface ClusterAction {
    Target target();

    /** Whether the action takes capacity away (counts towards needless actions when wrong). */
    boolean disruptive();

    /** The action's name as policies and journals write it: {@code restart-pod}, {@code rollback}, … */
    default String kind() {
        return switch (this) {
            case RestartPod r -> "restart-pod";
            case RollbackDeployment r -> "rollback";
            case ScaleDeployment s -> "scale-up";
            case IsolatePod i -> "isolate-pod";
            case CordonNode c -> "cordon-node";
            case DrainNode d -> "drain-node";
            case CircuitBreak c -> "circuit-break";
            case LimitRetries l -> "limit-retries";
            case Page p -> "page";
            case Lift l -> "lift";
        };
    }

    /**
     * Delete the pod so its ReplicaSet starts a fresh one. The only ready pod of a Deployment of one replica is
     * restarted as {@code kubectl rollout restart} restarts it instead (a new revision of the same template, whose
     * RollingUpdate starts the replacement before it deletes the pod), so the service keeps an endpoint.
     */
    record RestartPod(Target target) implements ClusterAction {
        @Override public boolean disruptive() { return true; }
    }

    /**
     * Roll the Deployment back to its previous revision, as {@code kubectl rollout undo} does: the
     * pod template of the ReplicaSet with the previous {@code deployment.kubernetes.io/revision}
     * becomes the Deployment's template, and the Deployment's rolling update replaces the pods.
     */
    record RollbackDeployment(Target target) implements ClusterAction {
        @Override public boolean disruptive() { return true; }
    }

    /**
     * Set the Deployment's replicas. The engine only ever scales up ({@code scale-up} skips a
     * target that would not grow), so it adds capacity and is not disruptive; it takes back only its own step, as a
     * {@link Lift}, once the load has gone.
     */
    record ScaleDeployment(Target target, int replicas) implements ClusterAction {
        public ScaleDeployment {
            if (replicas < 0) throw new IllegalArgumentException("replicas: must be >= 0, was " + replicas);
        }

        @Override public boolean disruptive() { return false; }
    }

    /**
     * Take the pod out of its Services' endpoints by relabelling it (its ReplicaSet starts a
     * replacement), and keep it running for debugging.
     */
    record IsolatePod(Target target) implements ClusterAction {
        @Override public boolean disruptive() { return true; }
    }

    /** Mark the node unschedulable; running pods stay. */
    record CordonNode(Target target) implements ClusterAction {
        @Override public boolean disruptive() { return false; }
    }

    /** Cordon the node and evict every pod a controller will recreate elsewhere, never forcing past a PodDisruptionBudget. */
    record DrainNode(Target target) implements ClusterAction {
        @Override public boolean disruptive() { return true; }
    }

    /** Stop sending traffic to a dependency (a service), so its callers fail fast instead of waiting on it. */
    record CircuitBreak(Target target) implements ClusterAction {
        @Override public boolean disruptive() { return true; }
    }

    /**
     * Stop the callers of a service (the target) from retrying calls to it, so a slow dependency is not buried under
     * its callers' retries (a retry storm): the mesh's retry policy toward it set to no retries. Callers still call it
     * once; nothing is taken out of service.
     */
    record LimitRetries(Target target) implements ClusterAction {
        @Override public boolean disruptive() { return false; }
    }

    /** Page a human about the target. */
    record Page(Target target, String reason) implements ClusterAction {
        @Override public boolean disruptive() { return false; }
    }

    /**
     * Undo a measure the engine took earlier once what prompted it has cleared: uncordon a node it cordoned or drained,
     * give the callers of a service back their retries, close a circuit it opened, scale a Deployment it scaled up back
     * to the replicas it had before (the lift's measure then carries those replicas). It returns the cluster to what
     * its owners set, so it is not disruptive: a scale-up is lifted only once its pods would be no busier than the
     * rule's target on the replicas it returns to. {@code why} says why when it is not that: a scale-up's replicas no
     * node had room for, taken back before its load has gone (null: the measure's cause has gone).
     */
    record Lift(ClusterAction measure, String why) implements ClusterAction {
        /** The lift of a measure whose cause has gone. */
        public Lift(ClusterAction measure) { this(measure, null); }

        public Lift {
            if (!liftable(measure)) {
                throw new IllegalArgumentException("measure: only cordon-node, drain-node, limit-retries, circuit-break and scale-up are lifted, was "
                        + (measure == null ? null : measure.kind()));
            }
        }

        @Override public Target target() { return measure.target(); }

        @Override public boolean disruptive() { return false; }
    }

    /** Whether the action leaves something in force that the engine lifts later (a cordon, a retry cut, an open circuit, added replicas). */
    static boolean liftable(ClusterAction action) {
        return action instanceof CordonNode || action instanceof DrainNode || action instanceof LimitRetries
                || action instanceof CircuitBreak || action instanceof ScaleDeployment;
    }
}
