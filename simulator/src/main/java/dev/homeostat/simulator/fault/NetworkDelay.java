package dev.homeostat.simulator.fault;

import java.time.Duration;

/**
 * NetworkChaos delay: requests served by the selected pods take {@code latency} longer, plus a random
 * {@code jitter} drawn every traffic step (netem's {@code correlation} is kept for the record: it links
 * consecutive packets, which the fluid model never sees one by one).
 */
public record NetworkDelay(String name, Duration start, Duration duration, PodSelector selector, SelectionMode mode,
        Duration latency, Duration jitter, double correlation) implements PodFault {
    public NetworkDelay {
        Faults.check(name, start, duration, selector, mode);
        if (latency == null || latency.isNegative()) throw new IllegalArgumentException("latency: must be >= 0, was " + latency);
        jitter = jitter == null ? Duration.ZERO : jitter;
        if (jitter.isNegative()) throw new IllegalArgumentException("jitter: must be >= 0, was " + jitter);
        Faults.percent("correlation", correlation);
    }

    @Override public String kind() { return "NetworkChaos/delay"; }
}
