package dev.homeostat.simulator.cluster;

import java.util.List;

/**
 * A read-only snapshot of one PodDisruptionBudget's status: ready pods it covers
 * ({@code currentHealthy}), how many must stay ready ({@code desiredHealthy}), the voluntary
 * disruptions allowed now, the pods its workloads want ({@code expectedPods}: their replicas, from which a percentage is
 * taken), and the names of the (non-Terminating) pods its selector picks, sorted.
 */
public record PdbView(String namespace, String name, int currentHealthy, int desiredHealthy, int disruptionsAllowed, int expectedPods,
                      List<String> pods) {
    public PdbView { pods = List.copyOf(pods); }
}
