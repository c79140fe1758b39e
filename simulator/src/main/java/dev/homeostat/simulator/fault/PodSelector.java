package dev.homeostat.simulator.fault;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which pods a fault may hit, as Chaos Mesh's selector: a pod matches when it is in one of
 * {@code namespaces} (empty: any), carries every label in {@code labels}, satisfies every
 * {@code expressions} requirement and every {@code fields} selector, when {@code pods} is not empty
 * is named there (keys {@code namespace/name}), and when {@code containers} is not empty runs a
 * container named there (Chaos Mesh's {@code containerNames}; the simulator's pods have one container).
 *
 * <p>Field selectors: {@code metadata.name}, {@code metadata.namespace}, {@code spec.nodeName},
 * {@code status.phase} (the ones the API server supports for pods that the simulator knows).
 */
public record PodSelector(Set<String> namespaces, Map<String, String> labels, Set<String> pods,
                          List<LabelRequirement> expressions, Map<String, String> fields, Set<String> containers) {
    /** Field selectors the simulator can evaluate. */
    public static final List<String> FIELDS = List.of("metadata.name", "metadata.namespace", "spec.nodeName", "status.phase");

    public PodSelector {
        namespaces = namespaces == null ? Set.of() : Set.copyOf(namespaces);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        pods = pods == null ? Set.of() : Set.copyOf(pods);
        expressions = expressions == null ? List.of() : List.copyOf(expressions);
        fields = fields == null ? Map.of() : Map.copyOf(fields);
        containers = containers == null ? Set.of() : Set.copyOf(containers);
        for (String f : fields.keySet())
            if (!FIELDS.contains(f)) throw new IllegalArgumentException("fieldSelectors." + f + ": not a pod field the simulator knows; use one of " + FIELDS);
        if (namespaces.isEmpty() && labels.isEmpty() && pods.isEmpty() && expressions.isEmpty() && fields.isEmpty())
            throw new IllegalArgumentException("selector: empty selector would match every pod in the cluster; name namespaces, labelSelectors or pods");
    }

    /** Namespaces, labels and pod names only (the original selector). */
    public PodSelector(Set<String> namespaces, Map<String, String> labels, Set<String> pods) {
        this(namespaces, labels, pods, List.of(), Map.of(), Set.of());
    }

    /** As {@link #matches(String, String, Map, String, String, String)} without node, phase and container (those conditions are not checked). */
    public boolean matches(String namespace, String name, Map<String, String> podLabels) {
        return matches(namespace, name, podLabels, null, null, null);
    }

    /** {@code node}, {@code phase} or {@code container} null: that condition is not checked. */
    public boolean matches(String namespace, String name, Map<String, String> podLabels, String node, String phase, String container) {
        if (!namespaces.isEmpty() && !namespaces.contains(namespace)) return false;
        if (!pods.isEmpty() && !pods.contains(namespace + "/" + name)) return false;
        for (var e : labels.entrySet()) if (!e.getValue().equals(podLabels.get(e.getKey()))) return false;
        for (LabelRequirement r : expressions) if (!r.matches(podLabels)) return false;
        for (var e : fields.entrySet()) {
            String actual = switch (e.getKey()) {
                case "metadata.name" -> name;
                case "metadata.namespace" -> namespace;
                case "spec.nodeName" -> node;
                case "status.phase" -> phase;
                default -> throw new IllegalStateException("unreachable: fields checked in the constructor: " + e.getKey());
            };
            if (actual != null && !actual.equals(e.getValue())) return false;
        }
        return container == null || containers.isEmpty() || containers.contains(container);
    }
}
