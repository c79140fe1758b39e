package dev.homeostat.simulator.spec;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

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
 *
 * <p>{@code podNames} names a Deployment's first pods, in order (the others, and every replacement, get
 * {@code <name>-<5 random characters>}), so that a Chaos Mesh selector written against a real cluster
 * ({@code pods: {shop: [cart-7d4b9c8f6-x2x4q]}}) finds the pods it names.
 */
public record DeploymentSpec(String name, String namespace, int replicas, Map<String, String> labels, ContainerSpec container,
                             RolloutSpec strategy, HpaSpec hpa, String kind, Map<String, String> annotations, List<String> podNames) {
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
        if (kind.equals(STATEFUL_SET) && strategy != null && strategy.maxSurge() != null && !strategy.maxSurge().isZero())
            throw new IllegalArgumentException("strategy.maxSurge: a StatefulSet replaces its pods in place, without surge; omit it or set 0");
        strategy = strategy != null ? strategy : kind.equals(STATEFUL_SET) ? new RolloutSpec(0, 1) : RolloutSpec.defaults();
        if (kind.equals(STATEFUL_SET) && strategy.maxSurge() == null)
            strategy = new RolloutSpec(IntOrPercent.of(0), strategy.maxUnavailable() == null ? IntOrPercent.of(1) : strategy.maxUnavailable());
        podNames = podNames == null ? List.of() : List.copyOf(podNames);
        checkPodNames(podNames, kind, replicas);
    }

    // a DNS-1123 subdomain, as the API server requires of a pod's name
    private static final Pattern POD_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    /** Whether {@code name} is a name the API server takes for a pod (a DNS-1123 subdomain). */
    public static boolean isPodName(String name) { return name != null && name.length() <= 253 && POD_NAME.matcher(name).matches(); }

    private static void checkPodNames(List<String> names, String kind, int replicas) {
        if (names.isEmpty()) return;
        if (kind.equals(STATEFUL_SET))
            throw new IllegalArgumentException("podNames: a StatefulSet names its pods by ordinal (<name>-0, <name>-1, …); omit podNames");
        if (names.size() > replicas)
            throw new IllegalArgumentException("podNames: " + names.size() + " names for " + replicas + " replicas; name at most as many pods as replicas");
        var seen = new HashSet<String>();
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            if (!isPodName(n))
                throw new IllegalArgumentException("podNames[" + i + "]: \"" + n + "\" is not a pod name; use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit");
            if (!seen.add(n)) throw new IllegalArgumentException("podNames[" + i + "]: \"" + n + "\" is named twice; pod names are unique in a namespace");
        }
    }

    /** Pods without pinned names. */
    public DeploymentSpec(String name, String namespace, int replicas, Map<String, String> labels, ContainerSpec container,
                          RolloutSpec strategy, HpaSpec hpa, String kind, Map<String, String> annotations) {
        this(name, namespace, replicas, labels, container, strategy, hpa, kind, annotations, null);
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
