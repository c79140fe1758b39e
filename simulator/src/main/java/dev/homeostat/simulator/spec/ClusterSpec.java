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
        checkPodNames(deployments);
        var machines = new java.util.HashMap<String, String>();
        for (int i = 0; i < nodes.size(); i++) {
            NodeSpec n = nodes.get(i);
            String other = n.providerID() == null ? null : machines.putIfAbsent(n.providerID(), n.name());
            if (other != null)
                throw new IllegalArgumentException("nodes[" + i + "].providerID: \"" + n.providerID() + "\" is already node " + other
                        + "'s machine; a machine runs one node");
        }
    }

    /** The nodes by the provider ID of their machine ({@code spec.providerID}), for the nodes that have one. */
    public java.util.Map<String, String> machines() {
        var out = new java.util.TreeMap<String, String>();
        for (NodeSpec n : nodes) if (n.providerID() != null) out.put(n.providerID(), n.name());
        return out;
    }

    /** A pinned pod name is one pod's in its namespace, whichever Deployment names it, and no StatefulSet's ordinal name. */
    private static void checkPodNames(List<DeploymentSpec> deployments) {
        var owner = new java.util.HashMap<String, String>();
        for (int i = 0; i < deployments.size(); i++) {
            DeploymentSpec d = deployments.get(i);
            for (String n : d.podNames()) {
                for (DeploymentSpec sts : deployments)
                    if (sts.stateful() && sts.namespace().equals(d.namespace()) && n.matches(java.util.regex.Pattern.quote(sts.name()) + "-\\d+"))
                        throw new IllegalArgumentException("deployments[" + i + "].podNames: \"" + n + "\" is the name of a pod of StatefulSet "
                                + sts.name() + " in namespace " + d.namespace() + "; pod names are unique in a namespace");
                String other = owner.putIfAbsent(d.namespace() + "/" + n, d.name());
                if (other != null && !other.equals(d.name()))
                    throw new IllegalArgumentException("deployments[" + i + "].podNames: \"" + n + "\" is already a pod of deployment " + other
                            + " in namespace " + d.namespace() + "; pod names are unique in a namespace");
            }
        }
    }

    /** No PodDisruptionBudgets. */
    public ClusterSpec(List<NodeSpec> nodes, List<DeploymentSpec> deployments, List<ServiceSpec> services) {
        this(nodes, deployments, services, List.of());
    }
}
