package dev.homeostat.simulator;

import dev.homeostat.simulator.spec.CallSpec;

/**
 * The call graph's equations (README "Call graph"): what one call to a callee costs its caller —
 * the chance it fails after its retries, the wait, the attempts it sends — from the callee's last
 * traffic step. Pure arithmetic.
 */
final class CallModel {
    private CallModel() { }

    // indexes into the result array of outcome()
    static final int FAILED = 0, TIMEOUT_SHARE = 1, WAIT = 2, ATTEMPTS = 3, ATTEMPT_FAILED = 4;

    /**
     * One call to {@code callee} as its caller sees it, from the callee's last step (README "Call
     * graph"): an attempt fails when the callee errs or answers after the deadline D (probability f);
     * up to {@code retries} more attempts follow after the back-off. Writes the probability that every
     * attempt fails (f^(R+1)), the share of those failures that are timeouts, the expected wait
     * (each attempt made costs its latency bounded by D, each retry its back-off) and the expected
     * attempts Σ f^k, k = 0..R — the load the call puts on the callee, retry storms included. R is the caller's retries,
     * capped by the mesh's retry policy toward the callee; with the callee's circuit open every call fails at once.
     */
    static void outcome(ServiceState callee, CallSpec spec, double[] out) {
        if (callee.circuitOpen) {
            // no endpoint: every call fails at once, sends nothing, and is not retried
            out[FAILED] = 1;
            out[TIMEOUT_SHARE] = 0;
            out[WAIT] = 0;
            out[ATTEMPTS] = 0;
            out[ATTEMPT_FAILED] = 1;
            return;
        }
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
        int retries = Math.min(spec.retries(), callee.retryLimit);
        double attempts = 0, fk = 1;
        for (int k = 0; k <= retries; k++) {
            attempts += fk;
            fk *= f;
        }
        out[FAILED] = fk;
        out[TIMEOUT_SHARE] = f > 0 ? timedOut / f : 0;
        out[WAIT] = attempts * attemptLatency + (attempts - 1) * (spec.retryBackoff().toNanos() / 1e9);
        out[ATTEMPTS] = attempts;
        out[ATTEMPT_FAILED] = f;
    }

    /** E[X; X ≤ D] for X = offset + Exponential(mean): the latency a caller waits for answers within its deadline. */
    static double boundedMean(double mean, double offset, double deadline) {
        if (deadline <= offset) return 0;
        double u = deadline - offset, tail = Math.exp(-u / mean);
        return offset * (1 - tail) + mean - (u + mean) * tail;
    }
}
