package dev.homeostat.remediation.router;

import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.port.ClusterView;
import dev.homeostat.remediation.port.NodeInfo;
import dev.homeostat.remediation.port.PodInfo;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The nodes the engine saw lost (NotReady) and the Deployments whose pods stood on them then. A lost node is one
 * incident for every service it held (HEALING.md: one page per incident), so their pages are one, keyed by the node:
 * the first service's page opens it, the others' update it. Kubernetes spreads a workload's pods over nodes, so a node
 * holds pods of many services, and without this a node's loss paged once per service it held.
 */
final class LostNodes {
    /** A lost node: when the engine first saw it NotReady, when Ready again (Long.MAX_VALUE: still lost), what it held. */
    private static final class Lost {
        final long since;
        long back = Long.MAX_VALUE;
        final Set<String> deployments;

        Lost(long since, Set<String> deployments) {
            this.since = since;
            this.deployments = deployments;
        }
    }

    private final ClusterView cluster;
    private final long lookbackMillis;
    private final Map<String, Lost> byNode = new TreeMap<>();

    LostNodes(ClusterView cluster, long lookbackMillis) {
        this.cluster = cluster;
        this.lookbackMillis = lookbackMillis;
    }

    /**
     * Reads the nodes: one newly NotReady is recorded with the Deployments of the pods bound to it (the pods are listed
     * only then), one Ready again is marked back, and one back for longer than the lookback is forgotten.
     */
    void observe(long now) {
        Set<String> listedLost = null;
        for (NodeInfo n : cluster.nodes()) {
            Lost lost = byNode.get(n.name());
            if (!n.ready() && (lost == null || lost.back != Long.MAX_VALUE)) {
                if (listedLost == null) listedLost = new HashSet<>();
                listedLost.add(n.name());
            } else if (n.ready() && lost != null && lost.back == Long.MAX_VALUE) {
                lost.back = now;
            }
        }
        if (listedLost != null) {
            Map<String, Set<String>> held = new TreeMap<>();
            for (String node : listedLost) held.put(node, new HashSet<>());
            for (PodInfo p : cluster.pods()) {
                Set<String> on = p.node() == null ? null : held.get(p.node());
                if (on != null && p.deployment() != null) on.add((p.namespace() == null ? "default" : p.namespace()) + "/" + p.deployment());
            }
            held.forEach((node, deployments) -> byNode.put(node, new Lost(now, deployments)));
        }
        byNode.values().removeIf(l -> l.back != Long.MAX_VALUE && now - l.back > lookbackMillis);
    }

    /**
     * The page key ({@code node/<name>}) of the lost node whose incident {@code incident} is part of: one of its
     * Deployments had pods on the node when it was lost, and it opened after the loss (within the lookback before it,
     * as detection lags); null when none.
     */
    String groupOf(Incident incident) {
        if (byNode.isEmpty()) return null;
        Set<String> deployments = deploymentsOf(incident);
        for (var e : byNode.entrySet()) {
            Lost lost = e.getValue();
            if (incident.openedAt < lost.since - lookbackMillis || incident.openedAt > lost.back) continue;
            for (String d : deployments) if (lost.deployments.contains(d)) return "node/" + e.getKey();
        }
        return null;
    }

    /** What a page under a lost node's key ({@code node/<name>}) says first. */
    static String why(String group) {
        return group.substring("node/".length()) + " is a lost node (NotReady) that held pods of this service: one page for the node's services | ";
    }

    /** The Deployments ({@code ns/name}) an incident is about: its pod's, its own, or its service's own name's. */
    private Set<String> deploymentsOf(Incident incident) {
        Set<String> out = new HashSet<>();
        Target t = incident.current;
        String ns = t.namespace() == null ? "default" : t.namespace();
        switch (t.kind()) {
            case POD -> cluster.pod(t.namespace(), t.name()).filter(p -> p.deployment() != null).ifPresent(p -> out.add(ns + "/" + p.deployment()));
            case DEPLOYMENT, SERVICE -> out.add(ns + "/" + t.name());
            case NODE -> { }
        }
        if (incident.service() != null) out.add(incident.serviceNamespace() + "/" + incident.service());
        return out;
    }
}
