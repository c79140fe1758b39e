package dev.homeostat.testbed.chaos;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the live runner asks the API server about pods: which ones a selection matches now (fabric8 label
 * queries), whether they are ready, and which Deployments and Services stand behind them — named as the
 * journal names them ({@code pod/ns/name}, {@code deployment/ns/name}, {@code service/ns/name}).
 */
final class ClusterLookup {
    private final KubernetesClient client;

    ClusterLookup(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** The live (not terminating, not finished) pods {@code selections} match, by {@code ns/name}, sorted. */
    Map<String, Pod> pods(Collection<PodSelection> selections) {
        var out = new TreeMap<String, Pod>();
        for (PodSelection s : selections) {
            if (!s.pods().isEmpty()) {
                for (String key : new TreeSet<>(s.pods())) {
                    int slash = key.indexOf('/');
                    Pod p = client.pods().inNamespace(key.substring(0, slash)).withName(key.substring(slash + 1)).get();
                    if (p != null && live(p)) out.put(key, p);
                }
                continue;
            }
            for (String ns : s.sortedNamespaces()) {
                var query = client.pods().inNamespace(ns);
                List<Pod> found = s.labels().isEmpty() ? query.list().getItems() : query.withLabels(s.labels()).list().getItems();
                for (Pod p : found) if (live(p) && s.annotated(p)) out.put(key(p), p);
            }
        }
        return out;
    }

    /** The Deployments owning {@code pods} through their ReplicaSets, as {@code deployment/ns/name}, sorted. */
    List<String> deployments(Collection<Pod> pods) {
        var out = new TreeSet<String>();
        for (Pod p : pods) {
            OwnerReference rs = controller(p.getMetadata().getOwnerReferences());
            if (rs == null || !"ReplicaSet".equals(rs.getKind())) continue;
            String ns = p.getMetadata().getNamespace();
            ReplicaSet replicaSet = client.apps().replicaSets().inNamespace(ns).withName(rs.getName()).get();
            OwnerReference d = replicaSet == null ? null : controller(replicaSet.getMetadata().getOwnerReferences());
            if (d != null && "Deployment".equals(d.getKind())) out.add("deployment/" + ns + "/" + d.getName());
        }
        return List.copyOf(out);
    }

    /** The Services whose selector matches one of {@code pods}, as {@code service/ns/name}, sorted. */
    List<String> services(Collection<Pod> pods) {
        var out = new TreeSet<String>();
        Set<String> namespaces = new TreeSet<>();
        pods.forEach(p -> namespaces.add(p.getMetadata().getNamespace()));
        for (String ns : namespaces) {
            for (Service s : client.services().inNamespace(ns).list().getItems()) {
                Map<String, String> selector = s.getSpec() == null ? null : s.getSpec().getSelector();
                if (selector == null || selector.isEmpty()) continue;
                for (Pod p : pods) {
                    Map<String, String> labels = p.getMetadata().getLabels() == null ? Map.of() : p.getMetadata().getLabels();
                    if (ns.equals(p.getMetadata().getNamespace()) && labels.entrySet().containsAll(selector.entrySet())) {
                        out.add("service/" + ns + "/" + s.getMetadata().getName());
                        break;
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    static String key(Pod p) {
        return p.getMetadata().getNamespace() + "/" + p.getMetadata().getName();
    }

    /** Running or about to: Chaos Mesh skips pods being deleted and pods that have finished. */
    static boolean live(Pod p) {
        if (p.getMetadata().getDeletionTimestamp() != null) return false;
        String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
        return !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }

    static boolean ready(Pod p) {
        if (p.getStatus() == null || p.getStatus().getConditions() == null) return false;
        return p.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    static int restarts(Pod p) {
        if (p.getStatus() == null || p.getStatus().getContainerStatuses() == null) return 0;
        return p.getStatus().getContainerStatuses().stream().mapToInt(c -> c.getRestartCount() == null ? 0 : c.getRestartCount()).sum();
    }

    private static OwnerReference controller(List<OwnerReference> refs) {
        if (refs == null) return null;
        return refs.stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst().orElse(null);
    }
}
