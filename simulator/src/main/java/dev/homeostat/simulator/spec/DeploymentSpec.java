package dev.homeostat.simulator.spec;

import java.util.Map;

/**
 * A Deployment: its ReplicaSet keeps {@code replicas} pods, each running {@code container}.
 * Pods carry {@code labels} plus {@code app: <name>} (the selector of its Service). A new revision
 * (a bad rollout, a misconfiguration, a rollback) replaces the pods by {@code strategy}; {@code hpa}
 * (optional) scales it on CPU.
 */
public record DeploymentSpec(String name, String namespace, int replicas, Map<String, String> labels, ContainerSpec container,
                             RolloutSpec strategy, HpaSpec hpa) {
    public static final String DEFAULT_NAMESPACE = "default";

    public DeploymentSpec {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name: a deployment needs a name");
        namespace = namespace == null ? DEFAULT_NAMESPACE : namespace;
        if (replicas < 0) throw new IllegalArgumentException("replicas: must be >= 0, was " + replicas);
        labels = labels == null ? Map.of("app", name) : Map.copyOf(labels);
        container = container == null ? ContainerSpec.defaults() : container;
        strategy = strategy == null ? RolloutSpec.defaults() : strategy;
    }

    /** Default RollingUpdate strategy, no autoscaler. */
    public DeploymentSpec(String name, String namespace, int replicas, Map<String, String> labels, ContainerSpec container) {
        this(name, namespace, replicas, labels, container, null, null);
    }
}
