package dev.homeostat.simulator.spec;

import java.util.Map;

/**
 * A node's allocatable resources (cpu in cores, memory in bytes), its labels, and the machine it runs on as Kubernetes
 * names it ({@code spec.providerID}, e.g. {@code aws:///us-east-1a/i-0abc}; null: none given), which Chaos Mesh's
 * cloud kinds (AWSChaos, GCPChaos, AzureChaos) name by instance.
 */
public record NodeSpec(String name, double cpu, long memory, Map<String, String> labels, String providerID) {
    public NodeSpec {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name: a node needs a name");
        if (cpu <= 0) throw new IllegalArgumentException("cpu: must be positive, was " + cpu);
        if (memory <= 0) throw new IllegalArgumentException("memory: must be positive, was " + memory);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        if (providerID != null && !providerID.matches("[a-z0-9]+://\\S*"))
            throw new IllegalArgumentException("providerID: \"" + providerID + "\" is not a provider ID; write <provider>://<machine>, e.g. aws:///us-east-1a/i-0abc");
    }

    /** A node with no provider ID. */
    public NodeSpec(String name, double cpu, long memory, Map<String, String> labels) {
        this(name, cpu, memory, labels, null);
    }
}
