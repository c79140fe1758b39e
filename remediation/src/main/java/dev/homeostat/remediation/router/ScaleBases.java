package dev.homeostat.remediation.router;

import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.port.DeploymentInfo;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The replicas each Deployment had before the engine first scaled it: the base of a relative scale-up ceiling
 * ({@code scale.maxFactor}). Kept across incidents — a base taken afresh by each incident would let every new incident
 * double the Deployment again, without end — and forgotten once its owners scale it back to the base or below, or it
 * is gone: the next scale-up then starts from what they set.
 */
final class ScaleBases {
    /** By Deployment ref ({@code deployment/<ns>/<name>}). */
    private final Map<String, Integer> bases = new TreeMap<>();

    /** The bases as the Deployments now are: those scaled back to their base or below, or gone, are forgotten. */
    Map<String, Integer> current(List<DeploymentInfo> deployments) {
        bases.entrySet().removeIf(e -> deployments.stream().filter(d -> ref(d).equals(e.getKey())).findFirst()
                .map(d -> d.replicas() <= e.getValue()).orElse(true));
        return bases;
    }

    /** The engine is about to scale {@code s}: the Deployment's replicas now are its base unless it has one. */
    void scaling(ClusterAction.ScaleDeployment s, List<DeploymentInfo> deployments) {
        deployments.stream().filter(d -> Objects.equals(d.namespace(), s.target().namespace()) && d.name().equals(s.target().name()))
                .findFirst().ifPresent(d -> bases.putIfAbsent(s.target().ref(), d.replicas()));
    }

    private static String ref(DeploymentInfo d) {
        return d.namespace() == null ? "deployment/" + d.name() : "deployment/" + d.namespace() + "/" + d.name();
    }
}
