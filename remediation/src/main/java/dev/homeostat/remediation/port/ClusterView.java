package dev.homeostat.remediation.port;

import java.util.List;

/** What the engine may read of the cluster. */
public interface ClusterView {
    List<PodInfo> pods();

    List<DeploymentInfo> deployments();
}
