package dev.homeostat.simulator;

import dev.homeostat.simulator.spec.ExternalCall;
import dev.homeostat.simulator.spec.PeerSpec;

/**
 * One round of peer calls (README "Peer calls"): a pod of a Service with {@code peers} sends an attempt to every other
 * member and waits for the acknowledgements its mode needs. Each acknowledgement is a call to a host that answers after
 * the peers' latency ({@link CallModel#external}, deadline and retries included) through a {@link CallModel.Link}
 * holding what the call faults between the two pods do to it, and what a network fault without target on the answering
 * member does to every packet it sends (its delay, loss, corruption); a member that is not serving refuses at once, one
 * whose traffic is black-holed (a failed node, a deadlock, a partition without target) drops it. The round succeeds
 * when at least k members acknowledge (independent attempts: a Poisson-binomial tail) and waits until the k-th
 * expected acknowledgement, members taken fastest first; a round that cannot gather k waits for the slowest.
 * Members are the Deployment's desired replicas: one not created yet refuses. Reused: a step allocates nothing.
 */
final class PeerRound {
    // indexes into the result array: the round fails, the timeouts' share of its failures, its wait (s)
    static final int FAILED = 0, TIMEOUT_SHARE = 1, WAIT = 2;

    // per group of alike members: an attempt's chance to fail after its retries, the timeouts' share, the wait, how many
    private double[] failed = new double[8], timeoutShare = new double[8], wait = new double[8];
    private int[] count = new int[8];
    private int groups;
    private double[] tail = new double[8];
    private final double[] call = new double[6], linkScratch = new double[1];
    private final CallModel.Link link = new CallModel.Link();
    // the last link an acknowledgement was worked out for, and its outcome: members behind alike links reuse it
    private final CallModel.Link lastLink = new CallModel.Link();
    private final double[] lastCall = new double[6];
    private ExternalCall lastAck;
    private boolean lastNull;
    // the members' states of one Service at one step, and per call fault (row) and pod (column) the sides it holds the pod on
    private static final int SELECTED = 1, TARGET = 2;
    private Member[] states = new Member[8];
    private byte[] sides = new byte[16];
    private ServiceState statesOf;
    private long statesAt;

    /** A member's state as its peers see it. */
    private enum Member { UP, DROPS, REFUSES }

    /** The round of a pod that is up and that no call fault touches; members differ only by their state. */
    void untouched(ServiceState s, long t, double[] out) {
        DeploymentState d = s.deployment;
        int owned = 0, up = 0, drops = 0, wired = 0;
        for (PodState p : d.pods) {
            if (!p.owned()) continue;
            owned++;
            switch (state(p, t)) {
                case UP -> { if (onTheWire(p)) wired++; else up++; }
                case DROPS -> drops++;
                case REFUSES -> { }
            }
        }
        // seen from an up member: the others are the members but itself (one whose answers a network fault holds, when
        // every up member's are: the plan is shared, and such a member's own requests to its peers cross its fault too)
        int others = Math.max(0, owned - 1), upOthers = Math.max(0, up + wired - 1);
        int members = Math.max(others, d.replicas - 1);
        groups = 0;
        ExternalCall ack = s.peerAck;
        add(ack, null, Math.max(0, up - 1));
        boolean skipOne = up == 0;
        // the members a network fault holds, each its own group: a second walk only when there are any
        for (int i = 0, n = wired == 0 ? 0 : d.pods.size(); i < n; i++) {
            PodState p = d.pods.get(i);
            if (!p.owned() || state(p, t) != Member.UP || !onTheWire(p)) continue;
            if (skipOne) {
                skipOne = false;
                continue;
            }
            link.reset();
            onTheWire(p, link);
            add(ack, link, 1);
        }
        link.reset();
        link.cut = true;
        add(ack, link, drops);
        link.reset();
        link.corrupt = 1;
        add(ack, link, members - upOthers - drops);
        finish(s.spec.peers().mode().acksNeeded(members + 1), out);
    }

    /** Whether a network fault on {@code p} (no target: every packet it sends) holds its answers to its peers. */
    private static boolean onTheWire(PodState p) {
        for (TrafficEffect e : p.effects)
            if (e instanceof TrafficEffect.Delay d && d.network() || e instanceof TrafficEffect.Errors x && x.network()) return true;
        return false;
    }

    /**
     * Folds into {@code via} what the network faults on {@code p} do to an answer it sends: netem delays, drops or corrupts
     * every packet leaving the pod, its acknowledgements to its peers as much as its answers to callers. The mean delay:
     * netem's jitter spreads it both ways.
     */
    private static boolean onTheWire(PodState p, CallModel.Link via) {
        boolean any = false;
        for (TrafficEffect e : p.effects) {
            if (e instanceof TrafficEffect.Delay d && d.network()) {
                via.offset += d.seconds();
                any = true;
            } else if (e instanceof TrafficEffect.Errors x && x.network()) {
                if (x.timeout()) via.lost = 1 - (1 - via.lost) * (1 - x.share()); else via.corrupt = 1 - (1 - via.corrupt) * (1 - x.share());
                any = true;
            }
        }
        return any;
    }

    /**
     * The round of {@code pod} under the call faults of its Service: each other member through the faults on the pair.
     * Returns whether a fault hits one of its peer calls (false: the round is the untouched one).
     */
    boolean forPod(ServiceState s, PodState pod, long t, double[] out) {
        DeploymentState d = s.deployment;
        ExternalCall ack = s.peerAck;
        double rate = pod.lastArrivals() * s.spec.peers().perRequest();
        boolean hit = false;
        int others = 0;
        groups = 0;
        Member[] state = states(s, t);
        int n = d.pods.size(), faults = s.callFaults.size(), self = d.pods.indexOf(pod);
        for (int i = 0; i < n; i++) {
            PodState q = d.pods.get(i);
            if (q == pod || state[i] == null) continue;
            others++;
            link.reset();
            boolean faulted = false;
            for (int j = 0; j < faults; j++) {
                // the pair is hit when one is on the fault's selected side and the other on its target side
                int mine = sides[j * n + self], theirs = sides[j * n + i];
                if ((mine & SELECTED) != 0 && (theirs & TARGET) != 0 || (mine & TARGET) != 0 && (theirs & SELECTED) != 0) {
                    faulted = true;
                    s.callFaults.get(j).addTo(link, rate, linkScratch);
                }
            }
            switch (state[i]) {
                case UP -> faulted |= onTheWire(q, link);
                case DROPS -> link.cut = true;
                case REFUSES -> link.corrupt = 1;
            }
            hit |= faulted;
            add(ack, link, 1);
        }
        int members = Math.max(others, d.replicas - 1);
        link.reset();
        link.corrupt = 1;
        add(ack, link, members - others);
        finish(s.spec.peers().mode().acksNeeded(members + 1), out);
        return hit;
    }

    /**
     * Each pod's state as its peers see it at {@code t}, in the Deployment's pod order (null: not a member, not owned);
     * worked out once per Service and step, as every pod a call fault holds reads it.
     */
    private Member[] states(ServiceState s, long t) {
        if (statesOf == s && statesAt == t) return states;
        var pods = s.deployment.pods;
        int n = pods.size(), faults = s.callFaults.size();
        if (states.length < n) states = new Member[n * 2];
        if (sides.length < n * faults) sides = new byte[n * faults * 2];
        for (int i = 0; i < n; i++) {
            PodState p = pods.get(i);
            states[i] = p.owned() ? state(p, t) : null;
            for (int j = 0; j < faults; j++) {
                CallFault f = s.callFaults.get(j);
                sides[j * n + i] = (byte) ((f.selected.contains(p) ? SELECTED : 0) | (f.peers.contains(p) ? TARGET : 0));
            }
        }
        statesOf = s;
        statesAt = t;
        return states;
    }

    private static Member state(PodState p, long t) {
        for (TrafficEffect e : p.effects) if (e instanceof TrafficEffect.BlackHole) return Member.DROPS;
        return p.ready() && p.serving(t) ? Member.UP : Member.REFUSES;
    }

    /** {@code n} members whose acknowledgement crosses {@code link} (null: nothing on the way); alike members share a group. */
    private void add(ExternalCall ack, CallModel.Link via, int n) {
        if (n <= 0) return;
        outcome(ack, via);
        for (int g = 0; g < groups; g++)
            if (failed[g] == call[CallModel.FAILED] && timeoutShare[g] == call[CallModel.TIMEOUT_SHARE] && wait[g] == call[CallModel.WAIT]) {
                count[g] += n;
                return;
            }
        if (groups == failed.length) {
            failed = java.util.Arrays.copyOf(failed, groups * 2);
            timeoutShare = java.util.Arrays.copyOf(timeoutShare, groups * 2);
            wait = java.util.Arrays.copyOf(wait, groups * 2);
            count = java.util.Arrays.copyOf(count, groups * 2);
        }
        failed[groups] = call[CallModel.FAILED];
        timeoutShare[groups] = call[CallModel.TIMEOUT_SHARE];
        wait[groups] = call[CallModel.WAIT];
        count[groups] = n;
        groups++;
    }

    /** The round over the groups gathered: the chance it fails (fewer than {@code k} acknowledgements), its timeouts' share, its wait. */
    private void finish(int k, double[] out) {
        if (k <= 0) {
            out[FAILED] = 0;
            out[TIMEOUT_SHARE] = 0;
            out[WAIT] = 0;
            return;
        }
        double failures = 0, timeouts = 0;
        // members that surely acknowledge need no sum of chances: only the uncertain ones go through the tail below
        int sure = 0;
        for (int g = 0; g < groups; g++) {
            if (failed[g] == 0) sure += count[g];
            failures += count[g] * failed[g];
            timeouts += count[g] * failed[g] * timeoutShare[g];
        }
        out[FAILED] = sure >= k ? 0 : Math.clamp(1 - atLeast(k - sure), 0, 1);
        out[TIMEOUT_SHARE] = failures > 0 ? timeouts / failures : 0;
        out[WAIT] = kthWait(k);
    }

    /** {@link CallModel#external} into {@link #call}, or the last outcome again when the call and its link are the last ones. */
    private void outcome(ExternalCall ack, CallModel.Link via) {
        if (ack == lastAck && (via == null ? lastNull : !lastNull && same(via, lastLink))) {
            System.arraycopy(lastCall, 0, call, 0, call.length);
            return;
        }
        CallModel.external(ack, via, call);
        System.arraycopy(call, 0, lastCall, 0, call.length);
        lastAck = ack;
        lastNull = via == null;
        if (via != null) {
            lastLink.offset = via.offset;
            lastLink.lost = via.lost;
            lastLink.corrupt = via.corrupt;
            lastLink.duplicate = via.duplicate;
            lastLink.cut = via.cut;
        }
    }

    private static boolean same(CallModel.Link a, CallModel.Link b) {
        return a.offset == b.offset && a.lost == b.lost && a.corrupt == b.corrupt && a.duplicate == b.duplicate && a.cut == b.cut;
    }

    /** The chance that at least {@code k} (≥ 1) of the members that may fail acknowledge (independent attempts: a Poisson-binomial tail). */
    private double atLeast(int k) {
        // tail[j]: chance of j acknowledgements so far, tail[k]: of k or more
        if (tail.length < k + 1) tail = new double[k + 1];
        java.util.Arrays.fill(tail, 0, k + 1, 0);
        tail[0] = 1;
        for (int g = 0; g < groups; g++) {
            double f = failed[g], ok = 1 - f;
            if (f == 0 || f == 1) continue;
            for (int c = 0; c < count[g]; c++) {
                tail[k] += tail[k - 1] * ok;
                for (int j = k - 1; j > 0; j--) tail[j] = tail[j] * f + tail[j - 1] * ok;
                tail[0] *= f;
            }
        }
        return tail[k];
    }

    /** The wait until the k-th expected acknowledgement, members fastest first; the slowest member's when they cannot give k. */
    private double kthWait(int k) {
        sortByWait();
        double acks = 0, slowest = 0;
        for (int g = 0; g < groups; g++) {
            acks += count[g] * (1 - failed[g]);
            slowest = wait[g];
            if (acks >= k - 1e-9) return wait[g];
        }
        return slowest;
    }

    /** Insertion sort of the groups by wait (few groups; ties keep their order, so the result is deterministic). */
    private void sortByWait() {
        for (int i = 1; i < groups; i++) {
            double f = failed[i], ts = timeoutShare[i], w = wait[i];
            int c = count[i], j = i - 1;
            while (j >= 0 && wait[j] > w) {
                failed[j + 1] = failed[j];
                timeoutShare[j + 1] = timeoutShare[j];
                wait[j + 1] = wait[j];
                count[j + 1] = count[j];
                j--;
            }
            failed[j + 1] = f;
            timeoutShare[j + 1] = ts;
            wait[j + 1] = w;
            count[j + 1] = c;
        }
    }

    /** The acknowledgement call of a Service's peers: a host answering after their latency, with their deadline and retries. */
    static ExternalCall ackOf(PeerSpec peers) {
        return peers == null ? null : new ExternalCall("peers", 1.0, peers.latency(), peers.deadline(), peers.retries(), peers.retryBackoff());
    }
}
