package dev.homeostat.simulator.spec;

import java.util.List;

/** Nodes, Deployments, the Services in front of them and the PodDisruptionBudgets over their pods. */
public record ClusterSpec(List<NodeSpec> nodes, List<DeploymentSpec> deployments, List<ServiceSpec> services, List<PdbSpec> pdbs) {
    public ClusterSpec {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        deployments = deployments == null ? List.of() : List.copyOf(deployments);
        services = services == null ? List.of() : List.copyOf(services);
        pdbs = pdbs == null ? List.of() : List.copyOf(pdbs);
        if (nodes.isEmpty()) throw new IllegalArgumentException("nodes: at least one node is required");
    }

    /** No PodDisruptionBudgets. */
    public ClusterSpec(List<NodeSpec> nodes, List<DeploymentSpec> deployments, List<ServiceSpec> services) {
        this(nodes, deployments, services, List.of());
    }
}
