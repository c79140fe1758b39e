package dev.homeostat.simulator;

import dev.homeostat.simulator.events.SimEvent;
import dev.homeostat.simulator.spec.ContainerSpec;
import dev.homeostat.simulator.spec.SloSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    TrafficStep(Consumer<SimEvent> emit) { this.emit = emit; }

    /** One second of the fluid model for one Deployment and its Service (see README "Traffic model"). */
    void step(DeploymentState d, long t) {
        ServiceState s = d.service;
        double arrivals = 0;
        if (s != null) {
            // Poisson-like noise: variance equal to the mean
            double rate = s.spec.requestsPerSecond();
            arrivals = Math.max(0, rate + Math.sqrt(rate) * s.noise.nextGaussian());
        }
        int endpoints = 0;
        for (PodState p : d.pods) if (p.ready && !p.terminating) endpoints++;
        double share = endpoints == 0 ? 0 : arrivals / endpoints;
        double threshold = s == null ? 1 : s.spec.slo().latencyP99().toMillis() / 1000.0;
        if (weights.length < d.pods.size()) {
            weights = new double[d.pods.size() * 2];
            means = new double[d.pods.size() * 2];
            offsets = new double[d.pods.size() * 2];
        }
        int n = 0;
        double req = 0, err = 0, slow = 0, answered = 0, timeouts = 0, cap = 0;
        for (PodState p : d.pods) {
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
                            offset += linkDelay(pass, rate, limit, bytes, served);
                            fail504 += served[0];
                            pass -= served[0];
                        }
                    }
                    TrafficModel.serve(pass * (1 + duplicate), serviceTime, c.concurrency(), served);
                    double ok = served[TrafficModel.OK] / (1 + duplicate), late = served[TrafficModel.TIMEOUTS] / (1 + duplicate);
                    double mean = served[TrafficModel.MEAN_LATENCY];
                    pReq = share;
                    pErr = late + fail500 + fail504;
                    pOk = ok;
                    pLatency = ok * (mean + offset);
                    p.ok200 += ok;
                    p.err504 += late + fail504;
                    p.err500 += fail500;
                    p.latencySeconds += ok * (mean + offset);
                    p.lastArrivals = share;
                    p.lastLatency = mean + offset;
                    cpu += served[TrafficModel.UTILISATION] * Math.max(c.cpuRequest(), TrafficModel.MIN_CPU_SHARE);
                    weights[n] = ok;
                    means[n] = mean;
                    offsets[n] = offset;
                    n++;
                    timeouts += late + fail504;
                    double podCap = TrafficModel.latencyCap(serviceTime);
                    cap = Math.max(cap, offset > 0 ? Math.min(TrafficModel.REQUEST_TIMEOUT_S, podCap + offset) : podCap);
                    slow += TrafficModel.slowerThan(ok, mean, offset, threshold) + late + fail504;
                    answered += ok + late + fail504;
                }
                p.cpuSeconds += cpu * (Simulation.STEP_MS / 1000.0);
            }
            podRow[PodState.REQ] = pReq;
            podRow[PodState.ERR] = pErr;
            podRow[PodState.OK] = pOk;
            podRow[PodState.LATENCY_SUM] = pLatency;
            podRow[PodState.CPU] = cpu;
            p.lastMinute.push(podRow);
            req += pReq;
            err += pErr;
        }
        if (s == null) return;
        if (endpoints == 0) {
            s.unavailable += arrivals;
            req += arrivals;
            err += arrivals;
        }
        req += s.lostInFlight;
        err += s.lostInFlight;
        s.lostInFlight = 0;
        double p99 = TrafficModel.p99(weights, means, offsets, n, timeouts, cap);
        serviceRow[ServiceState.REQ] = req;
        serviceRow[ServiceState.ERR] = err;
        serviceRow[ServiceState.ANSWERED] = answered;
        serviceRow[ServiceState.P99_WEIGHTED] = p99 * answered;
        s.lastMinute.push(serviceRow);
        sloRow[ServiceState.SLO_REQ] = req;
        sloRow[ServiceState.SLO_ERR] = err;
        sloRow[ServiceState.SLO_SLOW] = slow;
        s.sloWindow.push(sloRow);
        evaluateSlo(s, t);
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
