package dev.homeostat.remediation.diagnosis;

import dev.homeostat.remediation.port.PodInfo;
import java.util.List;

/**
 * A new pod coming up is Kubernetes at work, not an incident: its first container has run for less than the start-up
 * allowance and has not been Ready yet. Restarting it would only start it over (a JVM that needs 150 s, killed at
 * 120 s, never serves). The allowance is the longest of: two rate windows, the kubelet's own budget (the startup, else
 * liveness, probe's last allowed miss: the kubelet restarts a container slower than that itself) plus two scrapes of
 * slack, and half as much again as its ready peers took to turn Ready — capped at Kubernetes' default
 * {@code progressDeadlineSeconds}, when Kubernetes too calls a rollout stalled.
 */
public final class PodStartup {
    /** Two of the 1-minute rate windows the pod signals are measured over. */
    static final long FLOOR_MILLIS = 120_000;
    /** Kubernetes' default {@code progressDeadlineSeconds}. */
    public static final long PROGRESS_DEADLINE = 600_000;
    /** Two scrapes and an evaluation: the metric shows a kubelet's restart this late. */
    private static final long SLACK_MILLIS = 30_000;

    private PodStartup() { }

    /** The allowance of {@code pod}, given the pods of its workload ({@code peers}, it may be among them). */
    public static long allowance(PodInfo pod, List<PodInfo> peers) {
        long allowance = Math.max(FLOOR_MILLIS, pod.startupBudgetMillis() > 0 ? pod.startupBudgetMillis() + SLACK_MILLIS : 0);
        for (PodInfo p : peers) {
            if (p.ready() && p.startedAtMillis() >= 0 && p.readyAtMillis() >= p.startedAtMillis())
                allowance = Math.max(allowance, (p.readyAtMillis() - p.startedAtMillis()) * 3 / 2);
        }
        return Math.min(allowance, PROGRESS_DEADLINE);
    }

    /**
     * Whether {@code pod} is a new pod still starting at {@code now}, as far as the metrics can tell: bound to a node,
     * its first container (no restart) running for less than its {@link #allowance} and not Ready yet, or turned Ready
     * within that allowance but so recently that the metrics (a scrape and a rule evaluation late) still show its
     * start — or about to run. A pod that restarted, waits for a reason of its own (CrashLoopBackOff, ImagePullBackOff)
     * or was Ready once and lost it is judged as any other.
     */
    public static boolean starting(PodInfo pod, List<PodInfo> peers, long now) {
        if (!mayBeStarting(pod, now)) return false;
        if (pod.startedAtMillis() < 0) return true;
        if (pod.ready()) return pod.readyAtMillis() - pod.startedAtMillis() < allowance(pod, peers);
        return now - pod.startedAtMillis() < allowance(pod, peers);
    }

    /** What {@link #starting} asks of the pod alone, before its allowance: false rules starting out without its peers. */
    public static boolean mayBeStarting(PodInfo pod, long now) {
        if (pod.terminating() || pod.unscheduled() || pod.restarts() > 0) return false;
        if (pod.startedAtMillis() < 0) return !pod.ready() && pod.waitingReason() == null;
        if (pod.ready()) return pod.readyAtMillis() >= now - SLACK_MILLIS;
        return pod.neverReady();
    }
}
