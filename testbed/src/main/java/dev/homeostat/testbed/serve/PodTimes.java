package dev.homeostat.testbed.serve;

import dev.homeostat.simulator.cluster.PodView;

/**
 * A mirrored pod's times as the kubelet writes them, in virtual milliseconds: {@code status.startTime} (when the pod
 * first started, kept through container restarts as Kubernetes keeps it; -1 until then) and its Ready condition with the
 * time it last changed ({@code lastTransitionTime}). Kept by the mirror between writes, so a pod rewritten for another
 * reason (a restart count) keeps the time its condition turned, and a live reader can tell a pod that has not been Ready
 * since it started (the condition False since about its start) from one that was Ready and lost it.
 */
record PodTimes(long startMillis, boolean ready, long readySinceMillis) {
    /**
     * The times to write for {@code p}, given those last written ({@code before}, null for a new pod) and when its
     * readiness last changed as far as the mirror knows ({@code changedAt}: the simulation's event, else the sync's time).
     */
    static PodTimes next(PodTimes before, PodView p, long changedAt) {
        long start = before != null && before.startMillis >= 0 ? before.startMillis : p.startedAtMillis();
        long first = p.readyAtMillis(); // the container's first Ready since it started: exact, unlike a later return to Ready
        long since;
        if (p.ready()) {
            // still Ready, or restarted and Ready again between two syncs (a later first Ready)
            if (before != null && before.ready) since = Math.max(first, before.readySinceMillis);
            // a return to Ready after a missed readiness probe, which the view does not date, is dated when it was heard of
            else since = first >= 0 && (before == null || first >= before.readySinceMillis) ? first : changedAt;
        } else if (before != null && before.ready) {
            since = changedAt;
        } else if (before != null) {
            // False before the pod started stands in for the scheduler's conditions; the kubelet's own False dates from its start
            since = before.startMillis < 0 && start >= 0 ? start : before.readySinceMillis;
        } else {
            // first written not Ready: the kubelet wrote False as it started the container, unless it had been Ready since
            since = first < 0 && p.startedAtMillis() >= 0 ? p.startedAtMillis() : changedAt;
        }
        return new PodTimes(start, p.ready(), since);
    }
}
