package dev.homeostat.simulator.fault;

import java.time.Duration;

/** PodChaos pod-failure: the selected pods' containers stop serving (not ready, liveness fails) for duration. */
public record PodFailure(String name, Duration start, Duration duration, PodSelector selector, SelectionMode mode) implements PodFault {
    public PodFailure { Faults.check(name, start, duration, selector, mode); }
    @Override public String kind() { return "PodChaos/pod-failure"; }
}
