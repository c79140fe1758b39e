package dev.homeostat.simulator.spec;

import java.util.List;

/** Nodes, Deployments and the Services in front of them. */
public record ClusterSpec(List<NodeSpec> nodes, List<DeploymentSpec> deployments, List<ServiceSpec> services) {
    public ClusterSpec {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        deployments = deployments == null ? List.of() : List.copyOf(deployments);
        services = services == null ? List.of() : List.copyOf(services);
        if (nodes.isEmpty()) throw new IllegalArgumentException("nodes: at least one node is required");
    }
}
