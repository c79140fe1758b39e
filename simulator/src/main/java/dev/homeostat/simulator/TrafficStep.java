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
    /** Per callee this step: the chance one attempt fails, and the timeouts' share of those failures. */
    private double[] attemptFailed = new double[4], attemptTimeoutShare = new double[4];
    static final int CALL_FAILED = 0, CALL_TIMEOUT_SHARE = 1, CALL_WAIT = 2, CALL_ATTEMPTS = 3, CALL_ATTEMPT_FAILED = 4;

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
        double arrivals = 0;
        if (s != null) {
            // Poisson-like noise: variance equal to the mean
            // requests in the step, λ·dt (the workload's rate held over the step)
            double rate = s.spec.workload().rate(s.spec.requestsPerSecond(), t) * dt;
            arrivals = s.spec.workload() instanceof WorkloadSpec.Poisson
                    ? poisson(rate, s.noise)
                    : Math.max(0, rate + Math.sqrt(rate) * s.noise.nextGaussian());
            // the callers ran earlier this instant (topological order) and left their load here
            if (s.callArrivals > 0) arrivals += s.callArrivals;
            s.callArrivals = 0;
        }
        // downstream calls: the wait holds a worker; the outcome comes from the callees' last step
        int calls = s == null ? 0 : s.callees.length;
        double callWait = 0, callOk = 1, call504 = 0;
        if (calls > 0) {
            if (attemptsPerRequest.length < calls) {
                attemptsPerRequest = new double[calls];
                calleeLoad = new double[calls];
                attemptFailed = new double[calls];
                attemptTimeoutShare = new double[calls];
            }
            double failWeight = 0, timeoutWeight = 0;
            for (int j = 0; j < calls; j++) {
                CallSpec spec = s.spec.calls().get(j);
                callOutcome(s.callees[j], spec, call);
                double p = spec.perRequest();
                double succeed = Math.pow(1 - call[CALL_FAILED], p);
                callOk *= succeed;
                callWait += p * call[CALL_WAIT];
                failWeight += 1 - succeed;
                timeoutWeight += (1 - succeed) * call[CALL_TIMEOUT_SHARE];
                attemptsPerRequest[j] = p * call[CALL_ATTEMPTS];
                attemptFailed[j] = call[CALL_ATTEMPT_FAILED];
                attemptTimeoutShare[j] = call[CALL_TIMEOUT_SHARE];
                calleeLoad[j] = 0;
            }
            call504 = failWeight > 0 ? timeoutWeight / failWeight : 0;
        }
        double extraServiceTime = (s == null ? 0 : s.addedLatencyS) + callWait;
        int endpoints = 0;
        for (PodState p : d.pods) if (p.ready && !p.terminating) endpoints++;
        double share = endpoints == 0 ? 0 : arrivals / endpoints;
        double threshold = s == null ? 1 : s.spec.slo().latencyP99().toMillis() / 1000.0;
        if (weights.length < d.pods.size()) {
            weights = new double[d.pods.size() * 2];
            means = new double[d.pods.size() * 2];
            offsets = new double[d.pods.size() * 2];
        }
        accN = 0;
        accReq = 0; accErr = 0; accSlow = 0; accAnswered = 0; accTimeouts = 0; accCap = 0; accCallTimeouts = 0;
        for (PodState p : d.pods) stepPod(p, t, share, extraServiceTime, calls, callOk, call504, threshold);
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

    /**
     * One pod's part of a step (kept out of {@link #step} so the JIT compiles this hot loop body on its
     * own, with its small callees inlined): its traffic, counters, minute window and duration histogram,
     * and its share of the step's sums in the {@code acc*} fields, added in pod order as before.
     */
    private void stepPod(PodState p, long t, double share, double extraServiceTime, int calls, double callOk, double call504,
                         double threshold) {
        double pReq = 0, pErr = 0, pOk = 0, pLatency = 0, cpu = 0;
        if (p.running()) {
            cpu = TrafficModel.IDLE_CORES + p.stressCores;
            boolean endpoint = p.ready && !p.terminating;
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
                        offset += linkDelay(pass / dt, rate, limit, bytes, served);
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
     * One call to {@code callee} as its caller sees it, from the callee's last step (README "Call
     * graph"): an attempt fails when the callee errs or answers after the deadline D (probability f);
     * up to {@code retries} more attempts follow after the back-off. Writes the probability that every
     * attempt fails (f^(R+1)), the share of those failures that are timeouts, the expected wait
     * (each attempt made costs its latency bounded by D, each retry its back-off) and the expected
     * attempts Σ f^k, k = 0..R — the load the call puts on the callee, retry storms included.
     */
    static void callOutcome(ServiceState callee, CallSpec spec, double[] out) {
        double deadline = spec.deadline().toNanos() / 1e9;
        double okWeight = 0, slow = 0, below = 0, meanOk = 0;
        for (int i = 0; i < callee.lastPods; i++) {
            double w = callee.lastOk[i];
            if (w <= 0) continue;
            okWeight += w;
            slow += TrafficModel.slowerThan(w, callee.lastMean[i], callee.lastOffset[i], deadline);
            below += w * boundedMean(callee.lastMean[i], callee.lastOffset[i], deadline);
            meanOk += w * (callee.lastMean[i] + callee.lastOffset[i]);
        }
        double fastErr = 0, timeouts = 0, okShare = 1;
        if (callee.lastReq > 0) {
            fastErr = Math.clamp(callee.lastFastErr / callee.lastReq, 0, 1);
            timeouts = Math.clamp(callee.lastTimeouts / callee.lastReq, 0, 1 - fastErr);
            okShare = 1 - fastErr - timeouts;
        }
        double q, okLatency, meanLatency;
        if (okWeight > 0) {
            q = slow / okWeight;
            okLatency = below / okWeight;
            meanLatency = meanOk / okWeight;
        } else {
            // nothing answered last step: before the first step, or an idle callee, it is as fast as its
            // nominal service time; when it only failed, okShare is 0 and the latency does not matter
            double nominal = callee.deployment.spec.container().serviceTime().toNanos() / 1e9;
            if (callee.lastReq <= 0) okShare = 1;
            q = Math.exp(-deadline / nominal);
            okLatency = boundedMean(nominal, 0, deadline);
            meanLatency = nominal;
        }
        double timedOut = timeouts + okShare * q;
        double f = Math.clamp(fastErr + timedOut, 0, 1);
        double attemptLatency = okShare * okLatency + timedOut * deadline + fastErr * Math.min(meanLatency, deadline);
        int retries = spec.retries();
        double attempts = 0, fk = 1;
        for (int k = 0; k <= retries; k++) {
            attempts += fk;
            fk *= f;
        }
        out[CALL_FAILED] = fk;
        out[CALL_TIMEOUT_SHARE] = f > 0 ? timedOut / f : 0;
        out[CALL_WAIT] = attempts * attemptLatency + (attempts - 1) * (spec.retryBackoff().toNanos() / 1e9);
        out[CALL_ATTEMPTS] = attempts;
        out[CALL_ATTEMPT_FAILED] = f;
    }

    /** E[X; X ≤ D] for X = offset + Exponential(mean): the latency a caller waits for answers within its deadline. */
    static double boundedMean(double mean, double offset, double deadline) {
        if (deadline <= offset) return 0;
        double u = deadline - offset, tail = Math.exp(-u / mean);
        return offset * (1 - tail) + mean - (u + mean) * tail;
    }

    /**
     * The bandwidth limit as a queue in front of the pod: a token bucket of {@code rate} bytes/s with a
     * queue of {@code limit} bytes. Below the rate, an M/M/1 delay (b/r)/(1 − ρ) with ρ = λ·b/r, never
     * more than a full queue (limit + b)/r; at or above it, the excess is dropped (written to
     * {@code out[0]}) and the rest waits a full queue. Returns the added latency in seconds.
     */
    static double linkDelay(double arrivals, double rate, double limit, double bytesPerRequest, double[] out) {
        double capacity = rate / bytesPerRequest;
        double full = (limit + bytesPerRequest) / rate;
        double rho = arrivals / capacity;
        if (rho >= 1) {
            out[0] = arrivals - capacity;
            return full;
        }
        out[0] = 0;
        return Math.min(full, (bytesPerRequest / rate) / (1 - rho));
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
