package dev.homeostat.simulator.fault;

import java.util.List;

/**
 * The traffic a NetworkChaos with {@code target} or {@code externalTargets} limits itself to: the calls
 * between the selected pods and the {@code target} pods (selected by {@code targetMode}), either way
 * along the call graph, and the calls of the selected pods to hosts matching {@code externalTargets}
 * (an IPv4 address, a CIDR or a host name, see {@link HostPattern#matchesTarget}). {@code target} null:
 * external targets only.
 */
public record Peers(PodSelector target, SelectionMode targetMode, Direction direction, List<String> externalTargets) {
    public Peers {
        if (direction == null) throw new IllegalArgumentException("direction: required (to, from, both)");
        externalTargets = externalTargets == null ? List.of() : List.copyOf(externalTargets);
        if (target == null && externalTargets.isEmpty())
            throw new IllegalArgumentException("target: a peer limit needs target pods or external targets");
        if (target != null && targetMode == null) throw new IllegalArgumentException("target.mode: required");
    }

    /** Target pods only. */
    public static Peers pods(PodSelector target, SelectionMode targetMode, Direction direction) {
        return new Peers(target, targetMode, direction, List.of());
    }

    /** Whether a call to {@code host} is one of the external targets'. */
    public boolean external(String host) {
        for (String t : externalTargets) if (HostPattern.matchesTarget(t, host)) return true;
        return false;
    }
}
