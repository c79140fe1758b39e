package dev.homeostat.remediation.port;

import java.util.List;

/** What the engine may read of the cluster. */
public interface ClusterView {
    List<PodInfo> pods();

    List<DeploymentInfo> deployments();

    /** Nodes; a view that does not model them (the simulator adapter today) lists none. */
    default List<NodeInfo> nodes() { return List.of(); }

    /** PodDisruptionBudgets; a view without them lists none, so the PDB guard never vetoes there. */
    default List<PdbInfo> pdbs() { return List.of(); }
}
