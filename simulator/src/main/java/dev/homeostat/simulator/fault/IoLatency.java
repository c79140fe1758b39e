package dev.homeostat.simulator.fault;

import java.time.Duration;

/**
 * IOChaos latency: {@code percent} of the file operations under {@code volumePath} take {@code delay} longer;
 * one file operation per request is assumed, so the service time grows by delay × percent / 100
 * (a request holds its worker while it waits).
 */
public record IoLatency(String name, Duration start, Duration duration, PodSelector selector, SelectionMode mode,
        Duration delay, int percent, String volumePath) implements PodFault {
    public IoLatency {
        Faults.check(name, start, duration, selector, mode);
        if (delay == null || delay.isZero() || delay.isNegative()) throw new IllegalArgumentException("delay: must be positive, was " + delay);
        Faults.percent("percent", percent);
    }

    @Override public String kind() { return "IOChaos/latency"; }
}
