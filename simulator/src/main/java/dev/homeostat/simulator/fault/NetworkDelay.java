package dev.homeostat.simulator.fault;

import java.time.Duration;

/**
 * NetworkChaos delay: requests served by the selected pods take {@code latency} longer, plus a random
 * {@code jitter} drawn every traffic step (netem's {@code correlation} is kept for the record: it links
 * consecutive packets, which the fluid model never sees one by one).
 * {@code peers} non-null: only the calls between the selected pods and the target pods (and to matching
 * external hosts) are hit, on the call graph's edges ({@link Peers}).
 */
public record NetworkDelay(String name, Duration start, Duration duration, PodSelector selector, SelectionMode mode,
        Duration latency, Duration jitter, double correlation, Peers peers) implements PodFault {
    public NetworkDelay {
        Faults.check(name, start, duration, selector, mode);
        if (latency == null || latency.isNegative()) throw new IllegalArgumentException("latency: must be >= 0, was " + latency);
        jitter = jitter == null ? Duration.ZERO : jitter;
        if (jitter.isNegative()) throw new IllegalArgumentException("jitter: must be >= 0, was " + jitter);
        Faults.percent("correlation", correlation);
    }

    /** On all the pods' traffic (no target). */
    public NetworkDelay(String name, Duration start, Duration duration, PodSelector selector, SelectionMode mode, Duration latency, Duration jitter, double correlation) {
        this(name, start, duration, selector, mode, latency, jitter, correlation, null);
    }

    @Override public String kind() { return "NetworkChaos/delay"; }
}
