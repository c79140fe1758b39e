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
    /** A workload's bound pods per node. */
    private final java.util.IdentityHashMap<DeploymentState, int[]> spread = new java.util.IdentityHashMap<>();

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
        int[] own = p.deployment == null ? null : spread.get(p.deployment);
        int[] perZone = own == null || zones == 0 ? null : perZone(own);
        int fitting = 0;
        for (NodeState n : nodes) if (n.schedulable() && n.fits(c.cpuRequest(), c.memoryRequest())) fitting++;
        if (fitting == 0) return null;
        // PodTopologySpread's raw score per node, then its normalisation over the fitting nodes
        double hostWeight = Math.log(fitting + 2), zoneWeight = Math.log(zones + 2);
        double max = 0, min = Double.MAX_VALUE;
        double[] raw = new double[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            NodeState n = nodes.get(i);
            if (!n.schedulable() || !n.fits(c.cpuRequest(), c.memoryRequest())) continue;
            double r = (own == null ? 0 : own[i]) * hostWeight + (HOST_SKEW - 1);
            if (zoneOf[i] >= 0) r += (perZone == null ? 0 : perZone[zoneOf[i]]) * zoneWeight + (ZONE_SKEW - 1);
            raw[i] = r;
            max = Math.max(max, r);
            min = Math.min(min, r);
        }
        NodeState best = null;
        double bestScore = -1;
        for (int i = 0; i < nodes.size(); i++) {
            NodeState n = nodes.get(i);
            if (!n.schedulable() || !n.fits(c.cpuRequest(), c.memoryRequest())) continue;
            double spreadScore = max == 0 ? 100 : 100 * (max + min - raw[i]) / max;
            double score = n.resourceScore(c.cpuRequest(), c.memoryRequest()) + SPREAD_WEIGHT * spreadScore;
            if (score > bestScore + 1e-9) { best = n; bestScore = score; }
        }
        return best;
    }

    /** A workload's bound pods per zone. */
    private int[] perZone(int[] own) {
        int[] out = new int[zones];
        for (int i = 0; i < own.length; i++) if (zoneOf[i] >= 0) out[zoneOf[i]] += own[i];
        return out;
    }

    private void bind(PodState p, NodeState node) {
        p.node = node;
        node.bind(p.spec.cpuRequest(), p.spec.memoryRequest());
        if (p.deployment != null) {
            spread.computeIfAbsent(p.deployment, d -> new int[nodes.size()])[index.get(node)]++;
            p.spreadCounted = true;
        }
    }

    /** A pod that terminates no longer counts for spreading, as PodTopologySpread skips pods being deleted. */
    private void uncount(PodState p) {
        if (!p.spreadCounted) return;
        spread.get(p.deployment)[index.get(p.node)]--;
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
