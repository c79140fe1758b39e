package dev.homeostat.remediation.router;

import dev.homeostat.remediation.policy.Policy;
import dev.homeostat.remediation.port.ClusterView;
import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.remediation.remediator.ScaleUpRemediator;

/**
 * The verdicts a verifying incident needs: does it still alert, may its action run again, is its added capacity
 * serving yet. Kept apart from the router's state machine so each judgement can be read (and changed) on its own.
 */
final class Verification {
    /** The rate window of the signals a verification reads (the default policy's recording rules are 1-minute rates). */
    static final long RATE_WINDOW = 60_000;

    private final Policy policy;
    private final ClusterView cluster;

    Verification(Policy policy, ClusterView cluster) {
        this.policy = policy;
        this.cluster = cluster;
    }

    /**
     * Verification asks "is it still abnormal now?", not "was it abnormal at some point since": an
     * anomaly that cleared before the deadline (Kubernetes or the action fixed it) must not escalate.
     * "Now" is the last two evaluations, so one quiet tick in a sustained problem does not hide it.
     */
    boolean stillAlerting(Incident incident, long since, long now) {
        long recent = now - 2 * policy.evaluationInterval().toMillis();
        return incident.alertedSince(Math.max(since, recent));
    }

    /**
     * Capacity is added again (up to the rule's ceiling) while the subject stays saturated or busier than the
     * rule's targetUtilization, or the last addition helped without being enough, as an autoscaler keeps scaling
     * while the load is above its target; any other action moves along the chain. (Whether there is room for more is
     * {@link #noRoom}'s.)
     */
    static boolean repeatable(Incident incident) {
        if (!incident.action().equals("scale-up")) return false;
        if (incident.improvedSinceAction()) return true;
        if (incident.diagnosis == null) return false;
        double target = incident.rule.scaling().targetUtilization();
        return incident.diagnosis.saturated() || (target > 0 && incident.diagnosis.utilization() > target);
    }

    /**
     * Why the Deployment the last scale-up grew cannot take more replicas: pods of it wait unscheduled, for want of room
     * on any node. Null when it has room, or the last action was no scale-up.
     */
    String noRoom(Incident incident) {
        if (incident.scaled == null) return null;
        return ScaleUpRemediator.noRoom(incident.scaled, cluster.podsOf(incident.scaled.namespace(), incident.scaled.name()));
    }

    /**
     * A scale-up is judged once its capacity serves: its new pods ready, plus one rate window ({@link #RATE_WINDOW}) for
     * the signals to see them; no longer than a second verifyAfter (pods that never get ready are a verdict too).
     */
    boolean awaitingCapacity(Incident incident, long now) {
        if (incident.scaled == null || now >= incident.lastActionAt + 2 * incident.rule.verifyAfter().toMillis()) return false;
        if (noRoom(incident) != null) return false; // pods no node has room for never serve: judge at verifyAfter
        // watched every tick, so the window starts when the pods got ready, not when verification first looked
        if (incident.capacityUpAt == Long.MIN_VALUE) {
            int ready = cluster.deployment(incident.scaled.namespace(), incident.scaled.name()).map(DeploymentInfo::readyReplicas).orElse(0);
            if (ready < incident.scaledTo) return true;
            incident.capacityUpAt = now;
        }
        return now < incident.capacityUpAt + RATE_WINDOW;
    }
}
