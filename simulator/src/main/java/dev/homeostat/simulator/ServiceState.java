package dev.homeostat.simulator;

import dev.homeostat.simulator.events.SimEvent;
import dev.homeostat.simulator.metrics.MetricNames;
import dev.homeostat.simulator.spec.ServiceSpec;
import dev.homeostat.simulator.spec.SloSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** A Service: its traffic noise stream, counters of requests that reached no pod, and its SLO window. */
final class ServiceState {
    // columns of the 60 s window: requests, failed ones, then the duration histogram's cumulative buckets (+Inf last)
    static final int REQ = 0, ERR = 1, DURATION_BUCKETS = 2, MINUTE_COLUMNS = DURATION_BUCKETS + MetricNames.LATENCY_BUCKETS.length + 1;
    // columns of the SLO window
    static final int SLO_REQ = 0, SLO_ERR = 1, SLO_SLOW = 2;

    final ServiceSpec spec;
    final String key;
    final DeploymentState deployment;
    final SplittableRandom noise;
    final SlidingSums lastMinute;
    final SlidingSums sloWindow;
    /** Requests that found no ready endpoint (503), cumulative. */
    double unavailable;
    /** In-flight requests lost by pods killed since the last traffic step; counted in the next one. */
    double lostInFlight;
    boolean violated;
    /** The mesh's retry policy toward this service: at most this many retries per call, whatever the callers ask. */
    int retryLimit = Integer.MAX_VALUE;
    /** The circuit toward it is open: its endpoints are empty to callers, whose calls fail at once and send nothing. */
    boolean circuitOpen;
    /** The last traffic step's requests, failed ones, timed-out ones and p99 (s): what a check at this instant sees. */
    double stepRequests, stepErrors, stepTimeouts, stepP99;
    /** Cumulative since the run began, as the SLO counts them: requests, failed ones, ones slower than the latency objective. */
    double totalRequests, totalErrors, totalSlow;
    /** Its pods' request-duration histogram summed, cumulative since the run began: by bound, then the count (+Inf). */
    final double[] totalDurations = new double[MetricNames.LATENCY_BUCKETS.length + 1];

    // ---- call graph (README "Call graph"); untouched for services nobody calls and that call nobody
    /** The services this one calls, in the order of {@code spec.calls()}; set by {@link TrafficOrder#wire}. */
    ServiceState[] callees = new ServiceState[0];
    /** Per callee, cumulative call attempts by outcome (the mesh's {@code istio_requests_total}): columns CALL_*. */
    double[][] callCounts = new double[0][];
    static final int CALL_200 = 0, CALL_503 = 1, CALL_504 = 2;
    /** Some service calls this one: its last step's outcome is kept for its callers. */
    boolean called;
    /** Requests sent by callers this step (attempts, retries included); consumed by this service's step. */
    double callArrivals;
    /** Active DependencySlowdown faults on this service: added to its service time, seconds ({@link #slowDown}). */
    double addedLatencyS;
    /** Last step's outcome as seen by callers: requests, fast errors (500/503), timeouts (504). */
    double lastReq, lastFastErr, lastTimeouts;
    /** Last step's answered pods: ok requests, mean queue latency and constant offset of each, s. */
    double[] lastOk = new double[8], lastMean = new double[8], lastOffset = new double[8];
    int lastPods = -1;
    /** Its pods' acknowledgement call to each other (README "Peer calls"); null when they do not call each other. */
    final dev.homeostat.simulator.spec.ExternalCall peerAck;
    /** Active call faults that hold pods of this service (README "Call faults"), in injection order. */
    final java.util.List<CallFault> callFaults = new java.util.ArrayList<>(0);

    ServiceState(ServiceSpec spec, DeploymentState deployment, SplittableRandom noise) {
        this(spec, deployment, noise, Simulation.STEP_MS);
    }

    /** The backend answers {@code seconds} later (earlier when negative, never below no delay): a DependencySlowdown begins or ends. */
    void slowDown(double seconds) { addedLatencyS = Math.max(0, addedLatencyS + seconds); }

    /** @param stepMs the traffic step: windows hold window / step buckets, each a step's counts */
    ServiceState(ServiceSpec spec, DeploymentState deployment, SplittableRandom noise, long stepMs) {
        this.lastMinute = new SlidingSums(MINUTE_COLUMNS, (int) (Simulation.RATE_WINDOW_MS / stepMs));
        this.spec = spec;
        this.key = spec.namespace() + "/" + spec.name();
        this.deployment = deployment;
        this.noise = noise;
        this.peerAck = PeerRound.ackOf(spec.peers());
        int slots = (int) Math.max(1, spec.slo().window().toMillis() / stepMs);
        this.sloWindow = new SlidingSums(3, slots);
        // Warm start: the service has been healthy at its nominal rate before the run began,
        // so an empty window cannot read as a violation.
        double[] healthy = {spec.workload().rate(spec.requestsPerSecond(), 0) * (stepMs / 1000.0), 0, 0};
        for (int i = 0; i < slots; i++) sloWindow.push(healthy);
    }

    /** Keeps this step's outcome of a service that others call: their next step reads it (per answered pod: ok requests, mean, offset). */
    void remember(double req, double err, double timeouts, double[] ok, double[] mean, double[] offset, int n) {
        lastReq = req;
        lastTimeouts = Math.min(timeouts, err);
        lastFastErr = Math.max(0, err - lastTimeouts);
        if (lastOk.length < n) {
            lastOk = new double[n * 2];
            lastMean = new double[n * 2];
            lastOffset = new double[n * 2];
        }
        System.arraycopy(ok, 0, lastOk, 0, n);
        System.arraycopy(mean, 0, lastMean, 0, n);
        System.arraycopy(offset, 0, lastOffset, 0, n);
        lastPods = n;
    }

    /**
     * p99 ≤ target exactly when at most 1 % of requests are slower than the target, and that share
     * adds up over steps: so the window's latency SLO is judged on the slow share, with no quantile
     * estimate involved. The event when the judgement changes at {@code t}, else null.
     */
    SimEvent judgeSlo(long t) {
        SloSpec slo = spec.slo();
        SlidingSums w = sloWindow;
        double req = w.sum(SLO_REQ);
        double availability = req > 0 ? Math.clamp(1 - w.sum(SLO_ERR) / req, 0, 1) : 1;
        double slowShare = req > 0 ? w.sum(SLO_SLOW) / req : 0;
        boolean unavailable = availability < slo.availability();
        boolean slowTail = slowShare > 0.01;
        boolean nowViolated = unavailable || slowTail;
        if (nowViolated == violated) return null;
        violated = nowViolated;
        if (!nowViolated) return new SimEvent.SloRestored(t, key);
        List<String> reasons = new ArrayList<>();
        if (unavailable) reasons.add(String.format(Locale.ROOT, "availability %.4f < %s", availability, slo.availability()));
        if (slowTail) reasons.add(String.format(Locale.ROOT, "latency p99 > %d ms (%.1f%% of requests slower)",
                slo.latencyP99().toMillis(), slowShare * 100));
        return new SimEvent.SloViolated(t, key, String.join("; ", reasons));
    }
}
