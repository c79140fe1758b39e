package dev.homeostat.remediation.guard;

import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.port.PdbInfo;
import java.util.Comparator;
import java.util.Optional;

/**
 * A disruptive pod action (restart, isolate) is held back while a PodDisruptionBudget that covers
 * the pod allows no disruption ({@code status.disruptionsAllowed == 0}): the engine honours the
 * same promise {@code kubectl drain} does. Drains honour PDBs pod by pod through the Eviction API
 * instead, and report the pods they could not evict.
 *
 * <p>A pod that is not ready counts for nothing in a budget's healthy pods, so taking it away takes nothing from the
 * budget: it is always allowed, as the Eviction API does under {@code unhealthyPodEvictionPolicy: AlwaysAllow} (the
 * policy Kubernetes recommends so that crash-looping pods can be replaced while their budget is exhausted).
 */
public final class PdbGuard implements Guard {
    public static final String NAME = "pdb";

    @Override public String name() { return NAME; }

    @Override
    public Optional<String> veto(ClusterAction action, GuardContext context) {
        return switch (action) {
            // a single replica's restart rolls it over and evicts nothing: budgets govern evictions only
            case ClusterAction.RestartPod r -> GuardContext.rollsOver(context, r.target()) ? Optional.empty() : vetoPod(r.target(), "restart", context);
            case ClusterAction.IsolatePod i -> vetoPod(i.target(), "isolation", context);
            case ClusterAction.RollbackDeployment r -> Optional.empty();
            case ClusterAction.ScaleDeployment s -> Optional.empty();
            case ClusterAction.CordonNode c -> Optional.empty();
            case ClusterAction.DrainNode d -> Optional.empty();
            case ClusterAction.CircuitBreak c -> Optional.empty();
            case ClusterAction.LimitRetries l -> Optional.empty();
            case ClusterAction.Lift l -> Optional.empty();
            case ClusterAction.Page p -> Optional.empty();
        };
    }

    private static Optional<String> vetoPod(Target pod, String what, GuardContext context) {
        if (context.cluster().pod(pod.namespace(), pod.name()).map(p -> !p.ready()).orElse(false)) return Optional.empty();
        return context.cluster().pdbs().stream()
                .filter(b -> b.covers(pod.namespace(), pod.name()) && b.disruptionsAllowed() <= 0)
                .min(Comparator.comparing(PdbInfo::name))
                .map(b -> "PodDisruptionBudget " + b.namespace() + "/" + b.name() + " allows no disruption now (disruptionsAllowed "
                        + b.disruptionsAllowed() + "); the " + what + " of " + pod.ref() + " waits until it does");
    }
}
