package dev.homeostat.simulator;

import dev.homeostat.simulator.spec.CallSpec;
import dev.homeostat.simulator.spec.ExternalCall;

/**
 * A caller's calls for one traffic step (README "Call graph"): per in-cluster callee the attempts per request the
 * caller sends, the chance one fails and the timeouts' share of those failures; combined over every call, external
 * ones included, the wait per request, the chance all succeed and the timeouts' share of the failures. Prepared for
 * the pods no call fault touches, and per pod for those a call fault holds (README "Call faults"). Reused: a step
 * allocates nothing.
 */
final class CallPlan {
    double[] attemptsPerRequest = new double[4], attemptFailed = new double[4], attemptTimeoutShare = new double[4];
    double wait, ok, timeouts504;
    private final double[] call = new double[6], hit = new double[6], linkScratch = new double[1], round = new double[3];
    private final CallModel.Link link = new CallModel.Link();
    private final PeerRound peers = new PeerRound();

    /** No calls: nothing to wait for, nothing fails. */
    void clear() {
        wait = 0;
        ok = 1;
        timeouts504 = 0;
    }

    /**
     * The calls of {@code s} ({@code calls} in-cluster ones, then its external hosts) from a pod no call fault touches
     * ({@code pod} null), or from {@code pod} under the call faults that hold it, each mixed in by the share of that
     * pod's calls it hits; then, when its pods call each other, a round of peer calls at {@code t} (README "Peer calls").
     * Returns whether any call fault hits a call of {@code pod} (false: this plan is the untouched one).
     */
    boolean prepare(ServiceState s, int calls, PodState pod, long t) {
        if (attemptsPerRequest.length < calls) {
            attemptsPerRequest = new double[calls];
            attemptFailed = new double[calls];
            attemptTimeoutShare = new double[calls];
        }
        clear();
        boolean touched = false;
        double failWeight = 0, timeoutWeight = 0;
        for (int j = 0; j < calls; j++) {
            CallSpec spec = s.spec.calls().get(j);
            CallModel.outcome(s.callees[j], spec, null, call);
            if (pod != null) {
                double w = collectLink(s, pod, s.callees[j], null, spec.perRequest());
                if (w > 0) {
                    touched = true;
                    CallModel.outcome(s.callees[j], spec, link, hit);
                    CallModel.mix(call, hit, w);
                }
            }
            double p = spec.perRequest();
            double succeed = Math.pow(1 - call[CallModel.FAILED], p);
            ok *= succeed;
            wait += p * call[CallModel.WAIT];
            failWeight += 1 - succeed;
            timeoutWeight += (1 - succeed) * call[CallModel.TIMEOUT_SHARE];
            attemptsPerRequest[j] = p * call[CallModel.LOAD];
            attemptFailed[j] = call[CallModel.ATTEMPT_FAILED];
            attemptTimeoutShare[j] = call[CallModel.TIMEOUT_SHARE];
        }
        for (ExternalCall e : s.spec.external()) {
            CallModel.external(e, null, call);
            if (pod != null) {
                double w = collectLink(s, pod, null, e.host(), e.perRequest());
                if (w > 0) {
                    touched = true;
                    CallModel.external(e, link, hit);
                    CallModel.mix(call, hit, w);
                }
            }
            double succeed = Math.pow(1 - call[CallModel.FAILED], e.perRequest());
            ok *= succeed;
            wait += e.perRequest() * call[CallModel.WAIT];
            failWeight += 1 - succeed;
            timeoutWeight += (1 - succeed) * call[CallModel.TIMEOUT_SHARE];
        }
        if (s.peerAck != null) {
            if (pod == null) peers.untouched(s, t, round); else touched |= peers.forPod(s, pod, t, round);
            double p = s.spec.peers().perRequest();
            double succeed = Math.pow(1 - round[PeerRound.FAILED], p);
            ok *= succeed;
            wait += p * round[PeerRound.WAIT];
            failWeight += 1 - succeed;
            timeoutWeight += (1 - succeed) * round[PeerRound.TIMEOUT_SHARE];
        }
        timeouts504 = failWeight > 0 ? timeoutWeight / failWeight : 0;
        return touched;
    }

    /**
     * Folds the call faults on one call of {@code pod} (to {@code callee}, or to the external {@code host}) into
     * {@link #link}; returns the share of those calls they hit (several: the largest).
     */
    private double collectLink(ServiceState s, PodState pod, ServiceState callee, String host, double perRequest) {
        link.reset();
        double w = 0;
        for (CallFault f : s.callFaults) {
            double share = callee != null ? f.share(pod, callee) : f.share(pod, host);
            if (share <= 0) continue;
            w = Math.max(w, share);
            f.addTo(link, pod.lastArrivals() * perRequest * share, linkScratch);
        }
        return w;
    }
}
