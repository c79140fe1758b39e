package dev.homeostat.simulator;

import dev.homeostat.simulator.events.SimEvent;
import dev.homeostat.simulator.spec.ContainerSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The kube-scheduler: binds each new pod to the fitting node its default profile scores highest (ties by name) and
 * keeps pods that fit nowhere Pending, retrying them whenever capacity frees (a pod leaves a node, a node comes back).
 * Owns the pending queue, the nodes' requested resources and each workload's pods per node. A pod bound after
 * waiting is told ({@link SimEvent.PodScheduled}); one bound at once is told by its creation.
 *
 * <p>The score is the default profile's three plugins that tell these nodes apart, with their weights:
 * NodeResourcesFit (LeastAllocated, 1), NodeResourcesBalancedAllocation (1) and PodTopologySpread (2) with the
 * system default constraints — {@code kubernetes.io/hostname} maxSkew 3 and {@code topology.kubernetes.io/zone}
 * maxSkew 5, both ScheduleAnyway, over the pods of the same workload — scored and normalised as the plugin does
 * ({@code count × log(domains + 2) + maxSkew − 1} per constraint, a node without a constraint's key skipping it, then
 * {@code 100 × (max + min − s) / max}). Without the spread a large node takes every replica of a service, and one
 * node's loss takes the whole service, which Kubernetes' spreading exists to avoid.
 */
final class Scheduler implements PodWatch {
    private final Kernel kernel;
    private final List<NodeState> nodes;
    private final Kubelet kubelet;
    /** Unbound pods in creation order. */
    private final List<PodState> pending = new ArrayList<>();
    /** Each node's place in {@link #nodes}. */
    private final java.util.IdentityHashMap<NodeState, Integer> index = new java.util.IdentityHashMap<>();
    /** Each node's zone ({@value #ZONE}), an index into the zones; -1 without one. */
    private final int[] zoneOf;
    private final int zones;
    /** Some nodes have a zone and some have none. */
    private final boolean mixedZones;
    /** Each workload's bound pods per node and zone. */
    private final java.util.IdentityHashMap<DeploymentState, Spread> spread = new java.util.IdentityHashMap<>();
    /** Scratch for {@link #bestNode}: the fitting nodes' places, and their raw spread scores. */
    private final int[] feasible;
    private final double[] raw;

    static final String ZONE = "topology.kubernetes.io/zone";
    private static final int HOST_SKEW = 3, ZONE_SKEW = 5;
    private static final double SPREAD_WEIGHT = 2;

    /** @param nodes sorted by name */
    Scheduler(Kernel kernel, List<NodeState> nodes, Kubelet kubelet) {
        this.kernel = kernel;
        this.nodes = nodes;
        this.kubelet = kubelet;
        this.zoneOf = new int[nodes.size()];
        var zoneIds = new java.util.HashMap<String, Integer>();
        for (int i = 0; i < nodes.size(); i++) {
            index.put(nodes.get(i), i);
            String zone = nodes.get(i).spec.labels().get(ZONE);
            zoneOf[i] = zone == null ? -1 : zoneIds.computeIfAbsent(zone, z -> zoneIds.size());
        }
        this.zones = zoneIds.size();
        int zoned = 0;
        for (int z : zoneOf) if (z >= 0) zoned++;
        this.mixedZones = zoned > 0 && zoned < nodes.size();
        this.feasible = new int[nodes.size()];
        this.raw = new double[nodes.size()];
    }

    /** Binds a new pod, or queues it Pending; returns its node, null when none fits. */
    NodeState place(PodState p) {
        NodeState node = bestNode(p);
        if (node != null) bind(p, node); else pending.add(p);
        return node;
    }

    /** Binds the Pending pods that fit now, in creation order, and hands them to the kubelet. */
    void retryPending() {
        for (Iterator<PodState> it = pending.iterator(); it.hasNext(); ) {
            PodState p = it.next();
            NodeState node = bestNode(p);
            if (node == null) continue;
            it.remove();
            bind(p, node);
            kernel.emit(new SimEvent.PodScheduled(kernel.now(), p.key, node.spec.name()));
            kubelet.admit(p, false);
        }
    }

    /** The fitting node the default profile scores highest; ties go to the first by name. */
    private NodeState bestNode(PodState p) {
        ContainerSpec c = p.spec;
        if (p.deployment == null) return bestByResources(c); // no workload: no default constraint applies
        Spread own = spread.get(p.deployment);
        // none of the workload's pods bound: where every node has a zone or none has, every node spreads alike and the
        // resources decide (a node without a zone skips that constraint, so in a mixed cluster it scores apart)
        if ((own == null || own.bound == 0) && !mixedZones) return bestByResources(c);
        if (own == null) own = spread.computeIfAbsent(p.deployment, d -> new Spread());
        int fitting = 0;
        for (int i = 0; i < nodes.size(); i++) {
            NodeState n = nodes.get(i);
            if (n.schedulable() && n.fits(c.cpuRequest(), c.memoryRequest())) feasible[fitting++] = i;
        }
        if (fitting == 0) return null;
        // PodTopologySpread's raw score per fitting node, then its normalisation over them
        double hostWeight = Math.log(fitting + 2), zoneWeight = Math.log(zones + 2);
        double max = 0, min = Double.MAX_VALUE;
        for (int k = 0; k < fitting; k++) {
            int i = feasible[k];
            double r = own.perNode[i] * hostWeight + (HOST_SKEW - 1);
            if (zoneOf[i] >= 0) r += own.perZone[zoneOf[i]] * zoneWeight + (ZONE_SKEW - 1);
            raw[k] = r;
            if (r > max) max = r;
            if (r < min) min = r;
        }
        NodeState best = null;
        double bestScore = -1;
        for (int k = 0; k < fitting; k++) {
            NodeState n = nodes.get(feasible[k]);
            double spreadScore = max == 0 ? 100 : 100 * (max + min - raw[k]) / max;
            double score = n.resourceScore(c.cpuRequest(), c.memoryRequest()) + SPREAD_WEIGHT * spreadScore;
            if (score > bestScore + 1e-9) { best = n; bestScore = score; }
        }
        return best;
    }

    /** The fitting node with the best resource score alone (ties to the first by name); null when none fits. */
    private NodeState bestByResources(ContainerSpec c) {
        NodeState best = null;
        double bestScore = -1;
        for (NodeState n : nodes) {
            if (!n.schedulable() || !n.fits(c.cpuRequest(), c.memoryRequest())) continue;
            double score = n.resourceScore(c.cpuRequest(), c.memoryRequest());
            if (score > bestScore + 1e-9) { best = n; bestScore = score; }
        }
        return best;
    }

    /** A workload's non-terminating bound pods per node and per zone. */
    private final class Spread {
        final int[] perNode = new int[nodes.size()];
        final int[] perZone = new int[zones];
        int bound;

        void add(int node, int by) {
            perNode[node] += by;
            if (zoneOf[node] >= 0) perZone[zoneOf[node]] += by;
            bound += by;
        }
    }

    private void bind(PodState p, NodeState node) {
        p.node = node;
        node.bind(p.spec.cpuRequest(), p.spec.memoryRequest());
        if (p.deployment != null) {
            spread.computeIfAbsent(p.deployment, d -> new Spread()).add(index.get(node), 1);
            p.spreadCounted = true;
        }
    }

    /** A pod that terminates no longer counts for spreading, as PodTopologySpread skips pods being deleted. */
    private void uncount(PodState p) {
        if (!p.spreadCounted) return;
        spread.get(p.deployment).add(index.get(p.node), -1);
        p.spreadCounted = false;
    }

    /** An isolated pod lost the labels its workload selects by: it no longer counts for spreading. */
    @Override public void isolated(PodState p) { uncount(p); }

    @Override public void deleted(PodState p) {
        if (p.node == null) pending.remove(p);
        uncount(p);
    }

    @Override public void gone(PodState p) {
        if (p.node == null) return;
        p.node.release(p.spec.cpuRequest(), p.spec.memoryRequest());
        uncount(p);
        retryPending();
    }
}
