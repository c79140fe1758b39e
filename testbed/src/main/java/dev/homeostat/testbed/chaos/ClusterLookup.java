package dev.homeostat.testbed.chaos;

import dev.homeostat.simulator.fault.PodSelector;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the live runner asks the API server about pods: which ones a selection matches now ({@link PodSelection}'s
 * {@code PodSelector} over the namespaces' pods, narrowed server-side by its labels; the named pods of {@code pods}),
 * whether they are ready, and which Deployments and Services stand behind them — named as the journal names them
 * ({@code pod/ns/name}, {@code deployment/ns/name}, {@code service/ns/name}). A selection is looked up in its cluster: the
 * kubeconfig's, or the {@code remoteCluster} it names through {@link RemoteClusters}; one no context reaches is not
 * watched ({@link #unwatched}).
 */
final class ClusterLookup {
    /**
     * The pods selections match, with what stands behind them and the clusters that could not be looked at;
     * {@code selections} as they were looked up (a machine's resolved to the pods on its node, {@link #concrete}).
     */
    record Targets(Map<String, Pod> pods, List<String> refs, List<String> services, Set<String> unwatched, List<PodSelection> selections) { }

    private final KubernetesClient client;
    private final RemoteClusters remotes;

    ClusterLookup(KubernetesClient client) {
        this(client, RemoteClusters.NONE);
    }

    ClusterLookup(KubernetesClient client, RemoteClusters remotes) {
        this.client = Objects.requireNonNull(client, "client");
        this.remotes = Objects.requireNonNull(remotes, "remotes");
    }

    /** The client to look at {@code s}'s pods through; empty when it names a cluster the kubeconfig has no context for. */
    Optional<KubernetesClient> clientFor(PodSelection s) {
        return s.remoteCluster() == null ? Optional.of(client) : remotes.client(s.remoteCluster());
    }

    /** The remote clusters of {@code selections} that no kubeconfig context reaches, sorted. */
    Set<String> unwatched(Collection<PodSelection> selections) {
        var out = new TreeSet<String>();
        for (PodSelection s : selections) if (clientFor(s).isEmpty()) out.add(s.remoteCluster());
        return out;
    }

    /**
     * {@code selections} with each machine selection (a cloud kind's) replaced by the pods on the nodes whose
     * {@code spec.providerID} is that machine's, now, by name; a machine no pod runs on (or nodes the kubeconfig's user
     * cannot list) stays as it is, selecting none.
     */
    List<PodSelection> concrete(Collection<PodSelection> selections) {
        var out = new ArrayList<PodSelection>();
        for (PodSelection s : selections) {
            if (s.machine() == null) {
                out.add(s);
                continue;
            }
            KubernetesClient c = clientFor(s).orElse(null);
            Set<String> nodes = c == null ? Set.of() : nodesOn(c, s.machine()).keySet();
            var keys = new TreeSet<String>();
            var namespaces = new TreeSet<String>();
            for (Pod p : nodes.isEmpty() ? List.<Pod>of() : allPods(c))
                if (p.getSpec() != null && nodes.contains(p.getSpec().getNodeName()) && p.getMetadata().getDeletionTimestamp() == null) {
                    keys.add(key(p));
                    namespaces.add(p.getMetadata().getNamespace());
                }
            out.add(keys.isEmpty() ? s : new PodSelection(new PodSelector(namespaces, Map.of(), keys), s.remoteCluster()));
        }
        return out;
    }

    /** The nodes of the cluster {@code c} on {@code machine}, by name; none when nodes cannot be listed. */
    private static Map<String, Node> nodesOn(KubernetesClient c, dev.homeostat.chaos.CloudMachine machine) {
        var out = new TreeMap<String, Node>();
        try {
            for (Node n : c.nodes().list().getItems())
                if (n.getSpec() != null && machine.backs(n.getSpec().getProviderID())) out.put(n.getMetadata().getName(), n);
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
            return Map.of(); // a user who may not list nodes: the machine's pods cannot be found, the SLO still scores the run
        }
        return out;
    }

    /** Every pod of the cluster {@code c}; none when the kubeconfig's user may not list pods in every namespace. */
    private static List<Pod> allPods(KubernetesClient c) {
        try {
            return c.pods().inAnyNamespace().list().getItems();
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
            return List.of();
        }
    }

    /** The nodes on the machines {@code selections} name that are not Ready, by name. */
    Set<String> machinesDown(Collection<PodSelection> selections) {
        var out = new TreeSet<String>();
        for (PodSelection s : selections) {
            KubernetesClient c = s.machine() == null ? null : clientFor(s).orElse(null);
            if (c == null) continue;
            nodesOn(c, s.machine()).forEach((name, node) -> {
                boolean ready = node.getStatus() != null && node.getStatus().getConditions() != null && node.getStatus().getConditions()
                        .stream().anyMatch(x -> "Ready".equals(x.getType()) && "True".equals(x.getStatus()));
                if (!ready) out.add(name);
            });
        }
        return out;
    }

    /** The live (not terminating, not finished) pods {@code selections} match, by {@code ns/name}, sorted. */
    Map<String, Pod> pods(Collection<PodSelection> selections) {
        var out = new TreeMap<String, Pod>();
        for (var group : byClient(selections).entrySet()) out.putAll(pods(group.getKey(), group.getValue()));
        return out;
    }

    /** {@link #pods} with the Deployments and Services behind them, each looked up in the pods' cluster. */
    Targets targets(Collection<PodSelection> selections) {
        selections = concrete(selections);
        var pods = new TreeMap<String, Pod>();
        var refs = new TreeSet<String>();
        var services = new TreeSet<String>();
        for (var group : byClient(selections).entrySet()) {
            Map<String, Pod> found = pods(group.getKey(), group.getValue());
            pods.putAll(found);
            refs.addAll(deployments(group.getKey(), found.values()));
            services.addAll(services(group.getKey(), found.values()));
        }
        var targetRefs = new ArrayList<String>();
        pods.keySet().forEach(k -> targetRefs.add("pod/" + k));
        targetRefs.addAll(refs);
        return new Targets(pods, targetRefs, List.copyOf(services), unwatched(selections), List.copyOf(selections));
    }

    /**
     * The journal's view of pods already chosen ({@code keys}, as {@code ns/name}: the pods Chaos Mesh recorded), with the
     * Deployments and Services behind those of them still known ({@code known}), looked up through {@code client}.
     */
    Targets chosen(KubernetesClient client, Set<String> keys, Map<String, Pod> known) {
        var refs = new ArrayList<String>();
        new TreeSet<>(keys).forEach(k -> refs.add("pod/" + k));
        refs.addAll(deployments(client, known.values()));
        return new Targets(new TreeMap<>(known), refs, services(client, known.values()), Set.of(), List.of());
    }

    private Map<KubernetesClient, List<PodSelector>> byClient(Collection<PodSelection> selections) {
        var out = new LinkedHashMap<KubernetesClient, List<PodSelector>>();
        for (PodSelection s : selections)
            clientFor(s).ifPresent(c -> out.computeIfAbsent(c, k -> new ArrayList<>()).add(s.selector()));
        return out;
    }

    private static Map<String, Pod> pods(KubernetesClient client, List<PodSelector> selectors) {
        var out = new TreeMap<String, Pod>();
        var view = new LivePods(client); // one node listing per look, not per pod
        for (PodSelector s : selectors)
            for (Pod p : candidates(client, s)) if (live(p, s) && view.selects(s, p)) out.put(key(p), p);
        return out;
    }

    /**
     * The pods {@code s} could pick, for the selector to decide on: the ones {@code pods} names (Chaos Mesh takes exactly
     * those), else every pod of its namespaces carrying its labels (a label query).
     */
    private static List<Pod> candidates(KubernetesClient client, PodSelector s) {
        var out = new ArrayList<Pod>();
        if (!s.pods().isEmpty()) {
            for (String key : new TreeSet<>(s.pods())) {
                int slash = key.indexOf('/');
                Pod p = client.pods().inNamespace(key.substring(0, slash)).withName(key.substring(slash + 1)).get();
                if (p != null) out.add(p);
            }
            return out;
        }
        for (String ns : new TreeSet<>(s.namespaces())) {
            var query = client.pods().inNamespace(ns);
            out.addAll(s.labels().isEmpty() ? query.list().getItems() : query.withLabels(s.labels()).list().getItems());
        }
        return out;
    }

    /**
     * The Deployments owning {@code pods} through their ReplicaSets, and the StatefulSets owning them directly, as
     * {@code deployment/ns/name} (the journal's name for either, as the simulation's runner names them), sorted.
     */
    private static List<String> deployments(KubernetesClient client, Collection<Pod> pods) {
        var out = new TreeSet<String>();
        for (Pod p : pods) {
            OwnerReference rs = controller(p.getMetadata().getOwnerReferences());
            String ns = p.getMetadata().getNamespace();
            if (rs != null && "StatefulSet".equals(rs.getKind())) out.add("deployment/" + ns + "/" + rs.getName());
            if (rs == null || !"ReplicaSet".equals(rs.getKind())) continue;
            ReplicaSet replicaSet = client.apps().replicaSets().inNamespace(ns).withName(rs.getName()).get();
            OwnerReference d = replicaSet == null ? null : controller(replicaSet.getMetadata().getOwnerReferences());
            if (d != null && "Deployment".equals(d.getKind())) out.add("deployment/" + ns + "/" + d.getName());
        }
        return List.copyOf(out);
    }

    /** The Services whose selector matches one of {@code pods}, as {@code service/ns/name}, sorted. */
    private static List<String> services(KubernetesClient client, Collection<Pod> pods) {
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

    /**
     * Not being deleted, and running or about to — unless {@code s} asks for a finished pod's phase itself
     * ({@code podPhaseSelectors: [Failed]}, {@code ["!Running"]}): then it is picked, as Chaos Mesh's phase selector does.
     */
    static boolean live(Pod p, PodSelector s) {
        if (p.getMetadata().getDeletionTimestamp() != null) return false;
        String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
        if (!"Succeeded".equals(phase) && !"Failed".equals(phase)) return true;
        Set<String> phases = s.fields().get("status.phase");
        return phases != null && phases.contains(phase);
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
