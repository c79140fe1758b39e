package dev.homeostat.simulator;

/**
 * Hears a pod's lifecycle change from the {@link Kubelet}, as controllers watch pods in Kubernetes:
 * each watcher updates its own state. The kubelet tells its watchers in the order they subscribed.
 */
interface PodWatch {
    /** The pod turned Ready or lost readiness. */
    default void readinessChanged(PodState pod) { }

    /** The pod was deleted: Terminating now, gone after its grace period. */
    default void deleted(PodState pod) { }

    /** The pod left the API (its grace period is over). */
    default void gone(PodState pod) { }

    /** The pod was isolated: out of its Service and ReplicaSet, still running. */
    default void isolated(PodState pod) { }
}
