package dev.homeostat.simulator;

import dev.homeostat.simulator.cluster.PodView;
import dev.homeostat.simulator.spec.ContainerSpec;

/**
 * The mutable state of one pod and its (single) container. Scheduled events carry the pod's
 * {@link #epoch} at planning time; any change of state bumps it and re-plans, so stale events are
 * ignored instead of cancelled.
 *
 * <p>Pod lifecycle: Pending (unbound, or bound and container never started) → Running (container
 * started once) → Terminating (deleted, removed from endpoints) → gone. Container lifecycle:
 * WAITING (creating or in CrashLoopBackOff until {@link #startAt}) → RUNNING (serving from
 * {@link #servingAt} unless a PodFailure is active) → WAITING on OOMKilled / liveness / kill.
 */
final class PodState {
    enum Container { WAITING, RUNNING }

    /** Kubernetes' reasons, as kube-state-metrics reports them. */
    static final String OOM_KILLED = "OOMKilled", ERROR = "Error", CRASH_LOOP_BACK_OFF = "CrashLoopBackOff";
    /** Label an isolated pod carries instead of its {@code app} label. */
    static final String ISOLATED_LABEL = "homeostat.dev/isolated";

    // columns of the 60 s window
    static final int REQ = 0, ERR = 1, OK = 2, LATENCY_SUM = 3, CPU = 4;

    final String namespace;
    final String name;
    final String key;
    final DeploymentState deployment;
    final ContainerSpec spec;
    final long createdAt;
    /** The pod template (ReplicaSet) the pod was created from. */
    final DeploymentState.Revision revision;
    /** Taken out of its Service and ReplicaSet by an isolate action: kept for debugging, replaced, never Ready again. */
    boolean isolated;
    /** The traffic effect of an active Deadlock on this container (cleared by a restart), or null. */
    TrafficEffect deadlock;

    NodeState node;
    boolean terminating;
    boolean gone;

    Container container = Container.WAITING;
    boolean everStarted;
    long startAt;
    long runningSince = -1;
    long servingAt;
    boolean ready;
    int restarts;
    String lastTerminatedReason; // OOM_KILLED or ERROR once the container has died; null before
    int crashStreak;
    long epoch;

    int failures;          // active PodFailure faults
    long failedSince;
    long failureEndedAt;   // 0 when none ended yet
    long stressBytes;      // active MemoryStress
    double stressCores;    // active CpuStress

    long leakRate;         // bytes/s leaking in the running container
    double leaked;         // bytes leaked up to leakSince
    long leakSince;

    // traffic: last step's arrival rate and mean latency (for in-flight losses), cumulative counters
    double lastArrivals;
    double lastLatency;
    double ok200;
    double err500;
    double err504;
    double cpuSeconds;
    double latencySeconds; // cumulative Σ ok × mean latency, for the injection check
    /**
     * The pod's request-duration histogram, cumulative: requests answered at or below each bound of
     * {@code MetricNames.LATENCY_BUCKETS}, then +Inf (= the count: answered and timed out), then the sum of
     * their durations in seconds (a timed-out request counts the client timeout).
     */
    final double[] durations = new double[dev.homeostat.simulator.metrics.MetricNames.LATENCY_BUCKETS.length + 2];
    /** Active traffic effects of network/HTTP/IO/time/DNS faults, in injection order. */
    final java.util.List<TrafficEffect> effects = new java.util.ArrayList<>(2);
    /** The last minute of traffic steps (60 / step buckets): the rate1m rules, the HPA and the injection check read it. */
    final SlidingSums lastMinute;

    /** First of the pod's {@link Scraper#POD_SERIES} metric-store slots (-1 before its first scrape), and which of them are named. */
    int slots = -1;
    long boundSeries;

    PodState(String name, DeploymentState deployment, long createdAt) {
        this(name, deployment, createdAt, Simulation.STEP_MS);
    }

    /** @param stepMs the traffic step: the minute window holds 60 s / step buckets */
    PodState(String name, DeploymentState deployment, long createdAt, long stepMs) {
        this.lastMinute = new SlidingSums(5, (int) (Simulation.RATE_WINDOW_MS / stepMs));
        this.namespace = deployment.spec.namespace();
        this.name = name;
        this.key = namespace + "/" + name;
        this.deployment = deployment;
        this.revision = deployment.current();
        this.spec = revision.container();
        this.createdAt = createdAt;
    }

    boolean running() { return container == Container.RUNNING; }

    /** Waiting to be started again after a death: the kubelet's CrashLoopBackOff (even after the first one, as in Kubernetes). */
    boolean waitingInBackOff() { return container == Container.WAITING && restarts > 0 && !terminating && node != null; }

    /** Answers requests at {@code t}: container up and started, not failed, not being deleted. */
    boolean serving(long t) {
        return running() && !terminating && failures == 0 && t >= servingAt;
    }

    /** Working set of the running container at {@code t}, bytes (without measurement noise). */
    double memoryAt(long t) {
        return spec.memoryBase() + stressBytes + leaked + leakRate * (t - leakSince) / 1000.0;
    }

    /** Folds the leak up to {@code t} into {@link #leaked}, before the rate changes. */
    void settleLeak(long t) {
        leaked += leakRate * (t - leakSince) / 1000.0;
        leakSince = t;
    }

    String phase() {
        if (terminating) return "Terminating";
        return node != null && everStarted ? "Running" : "Pending";
    }

    PodView view() {
        return new PodView(namespace, name, deployment.spec.name(), node == null ? "" : node.spec.name(), phase(), ready,
                restarts, running() ? runningSince : -1, isolated ? isolatedLabels() : deployment.podLabels);
    }

    /** An isolated pod's labels: the Service's selector label replaced, so no controller or Service picks it up again. */
    private java.util.Map<String, String> isolatedLabels() {
        var labels = new java.util.TreeMap<>(deployment.podLabels);
        labels.remove("app");
        labels.put(ISOLATED_LABEL, "true");
        return java.util.Collections.unmodifiableMap(labels);
    }
}
