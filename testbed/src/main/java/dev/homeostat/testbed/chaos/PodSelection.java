package dev.homeostat.testbed.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One Chaos Mesh {@code selector} as the live runner queries it: pods in {@code namespaces} carrying every
 * label of {@code labels} and every annotation of {@code annotations} (annotationSelectors); or, when {@code pods} ({@code namespace/name}) is not empty, exactly those (Chaos Mesh
 * then ignores the rest). Read from the experiment's model as JSON so every kind — PodChaos, StressChaos,
 * NetworkChaos's {@code target}, a Schedule's or Workflow's embedded spec — is covered without a switch over them.
 */
public record PodSelection(Set<String> namespaces, Map<String, String> labels, Set<String> pods, Map<String, String> annotations) {
    public PodSelection {
        namespaces = Set.copyOf(new TreeSet<>(namespaces));
        labels = Map.copyOf(labels);
        pods = Set.copyOf(pods);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    /** Without annotations. */
    public PodSelection(Set<String> namespaces, Map<String, String> labels, Set<String> pods) {
        this(namespaces, labels, pods, Map.of());
    }

    /** Whether {@code pod} carries every annotation of {@code annotationSelectors}. */
    boolean annotated(io.fabric8.kubernetes.api.model.Pod pod) {
        if (annotations.isEmpty()) return true;
        Map<String, String> has = pod.getMetadata().getAnnotations() == null ? Map.of() : pod.getMetadata().getAnnotations();
        for (var e : annotations.entrySet()) if (!e.getValue().equals(has.get(e.getKey()))) return false;
        return true;
    }

    /** Namespaces in sorted order (to query and print deterministically). */
    public List<String> sortedNamespaces() {
        return List.copyOf(new TreeSet<>(namespaces));
    }

    /**
     * Every object named {@code selector} below {@code spec} of {@code model}, in document order. An empty
     * {@code namespaces} means the experiment's own namespace, {@code namespace}, as in Chaos Mesh.
     */
    public static List<PodSelection> of(HasMetadata model, String namespace) {
        JsonNode spec = LiveChaosRun.SERIALIZATION.convertValue(model, JsonNode.class).path("spec");
        return in(spec, namespace);
    }

    /** Every object named {@code selector} below {@code node} (e.g. one Workflow template), in document order. */
    static List<PodSelection> in(JsonNode node, String namespace) {
        var out = new ArrayList<PodSelection>();
        collect(node, namespace, out);
        return out;
    }

    private static void collect(JsonNode node, String namespace, List<PodSelection> out) {
        if (node.isArray()) {
            for (JsonNode child : node) collect(child, namespace, out);
            return;
        }
        if (!node.isObject()) return;
        for (var it = node.fields(); it.hasNext(); ) {
            var field = it.next();
            if (field.getKey().equals("selector") && field.getValue().isObject()) out.add(parse(field.getValue(), namespace));
            else collect(field.getValue(), namespace, out);
        }
    }

    private static PodSelection parse(JsonNode selector, String namespace) {
        var pods = new TreeSet<String>();
        for (var it = selector.path("pods").fields(); it.hasNext(); ) {
            var e = it.next();
            for (JsonNode name : e.getValue()) pods.add(e.getKey() + "/" + name.asText());
        }
        var namespaces = new TreeSet<String>();
        for (JsonNode ns : selector.path("namespaces")) namespaces.add(ns.asText());
        if (namespaces.isEmpty()) namespaces.add(namespace);
        var labels = new TreeMap<String, String>();
        for (var it = selector.path("labelSelectors").fields(); it.hasNext(); ) {
            var e = it.next();
            labels.put(e.getKey(), e.getValue().asText());
        }
        var annotations = new TreeMap<String, String>();
        for (var it = selector.path("annotationSelectors").fields(); it.hasNext(); ) {
            var e = it.next();
            annotations.put(e.getKey(), e.getValue().asText());
        }
        return new PodSelection(namespaces, labels, pods, annotations);
    }
}
