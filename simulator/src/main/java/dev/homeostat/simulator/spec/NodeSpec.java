package dev.homeostat.simulator.spec;

import java.util.Map;

/** A node's allocatable resources. cpu in cores, memory in bytes. */
public record NodeSpec(String name, double cpu, long memory, Map<String, String> labels) {
    public NodeSpec {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name: a node needs a name");
        if (cpu <= 0) throw new IllegalArgumentException("cpu: must be positive, was " + cpu);
        if (memory <= 0) throw new IllegalArgumentException("memory: must be positive, was " + memory);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
