package dev.homeostat.simulator.fault;

import java.time.Duration;

/**
 * NetworkChaos duplicate: {@code percent} of the selected pods' requests arrive twice: extra load, one answer.
 * {@code peers} non-null: only the calls between the selected pods and the target pods (and to matching
 * external hosts) are hit, on the call graph's edges ({@link Peers}).
 */
public record NetworkDuplicate(String name, Duration start, Duration duration, PodSelector selector, SelectionMode mode,
        double percent, Peers peers) implements PodFault {
    public NetworkDuplicate {
        Faults.check(name, start, duration, selector, mode);
        Faults.percent("duplicate", percent);
    }

    /** On all the pods' traffic (no target). */
    public NetworkDuplicate(String name, Duration start, Duration duration, PodSelector selector, SelectionMode mode, double percent) {
        this(name, start, duration, selector, mode, percent, null);
    }

    @Override public String kind() { return "NetworkChaos/duplicate"; }
}
