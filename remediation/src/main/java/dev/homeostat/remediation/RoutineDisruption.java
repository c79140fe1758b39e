package dev.homeostat.remediation;

import dev.homeostat.remediation.diagnosis.PodStartup;
import dev.homeostat.remediation.model.Anomaly;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.port.ClusterView;
import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.remediation.port.NodeInfo;
import dev.homeostat.remediation.port.PodInfo;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An anomaly of a pod that is starting ({@link PodStartup}: a new pod within its start-up allowance) is the ReplicaSet
 * doing its job, not an incident: it is not raised.
 *
 * <p>A Deployment-level anomaly that is the Deployment doing what it was asked to, as Kubernetes itself reports it
 * (condition {@code Progressing=True}, {@code Available=True}): not an incident, so it is not raised. That is the case
 * when every pod of it that does not serve is a new one starting (scheduled, and running for less than the progress
 * deadline, or not yet) or an old one terminating (already replaced), no pod of it crash-loops, at most
 * {@link #unavailableBudget} pods are unavailable, and either
 * <ul>
 *   <li>a rollout of it (new image or config, or a rollback) began within the progress deadline — in progress, or
 *       just done: the metric shows the cluster a scrape and a rule evaluation late, so the shortfall it still shows
 *       right after a rollout is the rollout's — or</li>
 *   <li>a node that is ready has been cordoned — a maintenance drain, whose evictions honour the PodDisruptionBudgets —
 *       and its evicted pods are being replaced.</li>
 * </ul>
 * A rollout that stalls (new pods never ready: the pod signals see them), crash-loops, outlasts the deadline or takes
 * more than its budget, pods lost to a dead node (not ready long after their start), and pods no node has room for
 * are incidents as before. The budget is the Deployment's own {@code maxUnavailable} (at least one pod), Kubernetes'
 * 25 % where the view does not read the strategy; the progress deadline is Kubernetes' default, 600 s.
 */
final class RoutineDisruption {
    private final ClusterView cluster;
    private long nodesAt = Long.MIN_VALUE;
    private boolean cordonedReadyNode;

    RoutineDisruption(ClusterView cluster) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
    }

    /**
     * Pods the Deployment may have unavailable while it progresses: its strategy's {@code maxUnavailable} where the view
     * reads it, else Kubernetes' default of 25 % rounded down; at least one (the metric lags a surge's swap by a scrape).
     */
    static int unavailableBudget(DeploymentInfo d) {
        return Math.max(1, d.maxUnavailable() >= 0 ? d.maxUnavailable() : d.replicas() / 4);
    }

    /** Why the anomaly is a routine disruption of its Deployment, or empty when it may be an incident. */
    Optional<String> explains(Anomaly anomaly, long now) {
        Target t = anomaly.target();
        String ns = t.namespace() == null ? "default" : t.namespace();
        if (t.kind() == Target.Kind.POD) return starting(ns, t.name(), now);
        if (t.kind() != Target.Kind.DEPLOYMENT) return Optional.empty();
        Optional<DeploymentInfo> found = cluster.deployment(ns, t.name());
        if (found.isEmpty()) return Optional.empty();
        DeploymentInfo d = found.get();
        int unavailable = d.replicas() - d.readyReplicas();
        if (unavailable > unavailableBudget(d)) return Optional.empty();
        List<PodInfo> pods = cluster.podsOf(ns, t.name());
        for (PodInfo p : pods) if (!p.terminating() && (p.crashLooping() || (!p.ready() && !progressing(p, now)))) return Optional.empty();
        String short_ = unavailable + " of " + d.replicas() + " pods unavailable, within " + unavailableBudget(d);
        if (d.revisionSince() != Long.MIN_VALUE && now - d.revisionSince() <= PodStartup.PROGRESS_DEADLINE) {
            return Optional.of("rollout of revision " + d.revision() + (d.rolloutInProgress() ? " in progress, begun " : " done, begun ")
                    + (now - d.revisionSince()) / 1000 + " s ago, within the progress deadline; " + short_);
        }
        if (cordonedReadyNode(now)) return Optional.of("a ready node is cordoned (a drain) and the evicted pods are starting again; " + short_);
        return Optional.empty();
    }

    private Optional<String> starting(String ns, String name, long now) {
        PodInfo p = cluster.pod(ns, name).orElse(null);
        if (p == null || !PodStartup.mayBeStarting(p, now)) return Optional.empty(); // most anomalies: no peers listed
        List<PodInfo> peers = p.deployment() == null ? List.of(p) : cluster.podsOf(ns, p.deployment());
        if (!PodStartup.starting(p, peers, now)) return Optional.empty();
        return Optional.of("pod starting: its container " + (p.startedAtMillis() < 0 ? "is about to start"
                : p.ready() ? "turned ready " + (now - p.readyAtMillis()) / 1000 + " s ago, later than the metrics show yet"
                : "started " + (now - p.startedAtMillis()) / 1000 + " s ago, within its start-up allowance of " + PodStartup.allowance(p, peers) / 1000 + " s"));
    }

    /**
     * A new pod of a progressing Deployment: bound to a node, and not yet running or running for less than the progress
     * deadline — the Deployment controller's measure of a rollout, looser than a pod's own start-up allowance.
     */
    private static boolean progressing(PodInfo p, long now) {
        return !p.unscheduled() && (p.startedAtMillis() < 0 || now - p.startedAtMillis() < PodStartup.PROGRESS_DEADLINE);
    }

    /** Whether a node that is ready is cordoned, listed once per evaluation. */
    private boolean cordonedReadyNode(long now) {
        if (nodesAt != now) {
            cordonedReadyNode = false;
            for (NodeInfo n : cluster.nodes()) if (n.ready() && n.unschedulable()) cordonedReadyNode = true;
            nodesAt = now;
        }
        return cordonedReadyNode;
    }
}
