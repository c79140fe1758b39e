package dev.homeostat.remediation.live.kubernetes;

import dev.homeostat.remediation.port.ActionOutcome;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A drain's evictions, as {@code kubectl drain} makes them on a cordoned node: through the Eviction API (or by a delete
 * after checking the PodDisruptionBudgets, where the API server has no Eviction API), never forced past a budget;
 * DaemonSet pods and pods no controller would recreate stay, and the outcome says which and why.
 */
final class NodeDrains {
    private final KubernetesClient client;
    private final KubernetesCluster.Eviction eviction;

    NodeDrains(KubernetesClient client, KubernetesCluster.Eviction eviction) {
        this.client = client;
        this.eviction = eviction;
    }

    /** Evicts every pod of the cordoned {@code node} a controller would recreate; DaemonSet and unmanaged pods stay. */
    ActionOutcome evictAll(String node) {
        // a drain covers the whole node, whatever namespace this view watches
        List<Pod> onNode = KubernetesCluster.sorted(client.pods().inAnyNamespace().list().getItems()).stream()
                .filter(p -> p.getSpec() != null && node.equals(p.getSpec().getNodeName())).toList();
        Map<String, Integer> budgetLeft = new HashMap<>();
        List<PodDisruptionBudget> budgets = eviction == KubernetesCluster.Eviction.DELETE_AFTER_PDB_CHECK
                ? client.policy().v1().podDisruptionBudget().inAnyNamespace().list().getItems() : List.of();
        List<String> evicted = new ArrayList<>();
        List<String> daemons = new ArrayList<>();
        List<String> unmanaged = new ArrayList<>();
        List<String> blocked = new ArrayList<>();
        for (Pod pod : onNode) {
            String ref = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
            Optional<OwnerReference> owner = KubeObjects.controller(pod);
            if (owner.filter(o -> "DaemonSet".equals(o.getKind())).isPresent()) {
                daemons.add(ref);
            } else if (owner.isEmpty() || KubeObjects.annotation(pod, KubernetesCluster.MIRROR_ANNOTATION) != null) {
                unmanaged.add(ref);
            } else {
                Optional<String> refusal = evict(pod, budgets, budgetLeft);
                if (refusal.isEmpty()) evicted.add(ref);
                else blocked.add(ref + " (" + refusal.get() + ")");
            }
        }
        String report = "cordoned node " + node + "; evicted " + evicted
                + (daemons.isEmpty() ? "" : "; left DaemonSet pods " + daemons);
        if (blocked.isEmpty() && unmanaged.isEmpty()) return ActionOutcome.applied("drained: " + report);
        return ActionOutcome.refused("drain incomplete: " + report
                + (blocked.isEmpty() ? "" : "; could not evict " + blocked + " (not forced)")
                + (unmanaged.isEmpty() ? "" : "; did not evict " + unmanaged + ": no controller would recreate them"));
    }

    /** Evicts one pod; empty when it went, else why not. */
    private Optional<String> evict(Pod pod, List<PodDisruptionBudget> budgets, Map<String, Integer> budgetLeft) {
        String ns = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        try {
            return switch (eviction) {
                case API -> client.pods().inNamespace(ns).withName(name).evict()
                        ? Optional.empty() : Optional.of("a PodDisruptionBudget forbids it now (429)");
                case DELETE_AFTER_PDB_CHECK -> {
                    List<PodDisruptionBudget> covering = budgets.stream()
                            .filter(b -> ns.equals(b.getMetadata().getNamespace()) && b.getSpec() != null
                                    && LabelSelectors.matches(b.getSpec().getSelector(), pod.getMetadata().getLabels()))
                            .sorted(Comparator.comparing(b -> b.getMetadata().getName())).toList();
                    for (PodDisruptionBudget b : covering) {
                        int left = budgetLeft.computeIfAbsent(KubeObjects.key(b), k -> b.getStatus() == null || b.getStatus().getDisruptionsAllowed() == null
                                ? 0 : b.getStatus().getDisruptionsAllowed());
                        if (left <= 0) yield Optional.of("PodDisruptionBudget " + KubeObjects.key(b) + " allows no more disruptions");
                    }
                    covering.forEach(b -> budgetLeft.merge(KubeObjects.key(b), -1, Integer::sum));
                    client.pods().inNamespace(ns).withName(name).delete();
                    yield Optional.empty();
                }
            };
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) return Optional.empty(); // already gone: nothing left to evict
            return Optional.of("API error " + e.getCode() + ": " + KubernetesCluster.statusMessage(e));
        }
    }
}
