package dev.homeostat.remediation.guard;

import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.remediation.port.NodeInfo;
import dev.homeostat.remediation.port.PodInfo;
import dev.homeostat.units.GoDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Room the cluster does not have. No scale-up of a Deployment whose last one the engine took back because no node had
 * room for its pods, until the cluster may have room it did not have then: a node that was not schedulable (lost,
 * cordoned, not yet joined) is Ready and schedulable now, or one that was has fewer pods bound to it than then (some
 * left, and freed their requests). Without it the engine scales up, the new pods wait Pending, the replicas are taken
 * back two minutes later, and the next verification — which sees no Pending pod any more — scales up again, every
 * cooldown for as long as the node is out: each round a batch of pods that never start, which the team's alerts see.
 * The view has no requests, so a pod count stands in for room, and the hold also ends after {@code hold}. And no
 * restart of a StatefulSet member while other pods wait for room ({@link #restartVeto}).
 */
public final class RoomGuard implements Guard {
    /** The longest a scale-up is held for want of room: the engine's own scale-down stabilization. */
    public static final Duration DEFAULT_HOLD = Duration.ofMinutes(30);

    /** When the scale-up was taken back, and the pods bound then to each node that was schedulable. */
    private record Short(long sinceMillis, Map<String, Integer> boundPerNode) { }

    private final long holdMillis;
    /** By Deployment ref: when its scale-up was taken back for want of room, and the nodes that took pods then. */
    private final Map<String, Short> shortOfRoom = new HashMap<>();

    public RoomGuard(Duration hold) { this.holdMillis = hold.toMillis(); }

    public RoomGuard() { this(DEFAULT_HOLD); }

    @Override public String name() { return "room"; }

    @Override
    public Optional<String> veto(ClusterAction action, GuardContext context) {
        if (action instanceof ClusterAction.RestartPod r) return restartVeto(r, context);
        if (!(action instanceof ClusterAction.ScaleDeployment s)) return Optional.empty();
        String ref = s.target().ref();
        Short was = shortOfRoom.get(ref);
        if (was == null) return Optional.empty();
        long since = context.nowMillis() - was.sinceMillis();
        if (since >= holdMillis || roomSince(was.boundPerNode(), boundPerNode(context))) {
            shortOfRoom.remove(ref);
            return Optional.empty();
        }
        return Optional.of(ref + "'s last scale-up was taken back " + GoDuration.formatCompact(Duration.ofMillis(since))
                + " ago, no node having room for its pods, and since then no node has become schedulable and no pod has left"
                + " one; held until that changes, or "
                + GoDuration.formatCompact(Duration.ofMillis(holdMillis - since)));
    }

    /**
     * A restart of a StatefulSet member deletes it, and its replacement — of its own name, created only once it is
     * gone — is a new pod the scheduler must place: while other pods wait for room, the room the member frees goes to
     * them first (they have waited longer), and the store runs a member short for as long as they hold it (fresh7's
     * clinical database, whose writes every member acknowledges, lost a crash-looping member's node to an HPA's pod and
     * failed every write for the rest of the run). A Deployment's pod is not held: its replacement is created at
     * once, and restarts of stuck pods on full clusters heal (held, fresh7's deadlocked patient index went from 785 to
     * 14,016 s). A pod on a node that is not ready holds no room anyone can use.
     */
    private static Optional<String> restartVeto(ClusterAction.RestartPod r, GuardContext context) {
        PodInfo pod = context.cluster().pod(r.target().namespace(), r.target().name()).orElse(null);
        if (pod == null || pod.unscheduled() || pod.deployment() == null) return Optional.empty();
        boolean member = context.cluster().deployment(pod.namespace(), pod.deployment()).map(DeploymentInfo::stateful).orElse(false);
        if (!member) return Optional.empty();
        boolean nodeReady = context.cluster().nodes().stream().anyMatch(n -> n.name().equals(pod.node()) && n.ready());
        if (!nodeReady) return Optional.empty();
        List<String> waiting = new ArrayList<>();
        for (PodInfo p : context.cluster().pods()) {
            if (p.unscheduled() && !p.terminating()) waiting.add(p.namespace() + "/" + p.name());
        }
        if (waiting.isEmpty()) return Optional.empty();
        return Optional.of(waiting.size() + " pod(s) wait for room (" + String.join(", ", waiting.subList(0, Math.min(3, waiting.size())))
                + (waiting.size() > 3 ? ", …" : "") + "): deleting StatefulSet member " + r.target().namespace() + "/" + r.target().name()
                + " would hand its room on " + pod.node() + " to them and leave its replacement, of its own name, waiting");
    }

    @Override
    public void onExecuted(ClusterAction action, GuardContext context) {
        // a Lift with a reason is a scale-up trimmed of the replicas no node had room for (Measures)
        if (action instanceof ClusterAction.Lift(ClusterAction.ScaleDeployment s, String why) && why != null) {
            shortOfRoom.put(s.target().ref(), new Short(context.nowMillis(), boundPerNode(context)));
        }
    }

    /** Whether a node is schedulable now that was not then, or has fewer pods bound to it than then. */
    private static boolean roomSince(Map<String, Integer> then, Map<String, Integer> now) {
        for (var node : now.entrySet()) {
            Integer before = then.get(node.getKey());
            if (before == null || node.getValue() < before) return true;
        }
        return false;
    }

    /**
     * The pods bound to each schedulable node (Ready, not cordoned), those being deleted too: the scheduler counts a
     * pod's requests against its node until the pod is gone.
     */
    private static Map<String, Integer> boundPerNode(GuardContext context) {
        Map<String, Integer> bound = new TreeMap<>();
        for (NodeInfo n : context.cluster().nodes()) if (n.ready() && !n.unschedulable()) bound.put(n.name(), 0);
        for (PodInfo p : context.cluster().pods()) {
            if (p.node() != null) bound.computeIfPresent(p.node(), (k, c) -> c + 1);
        }
        return bound;
    }
}
