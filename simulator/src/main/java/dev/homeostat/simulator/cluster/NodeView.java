package dev.homeostat.simulator.cluster;

/**
 * A read-only snapshot of one node: allocatable resources and the requests of the pods bound to it
 * (cpu in cores, memory in bytes), its Ready condition and whether it is cordoned.
 */
public record NodeView(String name, double cpuAllocatable, long memoryAllocatable, double cpuRequested, long memoryRequested, int pods,
                       boolean ready, boolean unschedulable) {
    /** A Ready, schedulable node. */
    public NodeView(String name, double cpuAllocatable, long memoryAllocatable, double cpuRequested, long memoryRequested, int pods) {
        this(name, cpuAllocatable, memoryAllocatable, cpuRequested, memoryRequested, pods, true, false);
    }
}
