package dev.homeostat.simulator.fault;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which pods a fault may hit, as Chaos Mesh's selector: a pod matches when it is in one of
 * {@code namespaces} (empty: any), carries every label in {@code labels}, satisfies every
 * {@code expressions} requirement and every {@code fields} selector (the field's value one of the listed ones),
 * when {@code pods} is not empty is named there (keys {@code namespace/name}), when {@code containers} is not empty
 * runs a container named there (Chaos Mesh's {@code containerNames}; the simulator's pods have one container), and
 * runs on one of the selected nodes, and carries every annotation in {@code annotations} (Chaos Mesh's
 * {@code annotationSelectors}: the pod template's annotations).
 *
 * <p>Selected nodes, as Chaos Mesh's node selector builds its list: the nodes named in {@code nodes} (Chaos Mesh's
 * {@code nodes}) together with the nodes carrying every label in {@code nodeLabels} (its {@code nodeSelectors}; every
 * node also carries {@code kubernetes.io/hostname: <its name>}, as the kubelet labels it) — a union, not an
 * intersection; neither given: any node.
 *
 * <p>Field selectors: {@code metadata.name}, {@code metadata.namespace}, {@code spec.nodeName},
 * {@code status.phase} (the ones the API server supports for pods that the simulator knows), and the pod-spec fields
 * every simulated pod has as Kubernetes fills them for a Deployment's or StatefulSet's pod with none written:
 * {@code spec.restartPolicy} {@code Always}, {@code spec.schedulerName} {@code default-scheduler},
 * {@code spec.serviceAccountName} {@code default}. Chaos Mesh's {@code podPhaseSelectors} are {@code status.phase}
 * with several values.
 */
public record PodSelector(Set<String> namespaces, Map<String, String> labels, Set<String> pods,
                          List<LabelRequirement> expressions, Map<String, Set<String>> fields, Set<String> containers,
                          Map<String, String> nodeLabels, Map<String, String> annotations, Set<String> nodes) {
    /** The label every node carries with its own name. */
    public static final String HOSTNAME = "kubernetes.io/hostname";
    /** Field selectors the simulator can evaluate. */
    public static final List<String> FIELDS = List.of("metadata.name", "metadata.namespace", "spec.nodeName", "status.phase", "spec.restartPolicy",
            "spec.schedulerName", "spec.serviceAccountName");
    /** What a simulated pod holds in the pod-spec fields no scenario writes: Kubernetes' values for a controller's pod. */
    private static final Map<String, String> SPEC_DEFAULTS = Map.of("spec.restartPolicy", "Always", "spec.schedulerName", "default-scheduler",
            "spec.serviceAccountName", "default");

    public PodSelector {
        namespaces = namespaces == null ? Set.of() : Set.copyOf(namespaces);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        pods = pods == null ? Set.of() : Set.copyOf(pods);
        expressions = expressions == null ? List.of() : List.copyOf(expressions);
        fields = fields == null ? Map.of() : fields;
        containers = containers == null ? Set.of() : Set.copyOf(containers);
        nodeLabels = nodeLabels == null ? Map.of() : Map.copyOf(nodeLabels);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        nodes = nodes == null ? Set.of() : Set.copyOf(nodes);
        for (var f : fields.entrySet()) {
            if (!FIELDS.contains(f.getKey())) throw new IllegalArgumentException("fieldSelectors." + f.getKey() + ": not a pod field the simulator knows; use one of " + FIELDS);
            if (f.getValue().isEmpty()) throw new IllegalArgumentException("fieldSelectors." + f.getKey() + ": needs a value");
        }
        var copied = new java.util.TreeMap<String, Set<String>>();
        fields.forEach((k, v) -> copied.put(k, Set.copyOf(v)));
        fields = java.util.Collections.unmodifiableMap(copied);
        if (namespaces.isEmpty() && labels.isEmpty() && pods.isEmpty() && expressions.isEmpty() && fields.isEmpty() && nodeLabels.isEmpty()
                && annotations.isEmpty() && nodes.isEmpty())
            throw new IllegalArgumentException("selector: empty selector would match every pod in the cluster; name namespaces, labelSelectors or pods");
    }

    /** Without node names. */
    public PodSelector(Set<String> namespaces, Map<String, String> labels, Set<String> pods, List<LabelRequirement> expressions,
                       Map<String, Set<String>> fields, Set<String> containers, Map<String, String> nodeLabels, Map<String, String> annotations) {
        this(namespaces, labels, pods, expressions, fields, containers, nodeLabels, annotations, Set.of());
    }

    /** Without annotations. */
    public PodSelector(Set<String> namespaces, Map<String, String> labels, Set<String> pods, List<LabelRequirement> expressions,
                       Map<String, Set<String>> fields, Set<String> containers, Map<String, String> nodeLabels) {
        this(namespaces, labels, pods, expressions, fields, containers, nodeLabels, Map.of());
    }

    /** Namespaces, labels and pod names only (the original selector). */
    public PodSelector(Set<String> namespaces, Map<String, String> labels, Set<String> pods) {
        this(namespaces, labels, pods, List.of(), Map.of(), Set.of(), Map.of());
    }

    /** The same selector for these containers only. */
    public PodSelector withContainers(Set<String> names) {
        return new PodSelector(namespaces, labels, pods, expressions, fields, names, nodeLabels, annotations, nodes);
    }

    /** As {@link #matches(String, String, Map, String, Map, String, String)} without node, phase and container (those conditions are not checked). */
    public boolean matches(String namespace, String name, Map<String, String> podLabels) {
        return matches(namespace, name, podLabels, null, null, null, null);
    }

    /** As the full {@code matches} with the pod's annotations not checked. */
    public boolean matches(String namespace, String name, Map<String, String> podLabels, String node, Map<String, String> labelsOfNode,
                           String phase, String container) {
        return matches(namespace, name, podLabels, null, node, labelsOfNode, phase, container);
    }

    /** {@code podAnnotations}, {@code node}, {@code phase} or {@code container} null: that condition is not checked; {@code nodeLabels} with the node. */
    public boolean matches(String namespace, String name, Map<String, String> podLabels, Map<String, String> podAnnotations, String node,
                           Map<String, String> labelsOfNode, String phase, String container) {
        if (!namespaces.isEmpty() && !namespaces.contains(namespace)) return false;
        if (!pods.isEmpty() && !pods.contains(namespace + "/" + name)) return false;
        for (var e : labels.entrySet()) if (!e.getValue().equals(podLabels.get(e.getKey()))) return false;
        for (LabelRequirement r : expressions) if (!r.matches(podLabels)) return false;
        if (podAnnotations != null)
            for (var e : annotations.entrySet()) if (!e.getValue().equals(podAnnotations.get(e.getKey()))) return false;
        for (var e : fields.entrySet()) {
            String actual = switch (e.getKey()) {
                case "metadata.name" -> name;
                case "metadata.namespace" -> namespace;
                case "spec.nodeName" -> node;
                case "status.phase" -> phase;
                case "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName" -> SPEC_DEFAULTS.get(e.getKey());
                default -> throw new IllegalStateException("unreachable: fields checked in the constructor: " + e.getKey());
            };
            if (actual != null && !e.getValue().contains(actual)) return false;
        }
        if (node != null && !onSelectedNode(node, labelsOfNode)) return false;
        return container == null || containers.isEmpty() || containers.contains(container);
    }

    /** On a node named in {@code nodes} or carrying every label of {@code nodeLabels}; any node when neither is given. */
    private boolean onSelectedNode(String node, Map<String, String> labelsOfNode) {
        if (nodes.isEmpty() && nodeLabels.isEmpty()) return true;
        if (nodes.contains(node)) return true;
        if (nodeLabels.isEmpty()) return false;
        for (var e : nodeLabels.entrySet()) {
            String value = e.getKey().equals(HOSTNAME) ? node : labelsOfNode == null ? null : labelsOfNode.get(e.getKey());
            if (!e.getValue().equals(value)) return false;
        }
        return true;
    }
}
