package dev.homeostat.simulator;

import dev.homeostat.simulator.events.SimEvent;
import dev.homeostat.simulator.metrics.MetricNames;
import dev.homeostat.simulator.spec.ContainerSpec;
import dev.homeostat.simulator.spec.CallSpec;
import dev.homeostat.simulator.spec.SloSpec;
import dev.homeostat.simulator.spec.WorkloadSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * One traffic step of the fluid model for a Deployment and its Service, and the SLO judgement that
 * follows it. Scratch arrays are reused, so a step allocates nothing.
 */
final class TrafficStep {
    private final Consumer<SimEvent> emit;
    private final double[] served = new double[4];
    private double[] weights = new double[16];
    private double[] means = new double[16];
    private double[] offsets = new double[16];
    private final double[] podRow = new double[5];
    private final double[] serviceRow = new double[4];
    private final double[] sloRow = new double[3];
    // the call outcome of this step's service (README "Call graph"), per callee and combined
    private double[] attemptsPerRequest = new double[4];
    private double[] calleeLoad = new double[4];
    private final double[] call = new double[5];
    // the duration histogram's per-bucket shares for the last latency seen (pods of a Deployment usually share it)
    private final double[] cdf = new double[MetricNames.LATENCY_BUCKETS.length];
    private double cdfMean = Double.NaN, cdfOffset = Double.NaN;
    // the step's sums over its pods, filled by stepPod
    private int accN;
    private double accReq, accErr, accSlow, accAnswered, accTimeouts, accCap, accCallTimeouts;
    /** This step's calls combined: the wait per request, the chance every call succeeds, the timeouts' share of the failures. */
    private double callsWait, callsOk, calls504;
    /** Per callee this step: the chance one attempt fails, and the timeouts' share of those failures. */
    private double[] attemptFailed = new double[4], attemptTimeoutShare = new double[4];

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
        callsWait = 0;
        callsOk = 1;
        calls504 = 0;
        if (calls > 0) prepareCalls(s, calls);
        double extraServiceTime = (s == null ? 0 : s.addedLatencyS) + callsWait;
        int endpoints = 0;
        // an open circuit empties the Service's endpoints (the live adapter's selector method)
        if (s == null || !s.circuitOpen) for (PodState p : d.pods) if (p.ready()) endpoints++;
        double share = endpoints == 0 ? 0 : arrivals / endpoints;
        double threshold = s == null ? 1 : s.spec.slo().latencyP99().toMillis() / 1000.0;
        if (weights.length < d.pods.size()) {
            weights = new double[d.pods.size() * 2];
            means = new double[d.pods.size() * 2];
            offsets = new double[d.pods.size() * 2];
        }
        accN = 0;
        accReq = 0; accErr = 0; accSlow = 0; accAnswered = 0; accTimeouts = 0; accCap = 0; accCallTimeouts = 0;
        for (PodState p : d.pods) stepPod(p, t, share, extraServiceTime, calls, callsOk, calls504, threshold);
        int n = accN;
        double req = accReq, err = accErr, slow = accSlow, answered = accAnswered, timeouts = accTimeouts, cap = accCap;
        double callTimeouts = accCallTimeouts;
        if (s == null) return;
        for (int j = 0; j < calls; j++) {
            s.callees[j].callArrivals += calleeLoad[j];
            // the mesh's counters of this edge: attempts by outcome
            double failed = calleeLoad[j] * attemptFailed[j];
            double[] edge = s.callCounts[j];
            edge[ServiceState.CALL_200] += calleeLoad[j] - failed;
            edge[ServiceState.CALL_503] += failed * (1 - attemptTimeoutShare[j]);
            edge[ServiceState.CALL_504] += failed * attemptTimeoutShare[j];
        }
        if (endpoints == 0) {
            s.unavailable += arrivals;
            req += arrivals;
            err += arrivals;
        }
        req += s.lostInFlight;
        err += s.lostInFlight;
        s.lostInFlight = 0;
        double p99 = TrafficModel.p99(weights, means, offsets, n, timeouts, cap);
        if (s.called) remember(s, req, err, timeouts + callTimeouts, n);
        serviceRow[ServiceState.REQ] = req;
        serviceRow[ServiceState.ERR] = err;
        serviceRow[ServiceState.ANSWERED] = answered;
        serviceRow[ServiceState.P99_WEIGHTED] = p99 * answered;
        s.lastMinute.push(serviceRow);
        sloRow[ServiceState.SLO_REQ] = req;
        sloRow[ServiceState.SLO_ERR] = err;
        sloRow[ServiceState.SLO_SLOW] = slow;
        s.sloWindow.push(sloRow);
        s.totalRequests += req;
        s.totalErrors += err;
        s.totalSlow += slow;
        evaluateSlo(s, t);
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

    /** This step's calls of the Service: per callee the attempts per request and their failures; combined the wait, the success and the timeouts' share. */
    private void prepareCalls(ServiceState s, int calls) {
        if (attemptsPerRequest.length < calls) {
            attemptsPerRequest = new double[calls];
            calleeLoad = new double[calls];
            attemptFailed = new double[calls];
            attemptTimeoutShare = new double[calls];
        }
        double failWeight = 0, timeoutWeight = 0;
        for (int j = 0; j < calls; j++) {
            CallSpec spec = s.spec.calls().get(j);
            CallModel.outcome(s.callees[j], spec, call);
            double p = spec.perRequest();
            double succeed = Math.pow(1 - call[CallModel.FAILED], p);
            callsOk *= succeed;
            callsWait += p * call[CallModel.WAIT];
            failWeight += 1 - succeed;
            timeoutWeight += (1 - succeed) * call[CallModel.TIMEOUT_SHARE];
            attemptsPerRequest[j] = p * call[CallModel.ATTEMPTS];
            attemptFailed[j] = call[CallModel.ATTEMPT_FAILED];
            attemptTimeoutShare[j] = call[CallModel.TIMEOUT_SHARE];
            calleeLoad[j] = 0;
        }
        calls504 = failWeight > 0 ? timeoutWeight / failWeight : 0;
    }

    /**
     * One pod's part of a step (kept out of {@link #step} so the JIT compiles this hot loop body on its
     * own, with its small callees inlined): its traffic, counters, minute window and duration histogram,
     * and its share of the step's sums in the {@code acc*} fields, added in pod order.
     *
     * <p>Longer than a method should be, on purpose: it is the innermost loop of the simulator (30,000
     * pods per step on the reference), and as one compiled unit its fault-effect fold, queueing model and
     * counters stay in registers; split into calls that C2 no longer inlines it was ~5 % slower.
     */
    private void stepPod(PodState p, long t, double share, double extraServiceTime, int calls, double callOk, double call504,
                         double threshold) {
        double pReq = 0, pErr = 0, pOk = 0, pLatency = 0, cpu = 0;
        if (p.running()) {
            cpu = TrafficModel.IDLE_CORES + p.stressCores;
            boolean endpoint = p.ready();
            p.lastArrivals = 0;
            if (endpoint && !p.serving(t)) {
                // still an endpoint, but the container does not answer: requests fail
                pReq = pErr = share;
                p.err500 += share;
            } else if (endpoint) {
                ContainerSpec c = p.spec;
                double serviceTime = c.serviceTime().toNanos() / 1e9
                        * TrafficModel.gcFactor(p.memoryAt(t) / c.memoryLimit())
                        * TrafficModel.cpuFactor(p.stressCores, c.cpuRequest());
                if (extraServiceTime > 0) serviceTime += extraServiceTime;
                double pass = share, fail500 = 0, fail504 = 0, duplicate = 0, offset = 0;
                if (!p.effects.isEmpty()) {
                    // fold the active faults' effects (README "Traffic effects"): failures first, then the link, then the server
                    double keepErr = 1, keepLoss = 1, rate = Double.POSITIVE_INFINITY, limit = 0, bytes = 0;
                    boolean blackHole = false;
                    for (TrafficEffect e : p.effects) {
                        switch (e) {
                            case TrafficEffect.Delay delay -> offset += delay.draw();
                            case TrafficEffect.Errors x -> {
                                if (x.timeout()) keepLoss *= 1 - x.share(); else keepErr *= 1 - x.share();
                            }
                            case TrafficEffect.Duplicate x -> duplicate += x.share();
                            case TrafficEffect.BlackHole b -> blackHole = true;
                            case TrafficEffect.Bandwidth b -> {
                                // two limits on one pod: the narrower one governs
                                if (bytes == 0 || b.bytesPerSecond() / b.bytesPerRequest() < rate / bytes) {
                                    rate = b.bytesPerSecond();
                                    limit = b.limitBytes();
                                    bytes = b.bytesPerRequest();
                                }
                            }
                            case TrafficEffect.SlowIo io -> serviceTime += io.seconds() * io.share();
                        }
                    }
                    if (blackHole) {
                        fail504 = share;
                        pass = 0;
                    } else {
                        fail500 = share * (1 - keepErr);
                        fail504 = share * keepErr * (1 - keepLoss);
                        pass = share * keepErr * keepLoss;
                    }
                    if (bytes > 0 && pass > 0) {
                        offset += TrafficModel.linkDelay(pass / dt, rate, limit, bytes, served);
                        fail504 += served[0] * dt;
                        pass -= served[0] * dt;
                    }
                }
                TrafficModel.serve(pass * (1 + duplicate) / dt, serviceTime, c.concurrency(), served);
                double ok = served[TrafficModel.OK] * dt / (1 + duplicate), late = served[TrafficModel.TIMEOUTS] * dt / (1 + duplicate);
                double mean = served[TrafficModel.MEAN_LATENCY];
                double callErr = 0;
                if (calls > 0) {
                    // every request served called downstream; those whose calls all failed answer with an error
                    for (int j = 0; j < calls; j++) calleeLoad[j] += ok * attemptsPerRequest[j];
                    callErr = ok * (1 - callOk);
                    ok -= callErr;
                    p.err504 += callErr * call504;
                    accCallTimeouts += callErr * call504;
                    p.err500 += callErr * (1 - call504);
                    accAnswered += callErr;
                }
                pReq = share;
                pErr = late + fail500 + fail504 + callErr;
                pOk = ok;
                pLatency = ok * (mean + offset);
                p.ok200 += ok;
                p.err504 += late + fail504;
                p.err500 += fail500;
                p.latencySeconds += ok * (mean + offset);
                observeDurations(p.durations, ok, mean, offset, late + fail504);
                p.lastArrivals = share / dt; // a rate: in-flight = rate × latency (Little)
                p.lastLatency = mean + offset;
                cpu += served[TrafficModel.UTILISATION] * Math.max(c.cpuRequest(), TrafficModel.MIN_CPU_SHARE);
                weights[accN] = ok;
                means[accN] = mean;
                offsets[accN] = offset;
                accN++;
                accTimeouts += late + fail504;
                double podCap = TrafficModel.latencyCap(serviceTime);
                accCap = Math.max(accCap, offset > 0 ? Math.min(TrafficModel.REQUEST_TIMEOUT_S, podCap + offset) : podCap);
                accSlow += TrafficModel.slowerThan(ok, mean, offset, threshold) + late + fail504;
                accAnswered += ok + late + fail504;
            }
            p.cpuSeconds += cpu * dt;
        }
        podRow[PodState.REQ] = pReq;
        podRow[PodState.ERR] = pErr;
        podRow[PodState.OK] = pOk;
        podRow[PodState.LATENCY_SUM] = pLatency;
        podRow[PodState.CPU] = cpu;
        p.lastMinute.push(podRow);
        accReq += pReq;
        accErr += pErr;
    }

    /**
     * Adds a pod's step to its cumulative duration histogram ({@link PodState#durations}): {@code ok} requests
     * of latency {@code offset} + Exponential({@code mean}), so a share 1 − exp(−(le − offset)/mean) of them
     * falls at or below the bound le, and {@code timedOut} requests that only reach +Inf. The shares are
     * computed once per distinct latency (a Deployment's pods usually share theirs) and reused.
     */
    private void observeDurations(double[] durations, double ok, double mean, double offset, double timedOut) {
        double[] bounds = MetricNames.LATENCY_BUCKETS;
        if (mean != cdfMean || offset != cdfOffset) {
            cdfMean = mean;
            cdfOffset = offset;
            for (int b = 0; b < bounds.length; b++) cdf[b] = bounds[b] > offset ? -Math.expm1(-(bounds[b] - offset) / mean) : 0;
        }
        if (ok > 0) for (int b = 0; b < bounds.length; b++) durations[b] += ok * cdf[b];
        durations[bounds.length] += ok + timedOut;
        durations[bounds.length + 1] += ok * (mean + offset) + timedOut * TrafficModel.REQUEST_TIMEOUT_S;
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

    /** Keeps this step's outcome of a service that others call: their next step reads it. */
    private void remember(ServiceState s, double req, double err, double timeouts, int n) {
        s.lastReq = req;
        s.lastTimeouts = Math.min(timeouts, err);
        s.lastFastErr = Math.max(0, err - s.lastTimeouts);
        if (s.lastOk.length < n) {
            s.lastOk = new double[n * 2];
            s.lastMean = new double[n * 2];
            s.lastOffset = new double[n * 2];
        }
        System.arraycopy(weights, 0, s.lastOk, 0, n);
        System.arraycopy(means, 0, s.lastMean, 0, n);
        System.arraycopy(offsets, 0, s.lastOffset, 0, n);
        s.lastPods = n;
    }

    /**
     * p99 ≤ target exactly when at most 1 % of requests are slower than the target, and that share
     * adds up over steps: so the window's latency SLO is judged on the slow share, with no quantile
     * estimate involved.
     */
    private void evaluateSlo(ServiceState s, long t) {
        SloSpec slo = s.spec.slo();
        SlidingSums w = s.sloWindow;
        double req = w.sum(ServiceState.SLO_REQ);
        double availability = req > 0 ? Math.clamp(1 - w.sum(ServiceState.SLO_ERR) / req, 0, 1) : 1;
        double slowShare = req > 0 ? w.sum(ServiceState.SLO_SLOW) / req : 0;
        boolean unavailable = availability < slo.availability();
        boolean slowTail = slowShare > 0.01;
        boolean violated = unavailable || slowTail;
        if (violated == s.violated) return;
        s.violated = violated;
        if (!violated) {
            emit.accept(new SimEvent.SloRestored(t, s.key));
            return;
        }
        List<String> reasons = new ArrayList<>();
        if (unavailable) reasons.add(String.format(Locale.ROOT, "availability %.4f < %s", availability, slo.availability()));
        if (slowTail) reasons.add(String.format(Locale.ROOT, "latency p99 > %d ms (%.1f%% of requests slower)",
                slo.latencyP99().toMillis(), slowShare * 100));
        emit.accept(new SimEvent.SloViolated(t, s.key, String.join("; ", reasons)));
    }
}
