package dev.homeostat.simulator;

import dev.homeostat.simulator.events.SimEvent;
import dev.homeostat.simulator.metrics.MetricNames;
import dev.homeostat.simulator.spec.ContainerSpec;
import dev.homeostat.simulator.spec.WorkloadSpec;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * One traffic step of the fluid model for a Deployment and its Service, then the Service's SLO judgement
 * ({@link ServiceState#judgeSlo}). Scratch arrays are reused, so a step allocates nothing.
 */
final class TrafficStep {
    private final Consumer<SimEvent> emit;
    /** A serving pod's outcome: the one of the pods sharing a row, the one other quiet pods share, one of a pod's own. */
    private final PodOutcome shared = new PodOutcome(), quiet = new PodOutcome(), own = new PodOutcome();
    /** Whether quiet pods share their outcome (false only in tests, to compare against each pod working out its own). */
    boolean shareOutcomes = true;
    private double[] weights = new double[16];
    private double[] means = new double[16];
    private double[] offsets = new double[16];
    private final double[] podRow = new double[5];
    private final double[] serviceRow = new double[ServiceState.MINUTE_COLUMNS];
    private final double[] sloRow = new double[3];
    // the call outcome of this step's service (README "Call graph"): for its pods, and for one a call fault holds
    private final CallPlan plan = new CallPlan(), podPlan = new CallPlan();
    // per callee: the attempts this step's pods sent; under call faults, also the failed and timed-out ones and a scratch copy
    private double[] calleeLoad = new double[4], calleeFailed = new double[4], calleeTimedOut = new double[4], loadBefore = new double[4];
    /** The step's memos of a Deployment's shared per-pod work: service time, queueing model, slow share, histogram shares. */
    private final StepMemos memo = new StepMemos();
    // the step's sums over its pods, filled by stepPod
    private int accN;
    // whether some latency of the step is shifted by an offset: only then does the p99 need its offsets' pass
    private boolean accOffsets;
    private double accReq, accErr, accSlow, accTimeouts, accCap, accCallTimeouts;
    // the step's additions to the Service's duration histogram: its buckets, then +Inf
    private final double[] accDurations = new double[MetricNames.LATENCY_BUCKETS.length + 1];
    private int sharedServed;

    /**
     * The step length, seconds. Counts (requests, errors, latency sums, the SLO and minute windows'
     * rows) are per step; the queueing model works on rates, so arrivals are divided by it before
     * {@link TrafficModel#serve} and the served rates multiplied back. At 1 s both are × 1.0, exact
     * in floating point, so the default step gives bit-identical results.
     */
    private final double dt;

    TrafficStep(Consumer<SimEvent> emit) { this(emit, Simulation.STEP_MS); }

    TrafficStep(Consumer<SimEvent> emit, long stepMs) {
        this.emit = emit;
        this.dt = stepMs / 1000.0;
    }

    /** One traffic step (the last {@code dt} seconds up to {@code t}) for one Deployment and its Service (see README "Traffic model"). */
    void step(DeploymentState d, long t) {
        ServiceState s = d.service;
        double arrivals = s == null ? 0 : arrivals(s, t);
        // downstream calls: the wait holds a worker; the outcome comes from the callees' last step
        int calls = s == null ? 0 : s.callees.length;
        boolean calling = calls > 0 || s != null && (!s.spec.external().isEmpty() || s.peerAck != null);
        if (calleeLoad.length < calls) {
            calleeLoad = new double[calls];
            calleeFailed = new double[calls];
            calleeTimedOut = new double[calls];
            loadBefore = new double[calls];
        }
        for (int j = 0; j < calls; j++) calleeLoad[j] = 0;
        if (calling) plan.prepare(s, calls, null, t); else plan.clear();
        double added = s == null ? 0 : s.addedLatencyS;
        double extraServiceTime = added + plan.wait;
        int endpoints = 0;
        // an open circuit empties the Service's endpoints (the live adapter's selector method)
        if (s == null || !s.circuitOpen) endpoints = d.ready();
        double share = endpoints == 0 ? 0 : arrivals / endpoints;
        double threshold = s == null ? 1 : s.spec.slo().latencyP99().toMillis() / 1000.0;
        // two entries per pod at most: a pod whose file operations are partly slow holds two latency components
        if (weights.length < 2 * d.pods.size()) {
            weights = new double[d.pods.size() * 2];
            means = new double[d.pods.size() * 2];
            offsets = new double[d.pods.size() * 2];
        }
        PodRows rows = d.rows;
        if (rows != null) rows.closeSharing();
        shared.forget();
        quiet.forget();
        accN = 0;
        accOffsets = false;
        accReq = 0; accErr = 0; accSlow = 0; accTimeouts = 0; accCap = 0; accCallTimeouts = 0;
        java.util.Arrays.fill(accDurations, 0);
        sharedServed = 0;
        boolean callFaults = calling && !s.callFaults.isEmpty();
        if (callFaults) stepPodsUnderCallFaults(d, s, t, share, added, calls, threshold);
        else {
            // indexed: the pod loops are the simulator's hottest, and an iterator's modification checks cost there
            List<PodState> pods = d.pods;
            for (int i = 0, n = pods.size(); i < n; i++) stepPod(pods.get(i), rows, t, share, extraServiceTime, calls, calling, plan, threshold);
        }
        if (rows != null) stepSharedRow(rows, share);
        if (s != null) stepService(s, t, arrivals, endpoints, calls, callFaults);
    }

    /**
     * The Service's part of a step, from its pods' sums: the call edges' counters and the callees' load, requests lost
     * for want of endpoints or in flight, the p99, its windows and totals, then its SLO judgement.
     */
    private void stepService(ServiceState s, long t, double arrivals, int endpoints, int calls, boolean callFaults) {
        int n = accN;
        double req = accReq, err = accErr, slow = accSlow, timeouts = accTimeouts, cap = accCap;
        double callTimeouts = accCallTimeouts;
        for (int j = 0; j < calls; j++) {
            s.callees[j].callArrivals += calleeLoad[j];
            // the mesh's counters of this edge: attempts by outcome
            double failed = callFaults ? calleeFailed[j] : calleeLoad[j] * plan.attemptFailed[j];
            double timedOut = callFaults ? calleeTimedOut[j] : failed * plan.attemptTimeoutShare[j];
            double[] edge = s.callCounts[j];
            edge[ServiceState.CALL_200] += calleeLoad[j] - failed;
            edge[ServiceState.CALL_503] += callFaults ? failed - timedOut : failed * (1 - plan.attemptTimeoutShare[j]);
            edge[ServiceState.CALL_504] += timedOut;
        }
        if (endpoints == 0) {
            s.unavailable += arrivals;
            req += arrivals;
            err += arrivals;
        }
        req += s.lostInFlight;
        err += s.lostInFlight;
        s.lostInFlight = 0;
        double p99 = accOffsets ? TrafficModel.p99(weights, means, offsets, n, timeouts, cap) : TrafficModel.p99(weights, means, n, timeouts, cap);
        if (s.called) s.remember(req, err, timeouts + callTimeouts, weights, means, offsets, n);
        s.stepRequests = req;
        s.stepErrors = err;
        s.stepTimeouts = timeouts + callTimeouts;
        s.stepP99 = p99;
        serviceRow[ServiceState.REQ] = req;
        serviceRow[ServiceState.ERR] = err;
        if (sharedServed > 0) shared.addDurationsTo(accDurations, 0, sharedServed);
        System.arraycopy(accDurations, 0, serviceRow, ServiceState.DURATION_BUCKETS, accDurations.length);
        for (int b = 0; b < accDurations.length; b++) s.totalDurations[b] += accDurations[b];
        s.lastMinute.push(serviceRow);
        sloRow[ServiceState.SLO_REQ] = req;
        sloRow[ServiceState.SLO_ERR] = err;
        sloRow[ServiceState.SLO_SLOW] = slow;
        s.sloWindow.push(sloRow);
        s.totalRequests += req;
        s.totalErrors += err;
        s.totalSlow += slow;
        SimEvent slo = s.judgeSlo(t);
        if (slo != null) emit.accept(slo);
    }

    /** Requests reaching the Service this step: the workload's rate held over the step, with noise, plus what its callers sent. */
    private double arrivals(ServiceState s, long t) {
        // Poisson-like noise: variance equal to the mean
        // requests in the step, λ·dt (the workload's rate held over the step)
        double rate = s.spec.workload().rate(s.spec.requestsPerSecond(), t) * dt;
        double arrivals = s.spec.workload() instanceof WorkloadSpec.Poisson
                ? poisson(rate, s.noise)
                : Math.max(0, rate + Math.sqrt(rate) * s.noise.nextGaussian());
        // the callers ran earlier this instant (topological order) and left their load here
        if (s.callArrivals > 0) arrivals += s.callArrivals;
        s.callArrivals = 0;
        return arrivals;
    }

    /**
     * The pods' part of a step while call faults act on the Service's calls (README "Call faults"): a pod a fault holds
     * gets its own call plan, the others the Service's; each edge's failed and timed-out attempts are summed per pod.
     */
    private void stepPodsUnderCallFaults(DeploymentState d, ServiceState s, long t, double share, double added, int calls, double threshold) {
        for (int j = 0; j < calls; j++) {
            calleeFailed[j] = 0;
            calleeTimedOut[j] = 0;
        }
        for (PodState p : d.pods) {
            boolean held = false;
            for (CallFault f : s.callFaults) held |= f.holds(p);
            CallPlan own = held && podPlan.prepare(s, calls, p, t) ? podPlan : plan;
            System.arraycopy(calleeLoad, 0, loadBefore, 0, calls);
            stepPod(p, d.rows, t, share, added + own.wait, calls, true, own, threshold);
            for (int j = 0; j < calls; j++) {
                double failed = (calleeLoad[j] - loadBefore[j]) * own.attemptFailed[j];
                calleeFailed[j] += failed;
                calleeTimedOut[j] += failed * own.attemptTimeoutShare[j];
            }
        }
    }

    /**
     * One pod's part of a step: its traffic, counters, minute window and duration histogram, and its share of the
     * step's sums in the {@code acc*} fields, added in pod order. What a serving pod adds is a {@link PodOutcome}
     * ({@link #outcome}); a pod that shares its row ({@link PodRows}) and takes the row's outcome adds only its share of
     * the sums: the row takes the outcome once, after the step ({@link #stepSharedRow}).
     */
    private void stepPod(PodState p, PodRows rows, long t, double share, double extraServiceTime, int calls, boolean calling,
                         CallPlan callPlan, double threshold) {
        double pReq = 0, pErr = 0, pOk = 0, pLatency = 0, cpu = 0;
        PodOutcome o = null;
        boolean running = p.running();
        if (running) {
            cpu = TrafficModel.IDLE_CORES + p.stressCores;
            if (p.ready() && p.serving(t)) {
                o = outcome(p, t, share, extraServiceTime, calls, calling, callPlan, threshold, cpu);
                if (o == shared) {
                    addToSums(o, calls);
                    accReq += share;
                    accErr += o.errors;
                    return;
                }
            }
        }
        if (p.sharesRow) rows.own(p);
        double[] r = p.rows;
        int at = p.row;
        if (running) {
            r[at + PodRows.LAST_ARRIVALS] = 0;
            if (o != null) {
                o.addTo(r, at);
                addToSums(o, calls);
                pReq = share;
                pErr = o.errors;
                pOk = o.ok;
                pLatency = o.latencySum;
                cpu = o.cpu;
            } else if (p.ready()) {
                // still an endpoint, but the container does not answer: requests fail
                pReq = pErr = share;
                r[at + PodRows.ERR500] += share;
            }
            r[at + PodRows.CPU_SECONDS] += cpu * dt;
        }
        podRow[PodState.REQ] = pReq;
        podRow[PodState.ERR] = pErr;
        podRow[PodState.OK] = pOk;
        podRow[PodState.LATENCY_SUM] = pLatency;
        podRow[PodState.CPU] = cpu;
        rows.push(r, at, podRow);
        accReq += pReq;
        accErr += pErr;
    }

    /**
     * A serving pod's outcome: a quiet pod's ({@code p.effects} empty, the Service's call plan) is worked out once per
     * distinct input — in {@link #shared} for the pods sharing a row (the first of them to serve fixes its inputs; one
     * with other inputs gets {@link #quiet}), in {@link #quiet} for the others —; a pod with effects gets its own.
     */
    private PodOutcome outcome(PodState p, long t, double share, double extraServiceTime, int calls, boolean calling, CallPlan callPlan,
                               double threshold, double idleCpu) {
        ContainerSpec c = p.spec;
        double gc = TrafficModel.gcFactor(p.memoryAt(t) / c.memoryLimit()), stolen = p.stressCores;
        if (shareOutcomes && p.effects.isEmpty() && callPlan == plan) {
            PodOutcome o = p.sharesRow && (!shared.workedOut() || shared.workedOutFor(c, gc, stolen)) ? shared : quiet;
            if (!o.workedOutFor(c, gc, stolen)) {
                o.quiet(share, memo.serviceTime(c, gc, stolen, extraServiceTime));
                workOut(o, c, share, idleCpu, calls, calling, callPlan, threshold);
                o.remember(c, gc, stolen);
            }
            return o;
        }
        PodOutcome o = own;
        double serviceTime = memo.serviceTime(c, gc, stolen, extraServiceTime);
        if (p.effects.isEmpty()) o.quiet(share, serviceTime); else o.fold(p.effects, share, serviceTime, dt);
        workOut(o, c, share, idleCpu, calls, calling, callPlan, threshold);
        return o;
    }

    /** The shared row takes the outcome its pods took this step, once (see {@link #stepPod}). */
    private void stepSharedRow(PodRows rows, double share) {
        if (!shared.workedOut()) return;
        double[] r = rows.sharedPage();
        int at = rows.sharedRow();
        shared.addTo(r, at);
        r[at + PodRows.CPU_SECONDS] += shared.cpu * dt;
        podRow[PodState.REQ] = share;
        podRow[PodState.ERR] = shared.errors;
        podRow[PodState.OK] = shared.ok;
        podRow[PodState.LATENCY_SUM] = shared.latencySum;
        podRow[PodState.CPU] = shared.cpu;
        rows.push(r, at, podRow);
    }

    /**
     * A serving pod's outcome, its effects folded into {@code o} already: the queueing model, its calls, and what that
     * adds to its counters, duration histogram and the step's sums ({@code idleCpu}: the cores it burns without traffic).
     */
    private void workOut(PodOutcome o, ContainerSpec c, double share, double idleCpu, int calls, boolean calling, CallPlan callPlan,
                         double threshold) {
        double duplicate = o.duplicate, offset = o.offset, ioShare = o.ioShare, ioDelay = o.ioDelay, fail504 = o.fail504;
        double[] served = memo.serve(o.pass * (1 + duplicate) / dt, o.serviceTime, c);
        double ok = served[TrafficModel.OK] * dt / (1 + duplicate), late = served[TrafficModel.TIMEOUTS] * dt / (1 + duplicate);
        double mean = served[TrafficModel.MEAN_LATENCY];
        // with partly slow IO, the queue's exponential part scales with the rest of the service time
        double queue = ioShare > 0 ? mean * (1 - ioShare * ioDelay / o.serviceTime) : mean;
        double meanAll = ioShare > 0 ? queue + ioShare * ioDelay : mean;
        double callErr = 0;
        o.calling = calling;
        if (calling) {
            // every request served called downstream; those whose calls all failed answer with an error
            if (o.calleeLoad.length < calls) o.calleeLoad = new double[calls];
            for (int j = 0; j < calls; j++) o.calleeLoad[j] = ok * callPlan.attemptsPerRequest[j];
            callErr = ok * (1 - callPlan.ok);
            ok -= callErr;
            o.callErr504 = callErr * callPlan.timeouts504;
            o.callErr500 = callErr * (1 - callPlan.timeouts504);
            o.callErr = callErr;
        }
        o.ok = ok;
        o.late504 = late + fail504;
        o.errors = late + o.fail500 + fail504 + callErr;
        o.latency = meanAll + offset;
        o.latencySum = ok * (meanAll + offset);
        o.arrivalRate = share / dt; // a rate: in-flight = rate × latency (Little)
        o.cpu = idleCpu + served[TrafficModel.UTILISATION] * memo.servedCpuShare;
        double podCap = memo.servedCap;
        o.slowIo = ioShare > 0;
        if (ioShare > 0) {
            double slowOk = ok * ioShare, fastOk = ok - slowOk;
            o.rows = 2;
            durations(o, 0, fastOk, queue, offset, late + fail504);
            durations(o, 1, slowOk, queue, offset + ioDelay, 0);
            o.ioDelayed = slowOk;
            o.ioWaitSeconds = slowOk * ioDelay;
            o.component(0, fastOk, queue, offset);
            o.component(1, slowOk, queue, offset + ioDelay);
            o.shifted = true;
            o.cap = Math.min(TrafficModel.REQUEST_TIMEOUT_S, podCap + offset + ioDelay);
            o.slow = TrafficModel.slowerThan(fastOk, queue, offset, threshold) + TrafficModel.slowerThan(slowOk, queue, offset + ioDelay, threshold)
                    + late + fail504;
        } else {
            o.rows = 1;
            durations(o, 0, ok, mean, offset, late + fail504);
            o.component(0, ok, mean, offset);
            o.shifted = offset > 0;
            o.cap = offset > 0 ? Math.min(TrafficModel.REQUEST_TIMEOUT_S, podCap + offset) : podCap;
            o.slow = memo.slowerThan(ok, mean, offset, threshold) + late + fail504;
        }
    }

    /** Adds a serving pod's outcome to the callees' load and the step's sums, in pod order. */
    private void addToSums(PodOutcome o, int calls) {
        if (o.calling) {
            for (int j = 0; j < calls; j++) calleeLoad[j] += o.calleeLoad[j];
            accCallTimeouts += o.callErr504;
        }
        accTimeouts += o.late504;
        for (int c = 0; c < o.rows; c++) {
            weights[accN] = o.weight[c];
            means[accN] = o.mean[c];
            offsets[accN] = o.shift[c];
            accN++;
        }
        if (o.shifted) accOffsets = true;
        accCap = Math.max(accCap, o.cap);
        accSlow += o.slow;
        // the Service's histogram is its pods' summed; the pods that took the shared outcome count once, times their number
        if (o == shared) sharedServed++; else o.addDurationsTo(accDurations, 0);
    }

    /**
     * What {@code ok} requests of latency {@code offset} + Exponential({@code mean}) and {@code timedOut} ones add to a
     * pod's cumulative duration histogram ({@link PodRows#DURATIONS}), into row {@code row} of {@code o}: a share
     * 1 − exp(−(le − offset)/mean) of the answered ones falls at or below the bound le, the timed-out ones reach only
     * +Inf. The shares are computed once per distinct latency (a Deployment's pods usually share theirs) and reused.
     */
    private void durations(PodOutcome o, int row, double ok, double mean, double offset, double timedOut) {
        double[] bounds = MetricNames.LATENCY_BUCKETS, cdf = memo.shares(mean, offset);
        int at = row * PodState.DURATIONS;
        o.rowAnswered[row] = ok > 0;
        if (ok > 0) for (int b = 0; b < bounds.length; b++) o.durations[at + b] = ok * cdf[b];
        o.durations[at + bounds.length] = ok + timedOut;
        o.durations[at + bounds.length + 1] = ok * (mean + offset) + timedOut * TrafficModel.REQUEST_TIMEOUT_S;
    }

    /** Whole requests this second: Poisson(λ) by multiplying uniforms (Knuth) when small, its normal approximation when large. */
    static double poisson(double lambda, SplittableRandom random) {
        if (lambda <= 0) return 0;
        if (lambda >= 64) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * random.nextGaussian()));
        double limit = Math.exp(-lambda), product = random.nextDouble();
        int k = 0;
        while (product > limit) {
            k++;
            product *= random.nextDouble();
        }
        return k;
    }
}
