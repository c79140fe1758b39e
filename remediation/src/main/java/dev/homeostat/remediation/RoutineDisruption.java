package dev.homeostat.remediation;

import dev.homeostat.remediation.diagnosis.PodStartup;
import dev.homeostat.remediation.model.Anomaly;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.port.ClusterView;
import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.remediation.port.NodeInfo;
import dev.homeostat.remediation.port.PodInfo;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An anomaly of a pod that is starting ({@link PodStartup}: a new pod within its start-up allowance) is the ReplicaSet
 * doing its job, not an incident: it is not raised; nor is one of a pod waiting for room in a routine disruption of
 * its Deployment (below), which is that disruption's shortfall seen pod by pod.
 *
 * <p>A Deployment-level anomaly that is the Deployment doing what it was asked to, as Kubernetes itself reports it
 * (condition {@code Progressing=True}, {@code Available=True}): not an incident, so it is not raised. That is the case
 * when every pod of it that does not serve is a new one starting (running for less than the progress deadline, or not
 * yet: scheduled, or waiting for the room an old pod or a drained node still holds) or an old one terminating (already
 * replaced), no pod of it crash-loops, at most
 * {@link #unavailableBudget} pods are unavailable, and either
 * <ul>
 *   <li>a rollout of it (new image or config, or a rollback) began within the progress deadline, or is in progress
 *       and brought a new pod up within it (Kubernetes times the deadline from the last progress) — in progress, or
 *       just done: the metric shows the cluster a scrape and a rule evaluation late, so the shortfall it still shows
 *       right after a rollout is the rollout's — or</li>
 *   <li>a node that is ready has been cordoned — a maintenance drain, whose evictions honour the PodDisruptionBudgets —
 *       and its evicted pods are being replaced, or was uncordoned within the progress deadline and they still start
 *       (seen when the engine last had an anomaly to explain: a Pending pod's shortfall is one).</li>
 * </ul>
 * A rollout that stalls (new pods never ready: the pod signals see them), crash-loops, outlasts the deadline or takes
 * more than its budget, pods lost to a dead node (not ready long after their start), and pods no node has room for
 * outside a rollout or a drain (a scale-up, a lost node's evictions) are incidents as before. On a full node pool a
 * rollout that surges no pod ({@code maxSurge: 0}) replaces each pod with one that waits Pending until the old one's
 * grace period ends, and a drain's evicted pod waits for the node's return: Kubernetes reports both as progressing.
 * The budget is the Deployment's own {@code maxUnavailable} (at least one pod), Kubernetes' 25 % where the view does
 * not read the strategy; the progress deadline is Kubernetes' default, 600 s.
 */
final class RoutineDisruption {
    private final ClusterView cluster;
    private long nodesAt = Long.MIN_VALUE;
    /** The ready nodes cordoned at the last look; a look is taken once per evaluation that has an anomaly to explain. */
    private Set<String> cordonedReady = Set.of();
    /** When a ready node that was cordoned was last uncordoned: the end of a drain, whose evicted pods still start. */
    private long drainEndedAt = Long.MIN_VALUE;

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
        if (t.kind() == Target.Kind.POD) {
            Optional<String> starting = starting(ns, t.name(), now);
            return starting.isPresent() ? starting : waiting(ns, t.name(), now);
        }
        if (t.kind() != Target.Kind.DEPLOYMENT) return Optional.empty();
        return deployment(ns, t.name(), now);
    }

    /**
     * A pod waiting for room (Pending, bound to no node) of a Deployment whose shortfall is a routine disruption: its
     * rollout's or a drain's new pod, whose not-ready signal is the Deployment's shortfall again. A bound pod that does
     * not start (its image not pulled, its config missing) is not: its own signal sees a bad rollout before the
     * deadline does.
     */
    private Optional<String> waiting(String ns, String name, long now) {
        PodInfo p = cluster.pod(ns, name).orElse(null);
        if (p == null || p.deployment() == null || !p.unscheduled() || p.terminating()) return Optional.empty();
        return deployment(ns, p.deployment(), now).map(why -> "pod waiting for room in a routine disruption of its Deployment: " + why);
    }

    private Optional<String> deployment(String ns, String name, long now) {
        Optional<DeploymentInfo> found = cluster.deployment(ns, name);
        if (found.isEmpty()) return Optional.empty();
        DeploymentInfo d = found.get();
        int unavailable = d.replicas() - d.readyReplicas();
        int budget = unavailableBudget(d);
        List<PodInfo> pods = cluster.podsOf(ns, name);
        int waiting = 0;
        for (PodInfo p : pods) {
            if (p.terminating()) continue;
            if (p.crashLooping() || (!p.ready() && !progressing(p, now))) return Optional.empty();
            if (p.unscheduled()) waiting++;
        }
        String short_ = unavailable + " of " + d.replicas() + " pods unavailable, within " + budget;
        long progress = lastProgress(d, pods);
        if (unavailable <= budget && (progress != Long.MIN_VALUE
                && now - progress <= (inProgress(d) ? PodStartup.PROGRESS_DEADLINE : METRIC_LAG_MILLIS)
                || d.revisionSince() != Long.MIN_VALUE && now - d.revisionSince() <= PodStartup.PROGRESS_DEADLINE)) {
            return Optional.of("rollout of revision " + d.revision() + (d.rolloutInProgress() ? " in progress, begun " : " done, begun ")
                    + (now - d.revisionSince()) / 1000 + " s ago" + (progress > d.revisionSince() ? ", its last pod up " + (now - progress) / 1000
                    + " s ago" : "") + ", within the progress deadline; " + short_);
        }
        lookAtNodes(now);
        // while a drain holds room, pods waiting for it (the evicted ones, and replicas the HPA asked for meanwhile) are
        // the drain's: only the pods that stopped serving count against the budget
        if (!cordonedReady.isEmpty() && d.readyReplicas() > 0 && unavailable - waiting <= budget) {
            return Optional.of("a ready node is cordoned (a drain) and the evicted pods are starting again or wait for room; "
                    + unavailable + " of " + d.replicas() + " pods unavailable" + (waiting > 0 ? ", " + waiting + " of them waiting for room" : "")
                    + ", the others within " + budget);
        }
        if (drainEndedAt != Long.MIN_VALUE && now - drainEndedAt <= PodStartup.PROGRESS_DEADLINE && d.readyReplicas() > 0) {
            // the pods that waited for the drained node start on it now: they are the drain's too
            int refilling = 0;
            for (PodInfo p : pods) {
                if (!p.terminating() && !p.ready() && (p.unscheduled() || p.startedAtMillis() >= drainEndedAt - SEEN_LATE_MILLIS)) refilling++;
            }
            if (unavailable - refilling <= budget) {
                return Optional.of("a drain ended " + (now - drainEndedAt) / 1000 + " s ago and the pods that waited for it are starting; "
                        + unavailable + " of " + d.replicas() + " pods unavailable, " + refilling + " of them starting since, the others within " + budget);
            }
        }
        return Optional.empty();
    }

    /**
     * When the rollout last made progress, as the Deployment controller times its deadline (it resets at each new pod
     * of the new revision up): the rollout's start, or the last start or readiness of one of its new pods — a rollout
     * of slow pods one at a time takes longer than the deadline and never exceeds it.
     * {@code Long.MIN_VALUE}: no rollout the view knows of.
     */
    private static long lastProgress(DeploymentInfo d, List<PodInfo> pods) {
        long progress = d.revisionSince();
        if (progress == Long.MIN_VALUE || d.revision() <= 0) return progress;
        for (PodInfo p : pods) {
            if (p.revision() != d.revision() || p.terminating()) continue;
            progress = Math.max(progress, Math.max(p.startedAtMillis(), p.readyAtMillis()));
        }
        return progress;
    }

    /** In progress until every pod runs the new revision and is ready: {@code updatedReplicas} alone counts the last pod still loading. */
    private static boolean inProgress(DeploymentInfo d) {
        return d.rolloutInProgress() || d.readyReplicas() < d.replicas();
    }

    /**
     * How long after a rollout's last pod turned ready the metric may still show its shortfall: the 2-minute window of
     * {@code deployment:replicas_available:ratio}, a scrape and a rule evaluation.
     */
    static final long METRIC_LAG_MILLIS = 3 * 60_000;

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
     * A new pod of a progressing Deployment: not yet running (bound, or waiting for room), or running for less than the
     * progress deadline — the Deployment controller's measure of a rollout, looser than a pod's own start-up allowance.
     */
    private static boolean progressing(PodInfo p, long now) {
        return p.startedAtMillis() < 0 || now - p.startedAtMillis() < PodStartup.PROGRESS_DEADLINE;
    }

    /** How much later than the uncordon it may be seen: the nodes are looked at once per evaluation with an anomaly. */
    private static final long SEEN_LATE_MILLIS = 60_000;

    /** Lists the nodes once per evaluation: which ready ones are cordoned, and whether one cordoned at the last look is back. */
    private void lookAtNodes(long now) {
        if (nodesAt == now) return;
        Set<String> cordoned = new HashSet<>();
        for (NodeInfo n : cluster.nodes()) {
            if (n.ready() && n.unschedulable()) cordoned.add(n.name());
            else if (n.ready() && cordonedReady.contains(n.name())) drainEndedAt = now;
        }
        cordonedReady = cordoned;
        nodesAt = now;
    }
}
