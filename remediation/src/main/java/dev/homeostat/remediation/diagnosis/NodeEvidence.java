package dev.homeostat.remediation.diagnosis;

import dev.homeostat.remediation.guard.CallGraph;
import dev.homeostat.remediation.model.Anomaly;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.port.ClusterView;
import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.remediation.port.NodeInfo;
import dev.homeostat.remediation.port.PodInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Whether a service's problem is its node's. A node that is not ready is, for any of the service's pods that stand out
 * or are not ready there. Otherwise the node must stand out itself: at least two other services have anomalous pods
 * there and none elsewhere, while pods of theirs on other nodes serve well. Draining a node moves every pod on it, so
 * what is not evidence about the node must not count:
 * <ul>
 *   <li>a pod coming up ({@link PodStartup}, or first started less than {@link Diagnoser#SETTLED_MILLIS} ago: a
 *       rollout's, a scale-up's, a replacement's) is unready or odd for reasons of its own, wherever it runs;</li>
 *   <li>the service's callers, direct or through others, suffer its own problem wherever their pods run;</li>
 *   <li>a service whose pods all sit on the node (a singleton) is as anomalous there as it would be anywhere: only
 *       healthy pods elsewhere set the node apart.</li>
 * </ul>
 */
final class NodeEvidence {
    private final ClusterView cluster;

    NodeEvidence(ClusterView cluster) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
    }

    /** Where another service's anomalies of the lookback are, and which Deployments hold its pods. */
    private static final class Other {
        /** Nodes with any of its anomalous pods, young or settled. */
        final Set<String> nodes = new TreeSet<>();
        /** Nodes with its anomalous pods that had settled when they were anomalous. */
        final Set<String> settledOn = new TreeSet<>();
        /** Its anomalous pods (ns/name). */
        final Set<String> pods = new TreeSet<>();
        /** Its Deployments (ns/name). */
        final Set<String> deployments = new TreeSet<>();
    }

    /**
     * The node-local diagnosis of {@code service}, if the evidence holds, given the anomalies of the lookback
     * ({@code recent}) and the service's pods that stand out now.
     */
    Optional<Diagnosis> diagnose(String service, List<DeploymentInfo> deployments, List<Target> standOut, Iterable<Anomaly> recent,
                                 CallGraph graph, long now, List<String> evidence) {
        Map<String, Boolean> ready = new HashMap<>();
        for (NodeInfo n : cluster.nodes()) ready.put(n.name(), n.ready());
        Map<String, List<Target>> byNode = anomalousPods(deployments, standOut, ready, now);
        if (byNode.isEmpty()) return Optional.empty();
        Map<String, Other> others = others(graph.withCallers(service), recent);
        for (var e : byNode.entrySet()) {
            String node = e.getKey();
            boolean notReady = !ready.getOrDefault(node, true);
            List<String> concentrated = notReady ? List.of() : concentratedOn(node, others, now);
            if (notReady || concentrated.size() >= 2) {
                evidence.add("node " + node + (notReady ? " is not ready" : " is where the anomalous pods of " + concentrated
                        + " all are, while their pods on other nodes serve"));
                return Optional.of(new Diagnosis.NodeLocal(new Target(Target.Kind.NODE, null, node), service, e.getValue(), evidence));
            }
        }
        return Optional.empty();
    }

    /**
     * The service's pods that stand out, or do not serve and are not coming up, by node. On a node that is not ready
     * every unready pod counts, as it always did: none comes up there.
     */
    private Map<String, List<Target>> anomalousPods(List<DeploymentInfo> deployments, List<Target> standOut, Map<String, Boolean> ready, long now) {
        Map<String, List<Target>> byNode = new TreeMap<>();
        for (DeploymentInfo d : deployments) {
            List<PodInfo> pods = cluster.podsOf(d.namespace(), d.name());
            for (PodInfo p : pods) {
                if (p.unscheduled()) continue;
                boolean deadNode = !ready.getOrDefault(p.node(), true);
                boolean lost = !p.ready() && (deadNode || (!p.terminating() && !young(p, pods, now)));
                if (among(standOut, p) || lost) byNode.computeIfAbsent(p.node(), k -> new ArrayList<>()).add(target(p));
            }
        }
        return byNode;
    }

    /** Coming up: still starting, or a first container started too recently to be judged. */
    private static boolean young(PodInfo p, List<PodInfo> peers, long now) {
        if (PodStartup.starting(p, peers, now)) return true;
        return p.restarts() == 0 && p.startedAtMillis() >= 0 && now - p.startedAtMillis() < Diagnoser.SETTLED_MILLIS;
    }

    /** The services with anomalous pods in the lookback, other than {@code explained} (the service and its callers). */
    private Map<String, Other> others(Set<String> explained, Iterable<Anomaly> recent) {
        Map<String, Other> others = new TreeMap<>();
        for (Anomaly a : recent) {
            String other = Diagnoser.serviceOf(a);
            if (a.target().kind() != Target.Kind.POD || other == null || explained.contains(other)) continue;
            PodInfo p = cluster.pod(a.target().namespace(), a.target().name()).orElse(null);
            if (p == null || p.unscheduled()) continue;
            Other o = others.computeIfAbsent(other, k -> new Other());
            o.nodes.add(p.node());
            o.pods.add(p.namespace() + "/" + p.name());
            if (p.deployment() != null) o.deployments.add(p.namespace() + "/" + p.deployment());
            if (p.startedAtMillis() >= 0 && a.timeMillis() - p.startedAtMillis() >= Diagnoser.SETTLED_MILLIS) o.settledOn.add(p.node());
        }
        return others;
    }

    /** The other services whose settled pods are anomalous on {@code node} and nowhere else, and serve elsewhere. */
    private List<String> concentratedOn(String node, Map<String, Other> others, long now) {
        List<String> out = new ArrayList<>();
        for (var e : others.entrySet()) {
            Other o = e.getValue();
            if (o.nodes.equals(Set.of(node)) && o.settledOn.contains(node) && servesElsewhere(o, node, now)) out.add(e.getKey());
        }
        return out;
    }

    /** Whether a pod of the other service off {@code node} is ready, settled and not anomalous: the contrast. */
    private boolean servesElsewhere(Other o, String node, long now) {
        for (String d : o.deployments)
            for (PodInfo p : cluster.podsOf(d.substring(0, d.indexOf('/')), d.substring(d.indexOf('/') + 1))) {
                if (p.unscheduled() || p.node().equals(node) || !p.ready() || p.terminating()) continue;
                if (p.startedAtMillis() < 0 || now - p.startedAtMillis() < Diagnoser.SETTLED_MILLIS) continue;
                if (!o.pods.contains(p.namespace() + "/" + p.name())) return true;
            }
        return false;
    }

    private static boolean among(List<Target> pods, PodInfo p) {
        for (Target t : pods) if (t.name().equals(p.name()) && Objects.equals(t.namespace(), p.namespace())) return true;
        return false;
    }

    private static Target target(PodInfo p) {
        return new Target(Target.Kind.POD, p.namespace(), p.name());
    }
}
