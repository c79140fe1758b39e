package dev.homeostat.simulator;

import dev.homeostat.simulator.cluster.PodView;
import dev.homeostat.simulator.metrics.MetricNames;
import dev.homeostat.simulator.spec.ContainerSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The mutable state of one pod and its (single) container. The pod's lifecycle is the state machine
 * {@link PodLifecycle}, the container's {@link Container}; both, and every field the kubelet plans
 * from (start, probes, back-off, faults' stress and leaks), are written by {@link Kubelet} only (a test
 * keeps it so); the traffic step writes the traffic counters, the scheduler the node.
 *
 * <p>Scheduled events carry the pod's {@link #epoch} at planning time; any change of state bumps it and
 * re-plans, so stale events are ignored instead of cancelled.
 */
final class PodState {
    /** The container: WAITING (being created, or in CrashLoopBackOff until {@link #startAt}) or RUNNING. */
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
    /** How long the kubelet lets its container start ({@link ContainerSpec#startupBudget}), for its view. */
    final long startupBudgetMillis;
    final long createdAt;
    /** The pod template (ReplicaSet) the pod was created from. */
    final DeploymentState.Revision revision;

    private PodLifecycle lifecycle = PodLifecycle.PENDING;
    /** Bound by the scheduler; null while Pending and unscheduled. */
    NodeState node;
    /** Counted among its workload's pods on its node by the scheduler's spreading: bound and not terminating. */
    boolean spreadCounted;

    // ---- the kubelet's
    Container container = Container.WAITING;
    long startAt;
    long runningSince = -1;
    /** When a container of the pod last turned Ready for the first time since it started (-1: never). */
    long readySince = -1;
    long servingAt;
    int restarts;
    String lastTerminatedReason; // OOM_KILLED or ERROR once the container has died; null before
    int crashStreak;
    long epoch;
    /** The traffic effect of an active Deadlock on this container (cleared by a restart), or null. */
    TrafficEffect deadlock;
    int failures;          // active PodFailure faults
    long failedSince;
    long failureEndedAt;   // 0 when none ended yet
    long stressBytes;      // active MemoryStress
    /** Active memory stressors the kernel kills first at the memory limit (positive oomScoreAdj), and how many it killed. */
    final List<MemoryStressor> oomVictims = new ArrayList<>(0);
    int stressorsKilled;
    double stressCores;    // active CpuStress, CpuHog, NoisyNeighbour
    long leakRate;         // bytes/s leaking in the running container
    double leaked;         // bytes leaked up to leakSince
    long leakSince;
    /**
     * Active traffic effects of network/HTTP/IO/time/DNS faults (and a down node), in injection order: one shared empty
     * list until the pod's first effect, so the traffic step's check of a quiet pod reads no object of the pod's own.
     * Changed through {@link #addEffect} and {@link #removeEffect}.
     */
    List<TrafficEffect> effects = NO_EFFECTS;
    private static final List<TrafficEffect> NO_EFFECTS = List.of();

    // ---- the traffic step's: its counters, duration histogram and minute window, in a row of its Deployment's PodRows
    /**
     * The page of the Deployment's {@link PodRows} the pod's row is in, and where the row starts; whether that row is the
     * one the Deployment's first pods share (set by {@link PodRows}: writers call {@link PodRows#own} first).
     */
    double[] rows;
    int row;
    boolean sharesRow;
    /**
     * Values of the request-duration histogram, cumulative: requests answered at or below each bound of
     * {@code MetricNames.LATENCY_BUCKETS}, then +Inf (= the count: answered and timed out), then the sum of
     * their durations in seconds (a timed-out request counts the client timeout).
     */
    static final int DURATIONS = MetricNames.LATENCY_BUCKETS.length + 2;

    // ---- the scraper's: first of the pod's Scraper.POD_SERIES metric-store slots (-1 before its first scrape), and which are named
    int slots = -1;
    long boundSeries;
    /** The scraper's: the working set's trends ({@link MemoryTrend}) for the 15-minute and the 1-hour prediction. */
    final MemoryTrend.State shortTrend = new MemoryTrend.State(), longTrend = new MemoryTrend.State();

    /** @param stepMs the traffic step: the minute window holds 60 s / step buckets */
    PodState(String name, DeploymentState deployment, DeploymentState.Revision revision, long createdAt, long stepMs) {
        deployment.rows((int) (Simulation.RATE_WINDOW_MS / stepMs)).place(this);
        this.namespace = deployment.spec.namespace();
        this.name = name;
        this.key = namespace + "/" + name;
        this.deployment = deployment;
        this.revision = revision;
        this.spec = revision.container();
        this.startupBudgetMillis = spec.startupBudget().toMillis();
        this.createdAt = createdAt;
    }

    PodLifecycle lifecycle() { return lifecycle; }

    // ---- the traffic numbers (README "Traffic model"), cumulative: requests answered 200, failed 500 and 504, their latency
    // sum, CPU seconds, requests slowed by IO and their wait; the last step's arrival rate and mean latency

    double ok200() { return rows[row + PodRows.OK200]; }
    double err500() { return rows[row + PodRows.ERR500]; }
    double err504() { return rows[row + PodRows.ERR504]; }
    double latencySeconds() { return rows[row + PodRows.LATENCY_SECONDS]; }
    double cpuSeconds() { return rows[row + PodRows.CPU_SECONDS]; }
    double ioDelayed() { return rows[row + PodRows.IO_DELAYED]; }
    double ioWaitSeconds() { return rows[row + PodRows.IO_WAIT_SECONDS]; }
    double lastArrivals() { return rows[row + PodRows.LAST_ARRIVALS]; }
    double lastLatency() { return rows[row + PodRows.LAST_LATENCY]; }

    /** The kubelet's: requests in flight lost when the container dies fail (500); it receives no more until it serves again. */
    void loseInFlight(double lost) {
        deployment.rows.own(this);
        rows[row + PodRows.LAST_ARRIVALS] = 0;
        if (lost <= 0) return;
        rows[row + PodRows.ERR500] += lost;
    }

    /** Sum {@code j} ({@link #REQ} … {@link #CPU}) of the minute window: the rate1m rules, the HPA and the injection check read it. */
    double minuteSum(int j) { return rows[row + PodRows.SUMS + j]; }

    /** Steps in the minute window so far. */
    int minuteFilled() { return deployment.rows.filled(rows, row); }

    /** The kubelet's: a traffic effect starts acting on the pod. */
    void addEffect(TrafficEffect e) {
        if (effects == NO_EFFECTS) effects = new ArrayList<>(2);
        effects.add(e);
    }

    /** The kubelet's: the first effect equal to {@code e} stops acting on the pod. */
    void removeEffect(TrafficEffect e) {
        if (effects != NO_EFFECTS) effects.remove(e);
    }

    /** Moves the lifecycle on; a transition {@link PodLifecycle} does not allow is a bug of the caller. */
    void moveTo(PodLifecycle next) {
        if (!lifecycle.canMoveTo(next)) throw new IllegalStateException("pod " + key + ": no transition " + lifecycle + " -> " + next);
        // the Service's endpoint count, kept as pods come and go rather than counted every traffic step
        if (lifecycle == PodLifecycle.READY) deployment.readyPods--;
        if (next == PodLifecycle.READY) deployment.readyPods++;
        lifecycle = next;
    }

    /** An endpoint of its Service: Ready (and so neither deleted nor isolated). */
    boolean ready() { return lifecycle == PodLifecycle.READY; }

    /** Deleted: Terminating, or gone since. */
    boolean terminating() { return lifecycle.deleted(); }

    boolean isolated() { return lifecycle == PodLifecycle.ISOLATED; }

    /** Owned by the ReplicaSets: neither deleted nor isolated. */
    boolean owned() { return lifecycle.owned; }

    /** A container has run in this pod (Running, not Pending, once bound). */
    boolean started() { return runningSince >= 0; }

    boolean running() { return container == Container.RUNNING; }

    /** Waiting to be started again after a death: the kubelet's CrashLoopBackOff (even after the first one, as in Kubernetes). */
    boolean waitingInBackOff() { return container == Container.WAITING && restarts > 0 && !terminating() && node != null; }

    /** Answers requests at {@code t}: container up and started, not failed, not being deleted. */
    boolean serving(long t) {
        return running() && !terminating() && failures == 0 && t >= servingAt;
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
        return switch (lifecycle) {
            case PENDING -> "Pending";
            case RUNNING, READY -> "Running";
            case ISOLATED -> node != null && started() ? "Running" : "Pending";
            case TERMINATING, GONE -> "Terminating";
        };
    }

    PodView view() {
        return new PodView(namespace, name, deployment.spec.name(), node == null ? "" : node.spec.name(), phase(), ready(),
                restarts, running() ? runningSince : -1, isolated() ? isolatedLabels() : deployment.podLabels, revision.number(),
                waitingInBackOff() ? CRASH_LOOP_BACK_OFF : null, running() && readySince >= runningSince ? readySince : -1,
                startupBudgetMillis);
    }

    /**
     * An isolated pod's labels: those its Service and ReplicaSet select by (the deployment's labels) removed, as the live
     * isolation removes the selecting Services' keys, so no controller or Service picks it up again.
     */
    private Map<String, String> isolatedLabels() {
        var labels = new TreeMap<String, String>();
        labels.put(ISOLATED_LABEL, "true");
        return Collections.unmodifiableMap(labels);
    }
}
