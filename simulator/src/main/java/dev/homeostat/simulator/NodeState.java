package dev.homeostat.simulator;

import dev.homeostat.simulator.cluster.NodeView;
import dev.homeostat.simulator.spec.NodeSpec;

/** A node's allocatable resources and what its bound pods request. */
final class NodeState {
    final NodeSpec spec;
    double cpuRequested;
    long memoryRequested;
    int pods;

    NodeState(NodeSpec spec) { this.spec = spec; }

    boolean fits(double cpu, long memory) {
        // a small epsilon so that summing float requests cannot reject an exact fit
        return cpuRequested + cpu <= spec.cpu() + 1e-9 && memoryRequested + memory <= spec.memory();
    }

    /** Kubernetes' LeastAllocated score after placing the pod: mean of the cpu and memory fractions, lower is better. */
    double allocatedAfter(double cpu, long memory) {
        return ((cpuRequested + cpu) / spec.cpu() + (double) (memoryRequested + memory) / spec.memory()) / 2;
    }

    void bind(double cpu, long memory) { cpuRequested += cpu; memoryRequested += memory; pods++; }

    void release(double cpu, long memory) {
        cpuRequested = pods == 1 ? 0 : cpuRequested - cpu;
        memoryRequested -= memory;
        pods--;
    }

    NodeView view() { return new NodeView(spec.name(), spec.cpu(), spec.memory(), cpuRequested, memoryRequested, pods); }
}
