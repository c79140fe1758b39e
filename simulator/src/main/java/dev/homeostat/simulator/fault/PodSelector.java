package dev.homeostat.simulator.fault;

import java.util.Map;
import java.util.Set;

/**
 * Which pods a fault may hit, as Chaos Mesh's selector: a pod matches when it is in one of
 * {@code namespaces} (empty: any), carries every label in {@code labels}, and, when {@code pods}
 * is not empty, is named there (keys {@code namespace/name}).
 */
public record PodSelector(Set<String> namespaces, Map<String, String> labels, Set<String> pods) {
    public PodSelector {
        namespaces = namespaces == null ? Set.of() : Set.copyOf(namespaces);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        pods = pods == null ? Set.of() : Set.copyOf(pods);
        if (namespaces.isEmpty() && labels.isEmpty() && pods.isEmpty())
            throw new IllegalArgumentException("selector: empty selector would match every pod in the cluster; name namespaces, labelSelectors or pods");
    }

    public boolean matches(String namespace, String name, Map<String, String> podLabels) {
        if (!namespaces.isEmpty() && !namespaces.contains(namespace)) return false;
        if (!pods.isEmpty() && !pods.contains(namespace + "/" + name)) return false;
        for (var e : labels.entrySet()) if (!e.getValue().equals(podLabels.get(e.getKey()))) return false;
        return true;
    }
}
