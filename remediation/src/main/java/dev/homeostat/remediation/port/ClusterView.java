package dev.homeostat.remediation.port;

import java.util.List;

/** What the engine may read of the cluster. */
public interface ClusterView {
    List<PodInfo> pods();

    List<DeploymentInfo> deployments();

    /** Nodes (the simulator adapter and the fabric8 adapter list them); a view that does not model nodes lists none. */
    default List<NodeInfo> nodes() { return List.of(); }

    /** PodDisruptionBudgets; a view without them lists none, so the PDB guard never vetoes there. */
    default List<PdbInfo> pdbs() { return List.of(); }
}
