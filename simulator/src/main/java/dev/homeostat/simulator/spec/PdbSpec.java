package dev.homeostat.simulator.spec;

import java.util.Map;

/**
 * A PodDisruptionBudget: of the pods in {@code namespace} carrying every label of {@code selector},
 * keep {@code minAvailable} ready, or at most {@code maxUnavailable} below their Deployments'
 * replicas (exactly one of the two). Each is a count of pods or a percentage of those replicas, as Kubernetes'
 * IntOrString. Evictions and drains honour it; the node-lost eviction does not (as in Kubernetes).
 */
public record PdbSpec(String name, String namespace, Map<String, String> selector, IntOrPercent minAvailable, IntOrPercent maxUnavailable) {
    public PdbSpec {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("pdbs[].name: a PodDisruptionBudget needs a name");
        namespace = namespace == null ? DeploymentSpec.DEFAULT_NAMESPACE : namespace;
        if (selector == null || selector.isEmpty())
            throw new IllegalArgumentException("pdbs[" + name + "].selector: give the labels of the pods it protects, e.g. {app: checkout}");
        selector = Map.copyOf(selector);
        if ((minAvailable == null) == (maxUnavailable == null))
            throw new IllegalArgumentException("pdbs[" + name + "]: give exactly one of minAvailable and maxUnavailable");
        atMost100Percent(name, "minAvailable", minAvailable);
        atMost100Percent(name, "maxUnavailable", maxUnavailable);
    }

    // as the API server validates a PodDisruptionBudgetSpec
    private static void atMost100Percent(String name, String field, IntOrPercent value) {
        if (value != null && value.above100Percent())
            throw new IllegalArgumentException("pdbs[" + name + "]." + field + ": " + value + " is more than 100%; give at most 100% or a count of pods");
    }

    /** Counts of pods. */
    public PdbSpec(String name, String namespace, Map<String, String> selector, Integer minAvailable, Integer maxUnavailable) {
        this(name, namespace, selector, count(name, "minAvailable", minAvailable), count(name, "maxUnavailable", maxUnavailable));
    }

    private static IntOrPercent count(String name, String field, Integer pods) {
        if (pods != null && pods < 0) throw new IllegalArgumentException("pdbs[" + name + "]." + field + ": must be >= 0, was " + pods);
        return IntOrPercent.ofNullable(pods);
    }

    /**
     * The ready pods the budget keeps when {@code expected} pods are wanted (the replicas of the workloads whose pods it
     * selects). A percentage rounds up in both fields, as the disruption controller does ("Rounding logic when specifying
     * percentages", https://kubernetes.io/docs/tasks/run-application/configure-pdb/): minAvailable 50 % of 7 keeps 4, and
     * maxUnavailable 50 % of 7 lets 4 go.
     */
    public int desiredHealthy(int expected) {
        if (minAvailable != null) return minAvailable.resolve(expected, true);
        return Math.max(0, expected - maxUnavailable.resolve(expected, true));
    }

    public boolean selects(String podNamespace, Map<String, String> labels) {
        if (!namespace.equals(podNamespace)) return false;
        for (var e : selector.entrySet()) if (!e.getValue().equals(labels.get(e.getKey()))) return false;
        return true;
    }
}
