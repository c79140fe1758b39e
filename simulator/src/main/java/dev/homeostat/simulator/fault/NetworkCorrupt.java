package dev.homeostat.simulator.fault;

import java.time.Duration;

/**
 * NetworkChaos corrupt: {@code percent} of the selected pods' requests are corrupted and answered with an error (500).
 * {@code peers} non-null: only the calls between the selected pods and the target pods (and to matching
 * external hosts) are hit, on the call graph's edges ({@link Peers}).
 */
public record NetworkCorrupt(String name, Duration start, Duration duration, PodSelector selector, SelectionMode mode,
        double percent, Peers peers) implements PodFault {
    public NetworkCorrupt {
        Faults.check(name, start, duration, selector, mode);
        Faults.percent("corrupt", percent);
    }

    /** On all the pods' traffic (no target). */
    public NetworkCorrupt(String name, Duration start, Duration duration, PodSelector selector, SelectionMode mode, double percent) {
        this(name, start, duration, selector, mode, percent, null);
    }

    @Override public String kind() { return "NetworkChaos/corrupt"; }
}
