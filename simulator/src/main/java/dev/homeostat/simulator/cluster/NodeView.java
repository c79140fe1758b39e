package dev.homeostat.simulator.cluster;

/** A read-only snapshot of one node: allocatable resources and the requests of the pods bound to it (cpu in cores, memory in bytes). */
public record NodeView(String name, double cpuAllocatable, long memoryAllocatable, double cpuRequested, long memoryRequested, int pods) { }
