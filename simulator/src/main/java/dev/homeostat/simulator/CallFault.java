package dev.homeostat.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * A network or DNS fault limited to calls (README "Call faults"): the calls between the {@code selected}
 * pods and the {@code peers} pods (its target), either way along the call graph or, between pods of one Service that
 * declares peer calls, those calls (README "Peer calls"), and the selected pods' calls to hosts
 * {@code hosts} accepts (in-cluster callees by {@code <service>.<namespace>.svc.cluster.local}, external
 * hosts by the name the scenario gives them). {@code crossings} is how many crossings of each exchange
 * the fault acts on (2 for direction both). Registered on every service whose pods it holds.
 */
final class CallFault {
    /** What the fault does to an attempt it hits. */
    sealed interface Effect { }

    /** The answer comes {@code seconds} (+ {@code jitterSeconds}·N(0,1), drawn each step) later. */
    record Delay(double seconds, double jitterSeconds, SplittableRandom jitter) implements Effect { }

    /** {@code share} of the attempts are dropped (they time out) or, not {@code timeout}, fail at once. */
    record Errors(double share, boolean timeout) implements Effect { }

    /** {@code share} of the attempts arrive twice: more load on the callee, one answer. */
    record Duplicate(double share) implements Effect { }

    /** Every attempt is dropped. */
    record Cut() implements Effect { }

    /** A token bucket of {@code bytesPerSecond} with a queue of {@code limitBytes}, {@code bytesPerRequest} per attempt. */
    record Bandwidth(double bytesPerSecond, double limitBytes, double bytesPerRequest) implements Effect { }

    final Set<PodState> selected;
    final Set<PodState> peers;
    final Predicate<String> hosts;
    final int crossings;
    final Effect effect;

    CallFault(Set<PodState> selected, Set<PodState> peers, Predicate<String> hosts, int crossings, Effect effect) {
        this.selected = selected;
        this.peers = peers;
        this.hosts = hosts;
        this.crossings = crossings;
        this.effect = effect;
    }

    /** A call fault, the services it is registered on, the pods its check watches, and why it can hit nothing (null: it can). */
    record Placement(CallFault fault, List<ServiceState> services, List<PodState> watched, String noEffect) { }

    /**
     * The fault on the calls between {@code targets} and {@code peerPods} (and to the hosts {@code hosts} accepts), placed on
     * the services of both sides, watched on both sides' pods (none when no pod was selected: the check says no pod matched).
     */
    static Placement place(List<PodState> targets, List<PodState> peerPods, Predicate<String> hosts, int crossings, Effect effect, String what) {
        Set<PodState> selected = Collections.newSetFromMap(new IdentityHashMap<>());
        selected.addAll(targets);
        Set<PodState> peers = Collections.newSetFromMap(new IdentityHashMap<>());
        peers.addAll(peerPods);
        var fault = new CallFault(selected, peers, hosts, crossings, effect);
        List<PodState> watched = new ArrayList<>(targets);
        if (!targets.isEmpty()) for (PodState p : peerPods) if (!selected.contains(p)) watched.add(p);
        watched.sort(Comparator.comparing(p -> p.key));
        List<ServiceState> services = new ArrayList<>();
        for (PodState p : watched) if (p.deployment.service != null && !services.contains(p.deployment.service)) services.add(p.deployment.service);
        String noEffect = targets.isEmpty() || fault.touchesAny(services) ? null
                : "no call in the call graph between the selected pods' services and " + what
                + (fault.oneServiceWithoutPeers() ? " (pods of one service call each other only when it declares peers)" : "");
        return new Placement(fault, services, watched, noEffect);
    }

    /** An in-cluster callee's DNS name, as DNS patterns and external targets see it. */
    static String hostName(ServiceState s) {
        return s.spec.name() + "." + s.spec.namespace() + ".svc.cluster.local";
    }

    /**
     * The share of {@code pod}'s calls to {@code callee} this fault hits: a selected pod's calls to the target pods
     * (their share of the callee's ready pods), a target pod's calls to the selected ones, and, when the callee's name
     * matches, all a selected pod's calls.
     */
    double share(PodState pod, ServiceState callee) {
        double byPods = 0;
        if (!peers.isEmpty()) {
            if (selected.contains(pod)) byPods += readyShare(peers, callee.deployment);
            if (peers.contains(pod)) byPods += readyShare(selected, callee.deployment);
        }
        return Math.max(Math.min(1, byPods), share(pod, hostName(callee)));
    }

    /** The share of {@code pod}'s calls to {@code host} this fault hits: all of a selected pod's, when the host matches. */
    double share(PodState pod, String host) {
        return selected.contains(pod) && hosts.test(host) ? 1 : 0;
    }

    /** Whether the fault holds the pod, on either side. */
    boolean holds(PodState pod) {
        return selected.contains(pod) || peers.contains(pod);
    }

    /** The share of the Deployment's ready pods that are in {@code pods} (0 when none is ready). */
    private static double readyShare(Set<PodState> pods, DeploymentState d) {
        if (pods.isEmpty()) return 0;
        int ready = 0, in = 0;
        for (PodState p : d.pods) {
            if (!p.ready()) continue;
            ready++;
            if (pods.contains(p)) in++;
        }
        return ready == 0 ? 0 : (double) in / ready;
    }

    /**
     * Adds this fault's effect on one attempt to {@code link}; {@code rate} is the attempts per second
     * through the link (for a bandwidth limit), {@code scratch} a two-slot array.
     */
    void addTo(CallModel.Link link, double rate, double[] scratch) {
        switch (effect) {
            case Delay d -> {
                double s = d.jitterSeconds() <= 0 ? d.seconds() : Math.max(0, d.seconds() + d.jitterSeconds() * d.jitter().nextGaussian());
                link.offset += s * crossings;
            }
            case Errors e -> {
                double kept = Math.pow(1 - e.share(), crossings);
                if (e.timeout()) link.lost = 1 - (1 - link.lost) * kept; else link.corrupt = 1 - (1 - link.corrupt) * kept;
            }
            case Duplicate d -> link.duplicate += d.share() * crossings;
            case Cut c -> link.cut = true;
            case Bandwidth b -> {
                link.offset += TrafficModel.linkDelay(rate, b.bytesPerSecond(), b.limitBytes(), b.bytesPerRequest(), scratch);
                if (rate > 0) link.lost = 1 - (1 - link.lost) * (1 - scratch[0] / rate);
            }
        }
    }

    /** Whether any call of {@code services} (their in-cluster callees and external hosts) is one this fault can hit. */
    boolean touchesAny(List<ServiceState> services) {
        for (ServiceState s : services) {
            boolean holdsSelected = holds(selected, s), holdsPeers = holds(peers, s);
            for (ServiceState callee : s.callees)
                if (holdsSelected && (holds(peers, callee) || hosts.test(hostName(callee))) || holdsPeers && holds(selected, callee)) return true;
            if (holdsSelected) for (var e : s.spec.external()) if (hosts.test(e.host())) return true;
            if (s.peerAck != null && holdsSelected && holdsPeers && twoPods(s)) return true;
        }
        return false;
    }

    /** Whether a selected pod and a different target pod both belong to {@code s}: a peer call between them can be hit. */
    private boolean twoPods(ServiceState s) {
        for (PodState a : selected)
            if (a.deployment == s.deployment) for (PodState b : peers) if (b != a && b.deployment == s.deployment) return true;
        return false;
    }

    /** Whether a selected pod and a different target pod belong to one Service that has no peer calls declared. */
    boolean oneServiceWithoutPeers() {
        for (PodState a : selected)
            for (PodState b : peers)
                if (b != a && a.deployment == b.deployment && a.deployment.service != null && a.deployment.service.peerAck == null) return true;
        return false;
    }

    private static boolean holds(Set<PodState> pods, ServiceState s) {
        for (PodState p : pods) if (p.deployment == s.deployment) return true;
        return false;
    }
}
