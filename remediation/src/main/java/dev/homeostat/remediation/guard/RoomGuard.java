package dev.homeostat.remediation.guard;

import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.port.NodeInfo;
import dev.homeostat.remediation.port.PodInfo;
import dev.homeostat.units.GoDuration;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * No scale-up of a Deployment whose last one the engine took back because no node had room for its pods, until the
 * cluster may have room it did not have then: a node that was not schedulable (lost, cordoned, not yet joined) is Ready
 * and schedulable now, or one that was has fewer pods bound to it than then (some left, and freed their requests). Without it the engine scales up, the new pods wait Pending, the replicas are taken back two minutes
 * later, and the next verification — which sees no Pending pod any more — scales up again, every cooldown for as long
 * as the node is out: each round a batch of pods that never start, which the team's alerts see. The view has no
 * requests, so a pod count stands in for room, and the hold also ends after {@code hold}.
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
