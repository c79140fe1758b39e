package dev.homeostat.simulator;

import dev.homeostat.simulator.core.RandomStreams;
import dev.homeostat.simulator.spec.ClusterSpec;
import dev.homeostat.simulator.spec.DeploymentSpec;
import dev.homeostat.simulator.spec.NodeSpec;
import dev.homeostat.simulator.spec.ServiceSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The API server's objects, as the controllers look them up: nodes (sorted by name), Deployments and
 * their Services (by key), the live pods (by {@code namespace/name}, so scrapes and fault selection
 * iterate deterministically), and the traffic order of the call graph. Built and checked from a
 * {@link ClusterSpec}; a pod is added by its ReplicaSet and leaves when it is gone.
 */
final class Cluster implements PodWatch {
    private final List<NodeState> nodes = new ArrayList<>();
    private final List<DeploymentState> deployments = new ArrayList<>();
    private final Map<String, DeploymentState> deploymentsByKey = new TreeMap<>();
    private final List<ServiceState> services = new ArrayList<>();
    private final Map<String, ServiceState> servicesByKey = new TreeMap<>();
    private final Map<String, PodState> pods = new TreeMap<>();
    /**
     * The live pods' names hashed by namespace, for the engine's "is it still there" asked of every pod it knows once per
     * lookback (a lookup in {@link #pods} costs a dozen string compares and cache misses; a lookup by a {@code ns/name}
     * key, a string built and hashed per question). Names only: a hashed map of the pods themselves has the young
     * collector copy them in hash order, and the per-step sweeps then stream no more (5× slower traffic steps at 30,000
     * pods).
     */
    private final Map<String, Set<String>> podNames = new HashMap<>();
    /** Deployments in traffic order: callers before the services they call (see {@link TrafficOrder}). */
    private final List<DeploymentState> trafficOrder;

    /** Builds the cluster; a duplicate name or a dangling reference fails naming the field and the fix. */
    Cluster(ClusterSpec spec, RandomStreams random, long stepMs) {
        Set<String> nodeNames = new HashSet<>();
        for (int i = 0; i < spec.nodes().size(); i++) {
            NodeSpec n = spec.nodes().get(i);
            if (!nodeNames.add(n.name())) throw new IllegalArgumentException("cluster.nodes[" + i + "].name: duplicate node '" + n.name() + "'; node names must be unique");
            nodes.add(new NodeState(n));
        }
        nodes.sort(Comparator.comparing(n -> n.spec.name()));
        for (int i = 0; i < spec.deployments().size(); i++) {
            DeploymentSpec d = spec.deployments().get(i);
            var state = new DeploymentState(d);
            if (deploymentsByKey.putIfAbsent(state.key, state) != null)
                throw new IllegalArgumentException("cluster.deployments[" + i + "].name: duplicate deployment '" + state.key + "'; names must be unique per namespace");
        }
        deployments.addAll(deploymentsByKey.values());
        for (int i = 0; i < spec.services().size(); i++) {
            ServiceSpec s = spec.services().get(i);
            String where = "cluster.services[" + i + "]";
            DeploymentState d = deploymentsByKey.get(s.namespace() + "/" + s.deployment());
            if (d == null) throw new IllegalArgumentException(where + ".deployment: no deployment '" + s.deployment() + "' in namespace '"
                    + s.namespace() + "'; declare it under cluster.deployments or fix the name");
            if (d.service != null) throw new IllegalArgumentException(where + ".deployment: deployment '" + d.key + "' is already behind service '"
                    + d.service.spec.name() + "'; this simulator supports one Service per Deployment");
            var state = new ServiceState(s, d, random.stream("traffic/" + s.namespace() + "/" + s.name()), stepMs);
            if (servicesByKey.putIfAbsent(state.key, state) != null)
                throw new IllegalArgumentException(where + ".name: duplicate service '" + state.key + "'; names must be unique per namespace");
            d.service = state;
        }
        services.addAll(servicesByKey.values());
        trafficOrder = TrafficOrder.wire(deployments, services);
    }

    /** Nodes sorted by name. */
    List<NodeState> nodes() { return Collections.unmodifiableList(nodes); }

    NodeState node(String name) {
        for (NodeState n : nodes) if (n.spec.name().equals(name)) return n;
        return null;
    }

    List<String> nodeNames() { return nodes.stream().map(n -> n.spec.name()).toList(); }

    /** Deployments sorted by key. */
    List<DeploymentState> deployments() { return Collections.unmodifiableList(deployments); }

    DeploymentState deployment(String namespace, String name) { return deploymentsByKey.get(namespace + "/" + name); }

    Set<String> deploymentKeys() { return Collections.unmodifiableSet(deploymentsByKey.keySet()); }

    /** Services sorted by key. */
    List<ServiceState> services() { return Collections.unmodifiableList(services); }

    ServiceState service(String namespace, String name) { return servicesByKey.get(namespace + "/" + name); }

    Set<String> serviceKeys() { return Collections.unmodifiableSet(servicesByKey.keySet()); }

    List<DeploymentState> trafficOrder() { return trafficOrder; }

    /** Live pods (Terminating included) sorted by key. */
    Iterable<PodState> pods() { return pods.values(); }

    int podCount() { return pods.size(); }

    PodState pod(String namespace, String name) { return pods.get(namespace + "/" + name); }

    boolean hasPod(String namespace, String name) {
        Set<String> names = podNames.get(namespace);
        return names != null && names.contains(name);
    }

    /** The pods on {@code node} that are not being deleted, sorted by key. */
    List<PodState> podsOn(NodeState node) {
        List<PodState> out = new ArrayList<>();
        for (PodState p : pods.values()) if (p.node == node && !p.terminating()) out.add(p);
        return out;
    }

    /** A pod its ReplicaSet just created. */
    void add(PodState p) {
        pods.put(p.key, p);
        podNames.computeIfAbsent(p.namespace, ns -> new HashSet<>()).add(p.name);
        p.deployment.pods.add(p);
    }

    @Override public void gone(PodState p) {
        pods.remove(p.key);
        Set<String> names = podNames.get(p.namespace);
        if (names != null) names.remove(p.name);
        p.deployment.pods.remove(p);
        p.deployment.rows.release(p);
    }
}
