package dev.homeostat.simulator.cluster;

/** A read-only snapshot of one Deployment. */
public record DeploymentView(String namespace, String name, int replicas, int readyReplicas, int availableReplicas) { }
