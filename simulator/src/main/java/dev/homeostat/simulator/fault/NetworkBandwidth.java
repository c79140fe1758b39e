package dev.homeostat.simulator.fault;

import java.time.Duration;

/**
 * NetworkChaos bandwidth: the selected pods' traffic passes a token bucket of {@code rateBytesPerSecond}
 * with a queue of {@code limitBytes}; each request moves {@code bytesPerRequest} (a model assumption).
 * Below the rate the link adds an M/M/1 queueing delay; above it the excess is dropped (504) and the rest
 * waits a full queue ({@code limitBytes / rate}).
 * {@code peers} non-null: only the calls between the selected pods and the target pods (and to matching
 * external hosts) are hit, on the call graph's edges ({@link Peers}).
 */
public record NetworkBandwidth(String name, Duration start, Duration duration, PodSelector selector, SelectionMode mode,
        long rateBytesPerSecond, long limitBytes, long bytesPerRequest, Peers peers) implements PodFault {
    public NetworkBandwidth {
        Faults.check(name, start, duration, selector, mode);
        if (rateBytesPerSecond <= 0) throw new IllegalArgumentException("rate: must be positive bytes per second, was " + rateBytesPerSecond);
        if (limitBytes <= 0) throw new IllegalArgumentException("limit: must be positive bytes, was " + limitBytes);
        if (bytesPerRequest <= 0) throw new IllegalArgumentException("bytesPerRequest: must be positive, was " + bytesPerRequest);
    }

    /** On all the pods' traffic (no target). */
    public NetworkBandwidth(String name, Duration start, Duration duration, PodSelector selector, SelectionMode mode, long rateBytesPerSecond, long limitBytes, long bytesPerRequest) {
        this(name, start, duration, selector, mode, rateBytesPerSecond, limitBytes, bytesPerRequest, null);
    }

    @Override public String kind() { return "NetworkChaos/bandwidth"; }
}
