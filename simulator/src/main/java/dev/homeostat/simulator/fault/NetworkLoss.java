package dev.homeostat.simulator.fault;

import java.time.Duration;

/**
 * NetworkChaos loss: {@code percent} of the selected pods' requests lose a packet and time out (504);
 * TCP retransmission and client retries are not modelled.
 * {@code peers} non-null: only the calls between the selected pods and the target pods (and to matching
 * external hosts) are hit, on the call graph's edges ({@link Peers}).
 */
public record NetworkLoss(String name, Duration start, Duration duration, PodSelector selector, SelectionMode mode,
        double percent, Peers peers) implements PodFault {
    public NetworkLoss {
        Faults.check(name, start, duration, selector, mode);
        Faults.percent("loss", percent);
    }

    /** On all the pods' traffic (no target). */
    public NetworkLoss(String name, Duration start, Duration duration, PodSelector selector, SelectionMode mode, double percent) {
        this(name, start, duration, selector, mode, percent, null);
    }

    @Override public String kind() { return "NetworkChaos/loss"; }
}
