package dev.homeostat.remediation.port;

import java.util.ArrayList;
import java.util.Objects;
import java.util.Optional;
import java.util.List;

/**
 * What the engine may read of the cluster. The lists are the whole cluster; the lookups by name answer one question
 * without listing it (their defaults filter the lists; a view over an index, such as the simulator's or an informer
 * cache, answers them in constant or logarithmic time, which a 30,000-pod cluster needs).
 */
public interface ClusterView {
    List<PodInfo> pods();

    List<DeploymentInfo> deployments();

    /**
     * Whether {@link #pod} and {@link #podsOf} answer from an index rather than by the defaults' walk of {@link #pods}:
     * then a tick asks them and lists no pod unless it acts. False unless a view overrides both with an index.
     */
    default boolean answersByName() { return false; }

    /**
     * The engine calls this as each evaluation begins: from then on a view that lists the cluster may answer the
     * evaluation's questions from one listing of each kind, taken at the first question, until the next call (or an
     * action of its own). A view over an index has nothing to do.
     */
    default void refresh() { }

    /** Nodes; a view that does not model them lists none. */
    default List<NodeInfo> nodes() { return List.of(); }

    /** The pod {@code namespace/name}, if the cluster lists it. */
    default Optional<PodInfo> pod(String namespace, String name) {
        for (PodInfo p : pods()) if (Objects.equals(p.namespace(), namespace) && p.name().equals(name)) return Optional.of(p);
        return Optional.empty();
    }

    /** Whether the cluster lists the pod {@code namespace/name}: asked of every pod the engine knows once per lookback. */
    default boolean hasPod(String namespace, String name) { return pod(namespace, name).isPresent(); }

    /** The pods the Deployment {@code namespace/name} owns, Terminating ones included. */
    default List<PodInfo> podsOf(String namespace, String deployment) {
        List<PodInfo> out = new ArrayList<>();
        for (PodInfo p : pods()) if (Objects.equals(p.namespace(), namespace) && deployment.equals(p.deployment())) out.add(p);
        return out;
    }

    /** The pods scheduled on {@code node}. */
    default List<PodInfo> podsOn(String node) {
        List<PodInfo> out = new ArrayList<>();
        for (PodInfo p : pods()) if (node.equals(p.node())) out.add(p);
        return out;
    }

    /** The Deployment {@code namespace/name}, if the cluster lists it. */
    default Optional<DeploymentInfo> deployment(String namespace, String name) {
        for (DeploymentInfo d : deployments()) if (Objects.equals(d.namespace(), namespace) && d.name().equals(name)) return Optional.of(d);
        return Optional.empty();
    }

    /** PodDisruptionBudgets; a view without them lists none, so the PDB guard never vetoes there. */
    default List<PdbInfo> pdbs() { return List.of(); }

    /**
     * Measures an engine took before this one started that are still in force, read from the marks it leaves (live: a
     * node's {@code homeostat.dev/cordoned} annotation, a Service's circuit-breaker selector key, a VirtualService it
     * manages), so that a restarted engine or a new leader lifts them in its turn. A view without marks lists none.
     */
    default List<dev.homeostat.remediation.model.ClusterAction> measuresInForce() { return List.of(); }
}
