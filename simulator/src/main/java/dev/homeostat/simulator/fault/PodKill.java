package dev.homeostat.simulator.fault;

import java.time.Duration;

/**
 * PodChaos pod-kill: the selected pods are deleted; their ReplicaSet replaces them. With a {@code gracePeriod} the
 * deletion is graceful, as {@code kubectl delete --grace-period}: the pod leaves its Service's endpoints at once,
 * finishes the requests it holds and keeps its node's resources until the period ends; 0 kills it at once.
 */
public record PodKill(String name, Duration start, PodSelector selector, SelectionMode mode, Duration gracePeriod) implements PodFault {
    public PodKill {
        Faults.check(name, start, Duration.ZERO, selector, mode);
        gracePeriod = gracePeriod == null ? Duration.ZERO : gracePeriod;
        if (gracePeriod.isNegative()) throw new IllegalArgumentException("gracePeriod: must be >= 0, was " + gracePeriod);
    }

    /** Killed at once (grace period 0, Chaos Mesh's default). */
    public PodKill(String name, Duration start, PodSelector selector, SelectionMode mode) {
        this(name, start, selector, mode, Duration.ZERO);
    }

    @Override public Duration duration() { return Duration.ZERO; }
    @Override public String kind() { return "PodChaos/pod-kill"; }
}
