package dev.homeostat.simulator;

import dev.homeostat.simulator.cluster.PdbView;
import dev.homeostat.simulator.events.SimEvent;
import dev.homeostat.simulator.spec.PdbSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Nodes and disruptions: the node lifecycle controller (a failed node turns NotReady after the
 * node-monitor grace period, its pods are evicted after the not-ready toleration), cordon and
 * {@code kubectl drain}, and the Eviction API with its PodDisruptionBudgets. The only writer of a
 * node's condition, cordon and drain.
 */
final class NodeLifecycleController {
    /** Node-monitor grace period: a node that stops answering turns NotReady after it. */
    static final long NODE_MONITOR_GRACE_MS = 40_000;
    /** Default toleration of the not-ready/unreachable taints: pods are evicted this long after NotReady. */
    static final long NOT_READY_TOLERATION_MS = 300_000;
    /** kubectl drain retries an eviction a PodDisruptionBudget refused after this long. */
    static final long DRAIN_RETRY_MS = 5_000;

    private final Kernel kernel;
    private final Cluster cluster;
    private final Kubelet kubelet;
    private final Scheduler scheduler;
    private final List<PdbSpec> pdbs;

    NodeLifecycleController(Kernel kernel, Cluster cluster, Kubelet kubelet, Scheduler scheduler, List<PdbSpec> pdbs) {
        this.kernel = kernel;
        this.cluster = cluster;
        this.kubelet = kubelet;
        this.scheduler = scheduler;
        this.pdbs = List.copyOf(pdbs);
    }

    /** No new pod is scheduled on the node. */
    void cordon(NodeState n) {
        if (n.unschedulable) return;
        n.unschedulable = true;
        kernel.emit(new SimEvent.NodeCordoned(kernel.now(), n.spec.name()));
    }

    /** Schedulable again; a drain still waiting on a budget gives up. */
    void uncordon(NodeState n) {
        n.draining = false;
        if (!n.unschedulable) return;
        n.unschedulable = false;
        kernel.emit(new SimEvent.NodeUncordoned(kernel.now(), n.spec.name()));
        scheduler.retryPending();
    }

    /** Cordons the node and evicts its pods, each only when every budget covering it allows; refused evictions are retried until an uncordon. */
    void drain(NodeState n) {
        cordon(n);
        if (n.draining) return;
        n.draining = true;
        drainStep(n);
    }

    private void drainStep(NodeState n) {
        boolean blocked = false;
        for (PodState p : cluster.podsOn(n)) if (!evict(p)) blocked = true;
        if (blocked) kernel.at(kernel.now() + DRAIN_RETRY_MS, () -> {
            if (n.draining) drainStep(n);
        });
        else n.draining = false;
    }

    /** The Eviction API: a Ready pod needs a disruption allowed by every budget covering it; a not-Ready one, budgets that are met. */
    boolean evict(PodState p) {
        if (p.terminating()) return false;
        for (PdbSpec s : pdbs) {
            if (p.isolated() || !s.selects(p.namespace, p.deployment.podLabels)) continue;
            PdbView v = status(s);
            if (p.ready() ? v.disruptionsAllowed() < 1 : v.currentHealthy() < v.desiredHealthy()) return false;
        }
        kubelet.delete(p, "Eviction", Kubelet.GRACEFUL_DELETE_MS, false);
        return true;
    }

    /** Every budget and its status now, sorted by namespace/name. */
    List<PdbView> budgets() {
        List<PdbView> out = new ArrayList<>();
        for (PdbSpec s : pdbs) out.add(status(s));
        out.sort(Comparator.comparing(PdbView::namespace).thenComparing(PdbView::name));
        return out;
    }

    /**
     * A budget's status from the Deployments its selector matches (a pod's labels and namespace are its Deployment's),
     * so it costs the Deployments and their pods it covers, not every pod of the cluster: the engine's PDB guard asks for
     * it per action. Pods are listed by name, as the cluster sorts them.
     */
    private PdbView status(PdbSpec s) {
        List<String> names = new ArrayList<>();
        Set<DeploymentState> owners = new LinkedHashSet<>();
        int healthy = 0;
        for (DeploymentState d : cluster.deployments()) {
            if (!s.selects(d.spec.namespace(), d.podLabels)) continue;
            for (PodState p : d.pods) {
                if (!p.owned()) continue;
                names.add(p.name);
                owners.add(d);
                if (p.ready()) healthy++;
            }
        }
        names.sort(null); // one namespace: name order is the cluster's key order
        int expected = 0;
        for (DeploymentState d : owners) expected += d.replicas;
        int desired = s.desiredHealthy(expected);
        return new PdbView(s.namespace(), s.name(), healthy, desired, Math.max(0, healthy - desired), expected, names);
    }

    /**
     * The node stops (kubelet and containers gone): its pods answer nothing (requests time out) and
     * nothing changes on them; NotReady after the grace period, pods evicted after the toleration.
     */
    void fail(NodeState n) {
        if (n.down) return;
        n.down = true;
        int epoch = ++n.failureEpoch;
        for (PodState p : cluster.podsOn(n)) kubelet.nodeLost(p, n.downEffect);
        kernel.at(kernel.now() + NODE_MONITOR_GRACE_MS, () -> {
            if (n.failureEpoch != epoch) return;
            n.ready = false;
            kernel.emit(new SimEvent.NodeConditionChanged(kernel.now(), n.spec.name(), false));
            for (PodState p : cluster.podsOn(n)) kubelet.markNotReady(p);
            kernel.at(kernel.now() + NOT_READY_TOLERATION_MS, () -> {
                if (n.failureEpoch != epoch) return;
                for (PodState p : cluster.podsOn(n)) kubelet.delete(p, "TaintManagerEviction", Kubelet.GRACEFUL_DELETE_MS, false);
            });
        });
    }

    /**
     * The node is back: Ready again, its remaining pods resume (probes decide their readiness); after its machine
     * {@code rebooted}, their containers start afresh, as the kubelet starts them on a booted machine.
     */
    void recover(NodeState n, boolean rebooted) {
        if (!n.down) return;
        n.down = false;
        n.failureEpoch++;
        for (PodState p : cluster.podsOn(n)) {
            kubelet.nodeBack(p, n.downEffect);
            if (rebooted) kubelet.restartAfterReboot(p);
        }
        if (!n.ready) {
            n.ready = true;
            kernel.emit(new SimEvent.NodeConditionChanged(kernel.now(), n.spec.name(), true));
        }
        scheduler.retryPending();
    }
}
