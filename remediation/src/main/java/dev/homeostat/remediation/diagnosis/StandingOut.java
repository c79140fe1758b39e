package dev.homeostat.remediation.diagnosis;

import dev.homeostat.remediation.model.Anomaly;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.port.ClusterView;
import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.remediation.port.PodInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pod-local step of {@link Diagnoser}: whether the pods that stand out from a service's others are bad pods, judged
 * against peers that can tell — healthy, settled, up before the service's episode began or serving beside them for
 * {@link #LATE_PEER_MILLIS} since — and against peers coming up whose absence explains them.
 */
final class StandingOut {
    private final ClusterView cluster;
    private final Episodes episodes;
    private final PeerShift peerShift;
    /** The diagnoser's anomalies of the lookback, read as they are at each question. */
    private final Collection<Anomaly> recent;

    StandingOut(ClusterView cluster, Episodes episodes, PeerShift peerShift, Collection<Anomaly> recent) {
        this.cluster = cluster;
        this.episodes = episodes;
        this.peerShift = peerShift;
        this.recent = recent;
    }

    /**
     * The pod-local step's verdict on the pods that stand out: empty when they stand out among at least as many healthy
     * peers that did not move as a whole and no lost peers are coming back, else why they are not bad pods.
     */
    Optional<String> whyNotPodLocal(String service, List<DeploymentInfo> deployments, List<Target> standOut, long onset, long now) {
        List<PodInfo> peers = healthyPeers(deployments, standOut, episodes.start(service, Long.MAX_VALUE), now);
        boolean enough = peers.size() >= standOut.size();
        Optional<String> whole = enough ? peerShift.wholeService(peers, onset, now) : Optional.empty();
        if (whole.isPresent()) return whole.map(w -> w + "; a restart would give them the same");
        Optional<PodInfo> coming = comingUp(service, deployments, standOut, now);
        if (coming.isPresent()) return coming.map(p -> p.name() + " is coming up: they may carry its share or wait on it until it has served a while");
        return enough ? Optional.empty() : Optional.of("too few of their peers are ready and settled to tell a bad pod from a lack of capacity");
    }

    /**
     * A peer of the pods that stand out that Kubernetes is bringing up ({@link PodStartup}), or that turned Ready less
     * than {@link Diagnoser#SETTLED_MILLIS} ago, when that explains them: it started before the service's current
     * episode began (a pod brought up since — the engine's own restart or scale-up, a replacement of a pod that had a
     * fault of its own — is the response to the episode, not its cause), and in a StatefulSet any member (the members
     * of a replicated store wait on each other for writes, so while one is missing every member fails or slows, and
     * their rate windows show it for a window after it is back); in a Deployment, two or more and at least a quarter of
     * its pods coming up together (the others carried a third more load or worse and drain its backlog after: half a
     * Deployment killed at its peak leaves its survivors slower than their fresh replacements for minutes). Judged
     * again once the peers have settled.
     */
    private Optional<PodInfo> comingUp(String service, List<DeploymentInfo> deployments, List<Target> standOut, long now) {
        long episode = episodes.start(service, Long.MIN_VALUE);
        for (DeploymentInfo d : deployments) {
            List<PodInfo> pods = cluster.podsOf(d.namespace(), d.name());
            PodInfo first = null;
            int coming = 0;
            for (PodInfo p : pods) {
                if (Diagnoser.among(standOut, p) || p.startedAtMillis() > episode) continue;
                boolean justReady = p.ready() && p.readyAtMillis() >= 0 && now - p.readyAtMillis() < Diagnoser.SETTLED_MILLIS;
                if (!justReady && !PodStartup.starting(p, pods, now)) continue;
                if (first == null) first = p;
                coming++;
            }
            if (first != null && (d.stateful() || coming >= 2 && coming * LOAD_SHIFT_SHARE >= pods.size())) return Optional.of(first);
        }
        return Optional.empty();
    }

    /**
     * How long a pod started during the episode must have served beside the pods that lived through it to count as
     * their peer: two of the 1-minute rate windows the pod signals are read over, and three more minutes for the
     * survivors' queues to drain once load spreads over the new replicas (seconds to a minute at the utilizations the
     * HPA and the engine scale to). At 0 the restarts of survivors that would have recovered come back (the holdout's
     * postgres and web pods); at 3 or 5 minutes none does over the six splits, and their downtimes differ by less
     * than 1 %.
     */
    static final long LATE_PEER_MILLIS = 5 * 60_000;

    /** One pod in this many of a Deployment coming up at once: the others carried a third more load. */
    private static final int LOAD_SHIFT_SHARE = 4;

    /**
     * Peers that are ready, have run for two minutes, raised no anomaly of their own since they started (within the
     * lookback) and started before the service's current {@code episode} began or have served for
     * {@link #LATE_PEER_MILLIS} since, other than {@code standOut}: only against enough healthy peers is a pod that
     * stands out a bad pod, not the survivor of a kill serving alone, nor the last of a group that failed together and
     * whose signals, evaluated pod by pod, came due a minute apart (a replicated store losing a member fails every
     * member's writes), nor a pod that lived through the episode beside replicas added since (the HPA's, the engine's
     * own), which carry none of its backlog or memory — until those replicas have served beside it long enough for
     * a backlog to drain: a pod that still stands out then has a fault of its own (a shaped interface, a bad disk).
     */
    private List<PodInfo> healthyPeers(List<DeploymentInfo> deployments, List<Target> standOut, long episode, long now) {
        Map<String, Long> lastOfPod = new HashMap<>();
        for (Anomaly a : recent) if (a.target().kind() == Target.Kind.POD) lastOfPod.merge(a.target().ref(), a.timeMillis(), Math::max);
        List<PodInfo> peers = new ArrayList<>();
        for (DeploymentInfo d : deployments)
            for (PodInfo p : cluster.podsOf(d.namespace(), d.name())) {
                if (Diagnoser.among(standOut, p) || !p.ready() || p.startedAtMillis() < 0 || now - p.startedAtMillis() < Diagnoser.SETTLED_MILLIS
                        || p.startedAtMillis() > episode && now - p.startedAtMillis() < LATE_PEER_MILLIS) continue;
                Long last = lastOfPod.get(Diagnoser.target(p).ref());
                if (last == null || last < p.startedAtMillis()) peers.add(p);
            }
        return peers;
    }
}
