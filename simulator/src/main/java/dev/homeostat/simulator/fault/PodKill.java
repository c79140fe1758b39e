package dev.homeostat.simulator.fault;

import java.time.Duration;

/** PodChaos pod-kill: the selected pods are deleted; their ReplicaSet replaces them. */
public record PodKill(String name, Duration start, PodSelector selector, SelectionMode mode) implements PodFault {
    public PodKill { Faults.check(name, start, Duration.ZERO, selector, mode); }
    @Override public Duration duration() { return Duration.ZERO; }
    @Override public String kind() { return "PodChaos/pod-kill"; }
}
