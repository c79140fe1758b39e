package dev.homeostat.simulator;

import dev.homeostat.simulator.spec.CallSpec;
import dev.homeostat.simulator.spec.ExternalCall;
import java.time.Duration;

/**
 * The call graph's equations (README "Call graph"): what one call to a callee costs its caller —
 * the chance it fails after its retries, the wait, the attempts it sends — from the callee's last
 * traffic step. Pure arithmetic.
 */
final class CallModel {
    private CallModel() { }

    // indexes into the result array of outcome()
    static final int FAILED = 0, TIMEOUT_SHARE = 1, WAIT = 2, ATTEMPTS = 3, ATTEMPT_FAILED = 4, LOAD = 5;

    /**
     * One call to {@code callee} as its caller sees it, from the callee's last step (README "Call
     * graph"): an attempt fails when the callee errs or answers after the deadline D (probability f);
     * up to {@code retries} more attempts follow after the back-off. Writes the probability that every
     * attempt fails (f^(R+1)), the share of those failures that are timeouts, the expected wait
     * (each attempt made costs its latency bounded by D, each retry its back-off) and the expected
     * attempts Σ f^k, k = 0..R — the load the call puts on the callee, retry storms included. R is the caller's retries,
     * capped by the mesh's retry policy toward the callee; with the callee's circuit open every call fails at once.
     * {@code link} (null: none) is what call faults do to this edge; LOAD is the attempts that reach the callee.
     */
    static void outcome(ServiceState callee, CallSpec spec, Link link, double[] out) {
        if (callee.circuitOpen) {
            // no endpoint: every call fails at once, sends nothing, and is not retried
            out[FAILED] = 1;
            out[TIMEOUT_SHARE] = 0;
            out[WAIT] = 0;
            out[ATTEMPTS] = 0;
            out[ATTEMPT_FAILED] = 1;
            out[LOAD] = 0;
            return;
        }
        double deadline = spec.deadline().toNanos() / 1e9;
        double d = link == null ? 0 : link.offset;
        double okWeight = 0, slow = 0, below = 0, meanOk = 0;
        for (int i = 0; i < callee.lastPods; i++) {
            double w = callee.lastOk[i];
            if (w <= 0) continue;
            okWeight += w;
            slow += TrafficModel.slowerThan(w, callee.lastMean[i], callee.lastOffset[i] + d, deadline);
            below += w * boundedMean(callee.lastMean[i], callee.lastOffset[i] + d, deadline);
            meanOk += w * (callee.lastMean[i] + callee.lastOffset[i] + d);
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
            q = d == 0 ? Math.exp(-deadline / nominal) : TrafficModel.slowerThan(1, nominal, d, deadline);
            okLatency = boundedMean(nominal, d, deadline);
            meanLatency = nominal + d;
        }
        double timedOut = timeouts + okShare * q;
        double f = Math.clamp(fastErr + timedOut, 0, 1);
        double attemptLatency = okShare * okLatency + timedOut * deadline + fastErr * Math.min(meanLatency, deadline);
        finish(f, timedOut, attemptLatency, deadline, Math.min(spec.retries(), callee.retryLimit), spec.retryBackoff(), link, out);
    }

    /**
     * One call to a host outside the cluster: it answers after its {@code latency} (plus the link's delay),
     * so an attempt fails only when that is past the deadline, or when the link drops or corrupts it.
     */
    static void external(ExternalCall spec, Link link, double[] out) {
        double deadline = spec.deadline().toNanos() / 1e9;
        double latency = spec.latency().toNanos() / 1e9 + (link == null ? 0 : link.offset);
        double late = latency >= deadline ? 1 : 0;
        finish(late, late, Math.min(latency, deadline), deadline, spec.retries(), spec.retryBackoff(), link, out);
    }

    /**
     * From one attempt at the callee (it fails with probability {@code f}, {@code timedOut} of it by the
     * deadline, and costs {@code attemptLatency}), the attempt through the link (dropped: a timeout after
     * the deadline; corrupted: an error at once; else the callee's attempt) and the call with its retries.
     */
    private static void finish(double f, double timedOut, double attemptLatency, double deadline, int retries, Duration backoff,
                               Link link, double[] out) {
        double delivered = 1;
        if (link != null) {
            double pass = link.cut ? 0 : (1 - link.lost) * (1 - link.corrupt);
            double corrupted = link.cut ? 0 : (1 - link.lost) * link.corrupt;
            double dropped = 1 - pass - corrupted;
            attemptLatency = pass * attemptLatency + dropped * deadline + corrupted * Math.min(link.offset, deadline);
            timedOut = pass * timedOut + dropped;
            f = Math.clamp(pass * f + dropped + corrupted, 0, 1);
            delivered = (1 - dropped) * (1 + link.duplicate);
        }
        double attempts = 0, fk = 1;
        for (int k = 0; k <= retries; k++) {
            attempts += fk;
            fk *= f;
        }
        out[FAILED] = fk;
        out[TIMEOUT_SHARE] = f > 0 ? timedOut / f : 0;
        out[WAIT] = attempts * attemptLatency + (attempts - 1) * (backoff.toNanos() / 1e9);
        out[ATTEMPTS] = attempts;
        out[ATTEMPT_FAILED] = f;
        out[LOAD] = attempts * delivered;
    }

    /**
     * {@code hit} (the outcome of the calls a call fault hits, a share {@code w} of them) mixed into
     * {@code out} (the others'): probabilities, waits and attempts are averages over the calls; the
     * timeouts' share is weighted by the failures, an attempt's failure by the attempts.
     */
    static void mix(double[] out, double[] hit, double w) {
        double failed = (1 - w) * out[FAILED] + w * hit[FAILED];
        double timeouts = (1 - w) * out[FAILED] * out[TIMEOUT_SHARE] + w * hit[FAILED] * hit[TIMEOUT_SHARE];
        double attempts = (1 - w) * out[ATTEMPTS] + w * hit[ATTEMPTS];
        double attemptFailures = (1 - w) * out[ATTEMPTS] * out[ATTEMPT_FAILED] + w * hit[ATTEMPTS] * hit[ATTEMPT_FAILED];
        out[FAILED] = failed;
        out[TIMEOUT_SHARE] = failed > 0 ? timeouts / failed : 0;
        out[WAIT] = (1 - w) * out[WAIT] + w * hit[WAIT];
        out[ATTEMPTS] = attempts;
        out[ATTEMPT_FAILED] = attempts > 0 ? attemptFailures / attempts : 0;
        out[LOAD] = (1 - w) * out[LOAD] + w * hit[LOAD];
    }

    /**
     * What the call faults on one edge do to an attempt crossing it (README "Call faults"): a delay
     * added to the answer, shares dropped (timeouts) and corrupted (errors at once), a cut (every
     * attempt dropped), duplicated requests (more load on the callee). Several faults on one edge add up.
     */
    static final class Link {
        double offset, lost, corrupt, duplicate;
        boolean cut;

        void reset() {
            offset = 0;
            lost = 0;
            corrupt = 0;
            duplicate = 0;
            cut = false;
        }
    }

    /** E[X; X ≤ D] for X = offset + Exponential(mean): the latency a caller waits for answers within its deadline. */
    static double boundedMean(double mean, double offset, double deadline) {
        if (deadline <= offset) return 0;
        double u = deadline - offset, tail = Math.exp(-u / mean);
        return offset * (1 - tail) + mean - (u + mean) * tail;
    }
}
