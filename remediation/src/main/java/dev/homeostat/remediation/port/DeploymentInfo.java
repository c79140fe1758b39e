package dev.homeostat.remediation.port;

/** A Deployment as the engine sees it. */
public record DeploymentInfo(String namespace, String name, int replicas, int readyReplicas) { }
