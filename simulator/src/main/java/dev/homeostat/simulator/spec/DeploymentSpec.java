package dev.homeostat.simulator.spec;

import java.util.Map;

/**
 * A Deployment: its ReplicaSet keeps {@code replicas} pods, each running {@code container}.
 * Pods carry {@code labels} plus {@code app: <name>} (the selector of its Service), and {@code annotations} (the pod
 * template's, which Chaos Mesh's {@code annotationSelectors} read). A new revision
 * (a bad rollout, a misconfiguration, a rollback) replaces the pods by {@code strategy}; {@code hpa}
 * (optional) scales it on CPU.
 *
 * <p>{@code kind: StatefulSet} gives the pods stable ordinal names ({@code name-0}, {@code name-1}, …) as a StatefulSet
 * does, so that a Chaos Mesh selector can name them ({@code pods: {ns: [db-0]}}): a replacement takes the ordinal of
 * the pod it replaces once that pod is gone (never beside it), scaling down removes the highest ordinal, and a new
 * revision replaces one pod at a time in place (no surge). Volume claims and OrderedReady start-up are not modelled.
 */
public record DeploymentSpec(String name, String namespace, int replicas, Map<String, String> labels, ContainerSpec container,
                             RolloutSpec strategy, HpaSpec hpa, String kind, Map<String, String> annotations) {
    public static final String DEFAULT_NAMESPACE = "default";
    public static final String DEPLOYMENT = "Deployment", STATEFUL_SET = "StatefulSet";

    public DeploymentSpec {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name: a deployment needs a name");
        namespace = namespace == null ? DEFAULT_NAMESPACE : namespace;
        if (replicas < 0) throw new IllegalArgumentException("replicas: must be >= 0, was " + replicas);
        labels = labels == null ? Map.of("app", name) : Map.copyOf(labels);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        container = container == null ? ContainerSpec.defaults() : container;
        kind = kind == null ? DEPLOYMENT : kind;
        if (!kind.equals(DEPLOYMENT) && !kind.equals(STATEFUL_SET))
            throw new IllegalArgumentException("kind: Deployment (the default) or StatefulSet, was " + kind);
        if (kind.equals(STATEFUL_SET) && strategy != null && strategy.maxSurge() != null && strategy.maxSurge() > 0)
            throw new IllegalArgumentException("strategy.maxSurge: a StatefulSet replaces its pods in place, without surge; omit it or set 0");
        strategy = strategy != null ? strategy : kind.equals(STATEFUL_SET) ? new RolloutSpec(0, 1) : RolloutSpec.defaults();
        if (kind.equals(STATEFUL_SET) && strategy.maxSurge() == null) strategy = new RolloutSpec(0, strategy.maxUnavailable() == null ? 1 : strategy.maxUnavailable());
    }

    /** Pods without annotations. */
    public DeploymentSpec(String name, String namespace, int replicas, Map<String, String> labels, ContainerSpec container,
                          RolloutSpec strategy, HpaSpec hpa, String kind) {
        this(name, namespace, replicas, labels, container, strategy, hpa, kind, null);
    }

    /** A Deployment. */
    public DeploymentSpec(String name, String namespace, int replicas, Map<String, String> labels, ContainerSpec container,
                          RolloutSpec strategy, HpaSpec hpa) {
        this(name, namespace, replicas, labels, container, strategy, hpa, null);
    }

    /** A Deployment with the default RollingUpdate strategy, no autoscaler. */
    public DeploymentSpec(String name, String namespace, int replicas, Map<String, String> labels, ContainerSpec container) {
        this(name, namespace, replicas, labels, container, null, null, null);
    }

    /** Pods named by ordinal, replaced in place: a StatefulSet. */
    public boolean stateful() { return kind.equals(STATEFUL_SET); }
}
