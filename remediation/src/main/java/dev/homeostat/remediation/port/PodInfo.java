package dev.homeostat.remediation.port;

/**
 * A pod as the engine sees it; {@code deployment} is null for pods no Deployment owns. {@code revision} is the
 * Deployment revision its template belongs to (0 when unknown), {@code waitingReason} why its container waits
 * ({@code CrashLoopBackOff}, …; null when it runs or is unknown); {@code terminating} that it is being deleted (its
 * grace period runs: a controller has replaced it already). {@code startedAtMillis} is when its running container
 * started (-1: none runs yet), {@code readyAtMillis} when that container first turned Ready ({@link #NOT_YET}: it has
 * not, since it started), {@code startupBudgetMillis} how long the kubelet lets its container start before the startup
 * (else liveness) probe kills it (0: no such probe).
 */
public record PodInfo(String namespace, String name, String deployment, String node, boolean ready, int restarts,
                      long startedAtMillis, int revision, String waitingReason, boolean terminating,
                      long readyAtMillis, long startupBudgetMillis) {
    /** {@link #readyAtMillis} of a container that has not been Ready since it started. */
    public static final long NOT_YET = -1;

    /** A pod whose readiness history and probes the view does not know: taken to have been Ready since it started. */
    public PodInfo(String namespace, String name, String deployment, String node, boolean ready, int restarts,
                   long startedAtMillis, int revision, String waitingReason, boolean terminating) {
        this(namespace, name, deployment, node, ready, restarts, startedAtMillis, revision, waitingReason, terminating, startedAtMillis, 0);
    }

    /** A pod that is not being deleted. */
    public PodInfo(String namespace, String name, String deployment, String node, boolean ready, int restarts,
                   long startedAtMillis, int revision, String waitingReason) {
        this(namespace, name, deployment, node, ready, restarts, startedAtMillis, revision, waitingReason, false);
    }

    /** A pod whose revision and waiting reason the view does not know. */
    public PodInfo(String namespace, String name, String deployment, String node, boolean ready, int restarts, long startedAtMillis) {
        this(namespace, name, deployment, node, ready, restarts, startedAtMillis, 0, null);
    }

    /**
     * Bound to no node: Pending until the scheduler finds room for it (a pod that fits on no node waits here; live, a
     * pod is unbound for an instant after it is created).
     */
    public boolean unscheduled() { return node == null || node.isBlank(); }

    /** Its container runs and has not been Ready since it started: coming up, or failing to. */
    public boolean neverReady() { return !ready && startedAtMillis >= 0 && readyAtMillis == NOT_YET; }

    /** Its container is in a crash loop: Kubernetes backs off restarting it. */
    public boolean crashLooping() { return "CrashLoopBackOff".equals(waitingReason); }
}
