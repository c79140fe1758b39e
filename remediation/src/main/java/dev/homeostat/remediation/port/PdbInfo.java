package dev.homeostat.remediation.port;

import java.util.List;

/**
 * A PodDisruptionBudget: how many voluntary disruptions it allows right now
 * ({@code status.disruptionsAllowed}) and the names of the pods its selector picks in its namespace
 * (the view resolves the selector, so the engine needs no pod labels).
 */
public record PdbInfo(String namespace, String name, int disruptionsAllowed, List<String> pods) {
    public PdbInfo {
        pods = List.copyOf(pods);
    }

    public boolean covers(String podNamespace, String podName) {
        return namespace.equals(podNamespace) && pods.contains(podName);
    }
}
