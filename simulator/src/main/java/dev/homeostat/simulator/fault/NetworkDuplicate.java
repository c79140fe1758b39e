package dev.homeostat.simulator.fault;

import java.time.Duration;

/**
 * NetworkChaos duplicate: {@code percent} of the selected pods' requests arrive twice: extra load, one answer.
 */
public record NetworkDuplicate(String name, Duration start, Duration duration, PodSelector selector, SelectionMode mode,
        double percent) implements PodFault {
    public NetworkDuplicate {
        Faults.check(name, start, duration, selector, mode);
        Faults.percent("duplicate", percent);
    }

    @Override public String kind() { return "NetworkChaos/duplicate"; }
}
