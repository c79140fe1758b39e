package dev.homeostat.simulator.spec;

import java.util.Map;

/**
 * A PodDisruptionBudget: of the pods in {@code namespace} carrying every label of {@code selector},
 * keep {@code minAvailable} ready, or at most {@code maxUnavailable} below their Deployments'
 * replicas (exactly one of the two). Evictions and drains honour it; the node-lost eviction does
 * not (as in Kubernetes).
 */
public record PdbSpec(String name, String namespace, Map<String, String> selector, Integer minAvailable, Integer maxUnavailable) {
    public PdbSpec {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("pdbs[].name: a PodDisruptionBudget needs a name");
        namespace = namespace == null ? DeploymentSpec.DEFAULT_NAMESPACE : namespace;
        if (selector == null || selector.isEmpty())
            throw new IllegalArgumentException("pdbs[" + name + "].selector: give the labels of the pods it protects, e.g. {app: checkout}");
        selector = Map.copyOf(selector);
        if ((minAvailable == null) == (maxUnavailable == null))
            throw new IllegalArgumentException("pdbs[" + name + "]: give exactly one of minAvailable and maxUnavailable");
        if (minAvailable != null && minAvailable < 0) throw new IllegalArgumentException("pdbs[" + name + "].minAvailable: must be >= 0, was " + minAvailable);
        if (maxUnavailable != null && maxUnavailable < 0) throw new IllegalArgumentException("pdbs[" + name + "].maxUnavailable: must be >= 0, was " + maxUnavailable);
    }

    public boolean selects(String podNamespace, Map<String, String> labels) {
        if (!namespace.equals(podNamespace)) return false;
        for (var e : selector.entrySet()) if (!e.getValue().equals(labels.get(e.getKey()))) return false;
        return true;
    }
}
