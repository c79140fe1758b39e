package dev.homeostat.simulator;

import dev.homeostat.simulator.cluster.NodeView;
import dev.homeostat.simulator.spec.NodeSpec;

/** A node's allocatable resources, what its bound pods request, its Ready condition and cordon. */
final class NodeState {
    final NodeSpec spec;
    double cpuRequested;
    long memoryRequested;
    int pods;
    /** The Ready condition as the control plane sees it (false from the node-monitor grace period after a failure). */
    boolean ready = true;
    /** The machine is down (kubelet unreachable) now; {@link #ready} follows after the grace period. */
    boolean down;
    boolean unschedulable;
    /** A drain is under way: blocked evictions are retried. */
    boolean draining;
    /** Counts failures, so the timers of an earlier failure do nothing after a recovery. */
    int failureEpoch;
    /** What a down node does to its pods' requests: they time out. */
    final TrafficEffect downEffect = new TrafficEffect.BlackHole();

    NodeState(NodeSpec spec) { this.spec = spec; }

    /** The scheduler places pods only on Ready, uncordoned nodes (the not-ready and unschedulable taints). */
    boolean schedulable() { return ready && !down && !unschedulable; }

    boolean fits(double cpu, long memory) {
        // a small epsilon so that summing float requests cannot reject an exact fit
        return cpuRequested + cpu <= spec.cpu() + 1e-9 && memoryRequested + memory <= spec.memory();
    }

    /**
     * NodeResourcesFit (LeastAllocated) plus NodeResourcesBalancedAllocation after placing the pod, each 0–100, as the
     * kube-scheduler's default profile weighs them (1 each): the free share of cpu and memory, and how evenly the two
     * are used.
     */
    double resourceScore(double cpu, long memory) {
        double cpuUsed = Math.min(1, (cpuRequested + cpu) / spec.cpu());
        double memUsed = Math.min(1, (double) (memoryRequested + memory) / spec.memory());
        double leastAllocated = ((1 - cpuUsed) + (1 - memUsed)) / 2 * 100;
        double balanced = (1 - Math.abs(cpuUsed - memUsed) / 2) * 100;
        return leastAllocated + balanced;
    }

    void bind(double cpu, long memory) { cpuRequested += cpu; memoryRequested += memory; pods++; }

    void release(double cpu, long memory) {
        cpuRequested = pods == 1 ? 0 : cpuRequested - cpu;
        memoryRequested -= memory;
        pods--;
    }

    NodeView view() {
        return new NodeView(spec.name(), spec.cpu(), spec.memory(), cpuRequested, memoryRequested, pods, ready, unschedulable);
    }
}
