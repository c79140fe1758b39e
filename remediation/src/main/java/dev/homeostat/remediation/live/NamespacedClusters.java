package dev.homeostat.remediation.live;

import dev.homeostat.remediation.live.kubernetes.KubernetesCluster;
import dev.homeostat.remediation.live.kubernetes.Pager;
import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.port.ActionOutcome;
import dev.homeostat.remediation.port.ClusterActions;
import dev.homeostat.remediation.port.ClusterView;
import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.remediation.port.NodeInfo;
import dev.homeostat.remediation.port.PdbInfo;
import dev.homeostat.remediation.port.PodInfo;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The cluster as the engine sees it across the namespaces of {@code EngineConfig.kubernetes.namespaces}:
 * one {@link KubernetesCluster} per namespace, their lists joined (sorted by namespace, as each
 * is), and each action sent to the namespace of its target. Nodes are cluster-wide, so they are
 * read from, and node actions go to, the first namespace's view. {@code "*"} watches every namespace.
 */
public final class NamespacedClusters implements ClusterView, ClusterActions {
    public static final String ALL = "*";
    private final Map<String, KubernetesCluster> byNamespace = new LinkedHashMap<>();
    private final KubernetesCluster first;

    public NamespacedClusters(KubernetesClient client, List<String> namespaces, Pager pager) {
        if (namespaces.isEmpty()) throw new IllegalArgumentException("kubernetes.namespaces: give at least one namespace");
        for (String ns : namespaces.stream().sorted().toList()) {
            byNamespace.put(ns, new KubernetesCluster(client, ALL.equals(ns) ? null : ns, KubernetesCluster.Eviction.API, pager));
        }
        first = byNamespace.values().iterator().next();
    }

    @Override public List<PodInfo> pods() {
        return joined(ClusterView::pods, Comparator.comparing(PodInfo::namespace).thenComparing(PodInfo::name));
    }

    @Override public List<DeploymentInfo> deployments() {
        return joined(ClusterView::deployments, Comparator.comparing(DeploymentInfo::namespace).thenComparing(DeploymentInfo::name));
    }

    @Override public List<NodeInfo> nodes() { return first.nodes(); }

    @Override public void refresh() { byNamespace.values().forEach(KubernetesCluster::refresh); }

    @Override public List<PdbInfo> pdbs() {
        return joined(ClusterView::pdbs, Comparator.comparing(PdbInfo::namespace).thenComparing(PdbInfo::name));
    }

    /** The nodes' marks once, each namespace's Services and VirtualServices from its own view. */
    @Override public List<ClusterAction> measuresInForce() {
        if (byNamespace.size() == 1) return first.measuresInForce();
        var out = new ArrayList<ClusterAction>(first.measuresInForce());
        for (KubernetesCluster c : byNamespace.values()) {
            if (c == first) continue;
            for (ClusterAction a : c.measuresInForce()) if (a.target().namespace() != null) out.add(a);
        }
        return List.copyOf(out);
    }

    @Override public ActionOutcome execute(ClusterAction action) {
        try {
            return route(action);
        } finally {
            // an action in one namespace (a drain's evictions) may change what the others list
            byNamespace.values().forEach(KubernetesCluster::forget);
        }
    }

    private ActionOutcome route(ClusterAction action) {
        String ns = action.target().namespace();
        if (ns == null) return first.execute(action); // nodes
        KubernetesCluster view = byNamespace.get(ns);
        if (view == null) view = byNamespace.get(ALL);
        if (view == null) {
            return ActionOutcome.refused("namespace " + ns + " is not watched (kubernetes.namespaces: " + String.join(", ", byNamespace.keySet()) + ")");
        }
        return view.execute(action);
    }

    private <T> List<T> joined(Function<ClusterView, List<T>> read, Comparator<T> order) {
        if (byNamespace.size() == 1) return read.apply(first);
        var out = new ArrayList<T>();
        for (KubernetesCluster c : byNamespace.values()) out.addAll(read.apply(c));
        out.sort(order);
        return out;
    }
}
