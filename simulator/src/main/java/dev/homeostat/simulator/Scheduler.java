package dev.homeostat.simulator;

import dev.homeostat.simulator.events.SimEvent;
import dev.homeostat.simulator.spec.ContainerSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The kube-scheduler: binds each new pod to the least allocated node that fits its requests (ties by
 * name) and keeps pods that fit nowhere Pending, retrying them whenever capacity frees (a pod leaves a
 * node, a node comes back). Owns the pending queue and the nodes' requested resources. A pod bound after waiting
 * is told ({@link SimEvent.PodScheduled}); one bound at once is told by its creation.
 */
final class Scheduler implements PodWatch {
    private final Kernel kernel;
    private final List<NodeState> nodes;
    private final Kubelet kubelet;
    /** Unbound pods in creation order. */
    private final List<PodState> pending = new ArrayList<>();

    /** @param nodes sorted by name */
    Scheduler(Kernel kernel, List<NodeState> nodes, Kubelet kubelet) {
        this.kernel = kernel;
        this.nodes = nodes;
        this.kubelet = kubelet;
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

    /** Least allocated node that fits the pod's requests; ties go to the first by name. */
    private NodeState bestNode(PodState p) {
        ContainerSpec c = p.spec;
        NodeState best = null;
        double bestScore = Double.MAX_VALUE;
        for (NodeState n : nodes) {
            if (!n.schedulable() || !n.fits(c.cpuRequest(), c.memoryRequest())) continue;
            double score = n.allocatedAfter(c.cpuRequest(), c.memoryRequest());
            if (score < bestScore) { best = n; bestScore = score; }
        }
        return best;
    }

    private static void bind(PodState p, NodeState node) {
        p.node = node;
        node.bind(p.spec.cpuRequest(), p.spec.memoryRequest());
    }

    @Override public void deleted(PodState p) {
        if (p.node == null) pending.remove(p);
    }

    @Override public void gone(PodState p) {
        if (p.node == null) return;
        p.node.release(p.spec.cpuRequest(), p.spec.memoryRequest());
        retryPending();
    }
}
