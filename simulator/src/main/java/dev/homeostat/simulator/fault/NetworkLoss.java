package dev.homeostat.simulator.fault;

import java.time.Duration;

/**
 * NetworkChaos loss: {@code percent} of the selected pods' requests lose a packet and time out (504);
 * TCP retransmission and client retries are not modelled.
 */
public record NetworkLoss(String name, Duration start, Duration duration, PodSelector selector, SelectionMode mode,
        double percent) implements PodFault {
    public NetworkLoss {
        Faults.check(name, start, duration, selector, mode);
        Faults.percent("loss", percent);
    }

    @Override public String kind() { return "NetworkChaos/loss"; }
}
