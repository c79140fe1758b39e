package dev.homeostat.remediation.guard;

import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.remediation.port.PodInfo;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A restart (or an isolation, which takes a pod out of service just as surely) may not leave a
 * deployment with fewer than ceil(replicas × (1 − maxUnavailableFraction)) ready pods, nor with
 * none — but a restart of the only pod of a one-replica Deployment, which the adapters roll over with the replacement
 * Ready first, as {@code kubectl rollout restart} does (a StatefulSet's is refused). Taking a pod that is not ready takes nothing away and is always allowed. Pods this guard
 * saw restarted count as not ready while the cluster still lists them (a deletion may show up in
 * the view a little later). A drain is held to the same bound for every deployment with ready pods
 * on the node, since it evicts them all at once. Pages, rollbacks (the Deployment's own rolling
 * update bounds them), scale-ups, cordons and circuit-breaks are never held back here.
 */
public final class BlastRadiusGuard implements Guard {
    private final double maxUnavailableFraction;
    /** Pods this guard saw restarted (ns/name) → their Deployment (ns/name), while the view still lists them. */
    private final Map<String, String> restarting = new HashMap<>();
    /** The pods of the drain last judged (ns/name → Deployment), as the view listed them before it ran. */
    private final Map<String, String> drained = new HashMap<>();

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
            case ClusterAction.RestartPod r -> vetoPodLoss(r.target(), context, true);
            case ClusterAction.IsolatePod i -> vetoPodLoss(i.target(), context, false);
            case ClusterAction.DrainNode d -> vetoDrain(d.target().name(), context);
            case ClusterAction.RollbackDeployment r -> Optional.empty();
            case ClusterAction.ScaleDeployment s -> Optional.empty();
            case ClusterAction.CordonNode c -> Optional.empty();
            case ClusterAction.CircuitBreak c -> Optional.empty();
            case ClusterAction.LimitRetries l -> Optional.empty();
            case ClusterAction.Lift l -> Optional.empty();
            case ClusterAction.Page p -> Optional.empty();
        };
    }

    private Optional<String> vetoPodLoss(Target target, GuardContext context, boolean rollsOver) {
        String ns = target.namespace();
        PodInfo pod = context.cluster().pod(ns, target.name()).orElse(null);
        if (pod == null) {
            restarting.remove(key(ns, target.name())); // gone from the view: its deletion is done
            return Optional.empty();
        }
        if (!ready(pod)) return Optional.empty(); // nothing ready to take away
        if (pod.deployment() == null) {
            return Optional.of("pod " + target.ref() + " has no Deployment; nothing would replace it");
        }
        long ready = readyOf(context, ns, pod.deployment());
        int replicas = replicas(context, ns, pod.deployment(), ready);
        long after = ready - 1;
        String deployment = "deployment " + ns + "/" + pod.deployment();
        if (after < 1) {
            // a restart of a single replica's pod rolls it over, its replacement Ready first (ClusterAction.RestartPod)
            if (rollsOver && GuardContext.rollsOver(context, target)) return Optional.empty();
            return Optional.of("pod " + pod.name() + " is the last ready pod of " + deployment);
        }
        int min = minReady(replicas, maxUnavailableFraction);
        if (after < min) {
            return Optional.of("would leave " + deployment + " with " + after + " of " + replicas + " replicas ready; needs at least "
                    + min + " (maxUnavailableFraction " + maxUnavailableFraction + ")");
        }
        return Optional.empty();
    }

    private Optional<String> vetoDrain(String node, GuardContext context) {
        // ready pods on the node per deployment, in sorted order so the first veto is always the same one
        Map<String, Long> onNode = new TreeMap<>();
        drained.clear();
        for (PodInfo p : context.cluster().podsOn(node)) {
            if (p.deployment() == null) continue;
            drained.put(key(p.namespace(), p.name()), key(p.namespace(), p.deployment()));
            if (ready(p)) onNode.merge(p.namespace() + "/" + p.deployment(), 1L, Long::sum);
        }
        for (var e : onNode.entrySet()) {
            String ns = e.getKey().substring(0, e.getKey().indexOf('/'));
            String name = e.getKey().substring(e.getKey().indexOf('/') + 1);
            long ready = readyOf(context, ns, name);
            int replicas = replicas(context, ns, name, ready);
            long after = ready - e.getValue();
            int min = minReady(replicas, maxUnavailableFraction);
            if (after < min) {
                return Optional.of("draining node " + node + " would leave deployment " + e.getKey() + " with " + after + " of " + replicas
                        + " replicas ready; needs at least " + min + " (maxUnavailableFraction " + maxUnavailableFraction + ")");
            }
        }
        return Optional.empty();
    }

    /** Ready pods of the Deployment, not counting those this guard saw restarted; forgets restarts whose pod is gone. */
    private long readyOf(GuardContext context, String ns, String deployment) {
        List<PodInfo> pods = context.cluster().podsOf(ns, deployment);
        Set<String> listed = new HashSet<>();
        long ready = 0;
        for (PodInfo p : pods) {
            listed.add(key(p.namespace(), p.name()));
            if (ready(p)) ready++;
        }
        String owner = key(ns, deployment);
        restarting.entrySet().removeIf(e -> e.getValue().equals(owner) && !listed.contains(e.getKey()));
        return ready;
    }

    private static int replicas(GuardContext context, String ns, String deployment, long fallback) {
        return context.cluster().deployment(ns, deployment).map(DeploymentInfo::replicas).orElse((int) fallback);
    }

    @Override
    public void onExecuted(ClusterAction action, GuardContext context) {
        switch (action) {
            case ClusterAction.RestartPod r -> {
                // a single replica's pod is rolled over: it serves until its replacement is ready, so it still counts
                if (!GuardContext.rollsOver(context, r.target())) restarted(context, r.target());
            }
            case ClusterAction.IsolatePod i -> restarted(context, i.target());
            // the pods the drain was judged on: the view after it may already list replacements on the node
            case ClusterAction.DrainNode d -> restarting.putAll(drained);
            case ClusterAction.RollbackDeployment r -> { }
            case ClusterAction.ScaleDeployment s -> { }
            case ClusterAction.CordonNode c -> { }
            case ClusterAction.CircuitBreak c -> { }
            case ClusterAction.LimitRetries l -> { }
            case ClusterAction.Lift l -> { }
            case ClusterAction.Page p -> { }
        }
    }

    private void restarted(GuardContext context, Target pod) {
        context.cluster().pod(pod.namespace(), pod.name())
                .ifPresent(p -> restarting.put(key(p.namespace(), p.name()), key(p.namespace(), String.valueOf(p.deployment()))));
    }

    private boolean ready(PodInfo p) { return p.ready() && !restarting.containsKey(key(p.namespace(), p.name())); }

    private static String key(String namespace, String name) { return namespace + "/" + name; }
}
