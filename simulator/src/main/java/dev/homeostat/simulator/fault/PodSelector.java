package dev.homeostat.simulator.fault;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

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
 * simulated node also carries {@code kubernetes.io/hostname: <its name>}, as the kubelet labels it; a live node its own
 * labels) — a union, not an intersection; neither given: any node.
 *
 * <p>Field selectors: {@code metadata.name}, {@code metadata.namespace}, {@code spec.nodeName},
 * {@code status.phase} (the ones the API server supports for pods that the simulator knows), and the pod-spec fields
 * {@code spec.restartPolicy}, {@code spec.schedulerName}, {@code spec.serviceAccountName}: a pod's own values
 * ({@link Candidate#specFields}); every simulated pod has them as Kubernetes fills them for a Deployment's or
 * StatefulSet's pod with none written ({@link #SPEC_DEFAULTS}: {@code Always}, {@code default-scheduler},
 * {@code default}). Chaos Mesh's {@code podPhaseSelectors} are {@code status.phase} with several values.
 *
 * <p>One implementation of the rules for both sides: the simulator asks {@link #matches(Candidate)} with its pods
 * ({@link Candidate#simulated}), the live chaos runner with the API server's pods and nodes.
 */
public record PodSelector(Set<String> namespaces, Map<String, String> labels, Set<String> pods,
                          List<LabelRequirement> expressions, Map<String, Set<String>> fields, Set<String> containers,
                          Map<String, String> nodeLabels, Map<String, String> annotations, Set<String> nodes) {
    /** The label every node carries with its own name. */
    public static final String HOSTNAME = "kubernetes.io/hostname";
    /** Field selectors the simulator can evaluate. */
    public static final List<String> FIELDS = List.of("metadata.name", "metadata.namespace", "spec.nodeName", "status.phase", "spec.restartPolicy",
            "spec.schedulerName", "spec.serviceAccountName");
    /**
     * What the API server fills into the pod-spec fields a pod names none of: Kubernetes' values for a controller's pod, and
     * what a simulated pod holds (no scenario writes them).
     */
    public static final Map<String, String> SPEC_DEFAULTS = Map.of("spec.restartPolicy", "Always", "spec.schedulerName", "default-scheduler",
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

    /**
     * One pod as a selector reads it: the simulator fills it from its own state ({@link #simulated}), a live run from
     * the API server's Pod and its Node. A null {@code annotations}, {@code node}, {@code phase} or {@code container}
     * leaves that condition unchecked; a pod that is not scheduled has node {@code ""} (no node is selected for it).
     *
     * @param nodeLabel  the value of a label of the pod's node ({@code null}: the node has no such label)
     * @param specFields the pod-spec fields a field selector may name ({@code spec.restartPolicy}…), as the API server holds
     *                   them; a field missing here is not checked
     */
    public record Candidate(String namespace, String name, Map<String, String> labels, Map<String, String> annotations, String node,
                            Function<String, String> nodeLabel, String phase, String container, Map<String, String> specFields) {
        public Candidate {
            labels = labels == null ? Map.of() : labels;
            nodeLabel = nodeLabel == null ? key -> null : nodeLabel;
            specFields = specFields == null ? Map.of() : specFields;
        }

        /**
         * A simulated pod: its node carries {@code kubernetes.io/hostname: <its name>} as the kubelet labels it, and its
         * pod-spec fields are {@link #SPEC_DEFAULTS} (no scenario writes them).
         */
        public static Candidate simulated(String namespace, String name, Map<String, String> labels, Map<String, String> annotations,
                                          String node, Map<String, String> labelsOfNode, String phase, String container) {
            Function<String, String> nodeLabel = key -> key.equals(HOSTNAME) ? node : labelsOfNode == null ? null : labelsOfNode.get(key);
            return new Candidate(namespace, name, labels, annotations, node, nodeLabel, phase, container, SPEC_DEFAULTS);
        }
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

    /** A simulated pod ({@link Candidate#simulated}); {@code podAnnotations}, {@code node}, {@code phase} or {@code container} null: that condition is not checked. */
    public boolean matches(String namespace, String name, Map<String, String> podLabels, Map<String, String> podAnnotations, String node,
                           Map<String, String> labelsOfNode, String phase, String container) {
        return matches(Candidate.simulated(namespace, name, podLabels, podAnnotations, node, labelsOfNode, phase, container));
    }

    /** Whether {@code pod} is one this selector picks (before the mode counts them). */
    public boolean matches(Candidate pod) {
        String namespace = pod.namespace();
        if (!namespaces.isEmpty() && !namespaces.contains(namespace)) return false;
        if (!pods.isEmpty() && !pods.contains(namespace + "/" + pod.name())) return false;
        Map<String, String> podLabels = pod.labels();
        for (var e : labels.entrySet()) if (!e.getValue().equals(podLabels.get(e.getKey()))) return false;
        for (LabelRequirement r : expressions) if (!r.matches(podLabels)) return false;
        if (pod.annotations() != null)
            for (var e : annotations.entrySet()) if (!e.getValue().equals(pod.annotations().get(e.getKey()))) return false;
        for (var e : fields.entrySet()) {
            String actual = switch (e.getKey()) {
                case "metadata.name" -> pod.name();
                case "metadata.namespace" -> namespace;
                case "spec.nodeName" -> pod.node();
                case "status.phase" -> pod.phase();
                case "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName" -> pod.specFields().get(e.getKey());
                default -> throw new IllegalStateException("unreachable: fields checked in the constructor: " + e.getKey());
            };
            if (actual != null && !e.getValue().contains(actual)) return false;
        }
        if (pod.node() != null && !onSelectedNode(pod.node(), pod.nodeLabel())) return false;
        return pod.container() == null || containers.isEmpty() || containers.contains(pod.container());
    }

    /** On a node named in {@code nodes} or carrying every label of {@code nodeLabels}; any node when neither is given. */
    private boolean onSelectedNode(String node, Function<String, String> labelOfNode) {
        if (nodes.isEmpty() && nodeLabels.isEmpty()) return true;
        if (nodes.contains(node)) return true;
        if (nodeLabels.isEmpty()) return false;
        for (var e : nodeLabels.entrySet()) if (!e.getValue().equals(labelOfNode.apply(e.getKey()))) return false;
        return true;
    }
}
