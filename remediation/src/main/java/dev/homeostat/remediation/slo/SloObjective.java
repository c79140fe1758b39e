package dev.homeostat.remediation.slo;

import java.util.Objects;

/**
 * One objective of one service: {@code availability} (the share of requests answered without a 5xx) or
 * {@code latency} (the share of requests answered within {@code latencyThresholdSeconds}), at {@code target}
 * (e.g. 0.99). Its error budget is {@code 1 − target}.
 */
public record SloObjective(String namespace, String service, Kind kind, double target, Double latencyThresholdSeconds) {
    public enum Kind { AVAILABILITY, LATENCY }

    public SloObjective {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(kind, "kind");
        if (!(target > 0 && target < 1))
            throw new IllegalArgumentException("target of " + kind + " SLO for " + service + ": in (0, 1), got " + target);
        if ((kind == Kind.LATENCY) != (latencyThresholdSeconds != null))
            throw new IllegalArgumentException("latencyThresholdSeconds: set exactly for a latency objective");
        if (latencyThresholdSeconds != null && !(latencyThresholdSeconds > 0))
            throw new IllegalArgumentException("latencyThresholdSeconds: must be positive, got " + latencyThresholdSeconds);
    }

    public static SloObjective availability(String namespace, String service, double target) {
        return new SloObjective(namespace, service, Kind.AVAILABILITY, target, null);
    }

    public static SloObjective latency(String namespace, String service, double target, double thresholdSeconds) {
        return new SloObjective(namespace, service, Kind.LATENCY, target, thresholdSeconds);
    }

    /** 1 − target, in decimal (0.995 gives 0.005, not 0.0050000000000000044), as the rules print it. */
    public double budget() { return java.math.BigDecimal.ONE.subtract(java.math.BigDecimal.valueOf(target)).doubleValue(); }

    /** {@code availability} or {@code latency}: the {@code slo} label of its alerts. */
    public String label() { return kind.name().toLowerCase(java.util.Locale.ROOT); }
}
