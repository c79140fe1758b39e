package dev.homeostat.remediation.guard;

import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.remediation.port.PodInfo;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A restart may not leave a deployment with fewer than ceil(replicas × (1 − maxUnavailableFraction))
 * ready pods, nor with none. Restarting a pod that is not ready takes nothing away and is always
 * allowed. Pods this guard saw restarted count as not ready while the cluster still lists them
 * (a deletion may show up in the view a little later). Pages are never held back here.
 */
public final class BlastRadiusGuard implements Guard {
    private final double maxUnavailableFraction;
    private final Set<String> restarting = new HashSet<>();

    public BlastRadiusGuard(double maxUnavailableFraction) {
        this.maxUnavailableFraction = maxUnavailableFraction;
    }

    @Override public String name() { return "blast-radius"; }

    /** Ready pods a deployment of {@code replicas} must keep: ceil(replicas × (1 − fraction)), at least 1. */
    public static int minReady(int replicas, double maxUnavailableFraction) {
        // the epsilon keeps 10 × (1 − 0.1) = 9.000000000000002 from rounding up to 10
        return Math.max(1, (int) Math.ceil(replicas * (1 - maxUnavailableFraction) - 1e-9));
    }

    @Override
    public Optional<String> veto(ClusterAction action, GuardContext context) {
        return switch (action) {
            case ClusterAction.Page p -> Optional.empty();
            case ClusterAction.RestartPod r -> vetoRestart(r, context);
        };
    }

    private Optional<String> vetoRestart(ClusterAction.RestartPod restart, GuardContext context) {
        List<PodInfo> pods = context.cluster().pods();
        Set<String> listed = new HashSet<>();
        pods.forEach(p -> listed.add(key(p.namespace(), p.name())));
        restarting.retainAll(listed); // gone from the view: its deletion is done, forget it
        String ns = restart.target().namespace();
        PodInfo pod = pods.stream().filter(p -> Objects.equals(p.namespace(), ns) && p.name().equals(restart.target().name()))
                .findFirst().orElse(null);
        if (pod == null || !ready(pod)) return Optional.empty(); // nothing ready to take away
        if (pod.deployment() == null) {
            return Optional.of("pod " + restart.target().ref() + " has no Deployment; nothing would replace it");
        }
        long ready = pods.stream()
                .filter(p -> Objects.equals(p.namespace(), ns) && pod.deployment().equals(p.deployment()) && ready(p))
                .count();
        int replicas = context.cluster().deployments().stream()
                .filter(d -> Objects.equals(d.namespace(), ns) && d.name().equals(pod.deployment()))
                .mapToInt(DeploymentInfo::replicas).findFirst().orElse((int) ready);
        long after = ready - 1;
        String deployment = "deployment " + ns + "/" + pod.deployment();
        if (after < 1) return Optional.of("pod " + pod.name() + " is the last ready pod of " + deployment);
        int min = minReady(replicas, maxUnavailableFraction);
        if (after < min) {
            return Optional.of("would leave " + deployment + " with " + after + " of " + replicas + " replicas ready; needs at least "
                    + min + " (maxUnavailableFraction " + maxUnavailableFraction + ")");
        }
        return Optional.empty();
    }

    @Override
    public void onExecuted(ClusterAction action, GuardContext context) {
        if (action instanceof ClusterAction.RestartPod r) restarting.add(key(r.target().namespace(), r.target().name()));
    }

    private boolean ready(PodInfo p) { return p.ready() && !restarting.contains(key(p.namespace(), p.name())); }

    private static String key(String namespace, String name) { return namespace + "/" + name; }
}
