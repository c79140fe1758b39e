package dev.homeostat.simulator.fault;

import java.time.Duration;

/**
 * TimeChaos: the selected containers' clock is off by {@code offset}. Modelled effect: requests carry
 * time-checked credentials (tokens, TLS), which fail when |offset| exceeds {@code tolerance}; then every
 * request of those pods errors (500). A smaller skew has no effect the simulator measures, nor has one that leaves the
 * wall clock right ({@code wallClock} false: Chaos Mesh's {@code clockIds} name only monotonic or CPU-time clocks, which
 * no credential is checked against).
 */
public record ClockSkew(String name, Duration start, Duration duration, PodSelector selector, SelectionMode mode,
        Duration offset, Duration tolerance, boolean wallClock) implements PodFault {
    public ClockSkew {
        Faults.check(name, start, duration, selector, mode);
        if (offset == null) throw new IllegalArgumentException("timeOffset: required");
        if (tolerance == null || tolerance.isNegative()) throw new IllegalArgumentException("tolerance: must be >= 0, was " + tolerance);
    }

    /** A skew of the wall clock. */
    public ClockSkew(String name, Duration start, Duration duration, PodSelector selector, SelectionMode mode, Duration offset, Duration tolerance) {
        this(name, start, duration, selector, mode, offset, tolerance, true);
    }

    @Override public String kind() { return "TimeChaos/clock-skew"; }
}
