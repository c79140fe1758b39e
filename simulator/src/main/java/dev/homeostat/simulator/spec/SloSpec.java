package dev.homeostat.simulator.spec;

import java.time.Duration;

/**
 * A service's SLO, judged continuously over a sliding window: the share of successful requests
 * must stay at or above {@code availability}, and the 99th-percentile latency at or below {@code latencyP99}.
 */
public record SloSpec(Double availability, Duration latencyP99, Duration window) {
    public SloSpec {
        availability = availability == null ? 0.99 : availability;
        latencyP99 = latencyP99 == null ? Duration.ofMillis(500) : latencyP99;
        window = window == null ? Duration.ofSeconds(60) : window;
        if (availability <= 0 || availability > 1) throw new IllegalArgumentException("availability: must be in (0, 1], was " + availability);
        if (latencyP99.isNegative() || latencyP99.isZero()) throw new IllegalArgumentException("latencyP99: must be positive, was " + latencyP99);
        if (window.toMillis() < 1000) throw new IllegalArgumentException("window: must be at least 1s, was " + window);
    }

    public static SloSpec defaults() { return new SloSpec(null, null, null); }
}
