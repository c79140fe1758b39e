package dev.homeostat.simulator.spec;

import java.time.Duration;

/** A kubelet probe: first check after initialDelay, then every period; failureThreshold misses in a row fail it. */
public record ProbeSpec(Duration initialDelay, Duration period, Duration timeout, Integer failureThreshold, Integer successThreshold) {
    public ProbeSpec {
        initialDelay = initialDelay == null ? Duration.ZERO : initialDelay;
        period = period == null ? Duration.ofSeconds(10) : period;
        timeout = timeout == null ? Duration.ofSeconds(1) : timeout;
        failureThreshold = failureThreshold == null ? 3 : failureThreshold;
        successThreshold = successThreshold == null ? 1 : successThreshold;
        if (initialDelay.isNegative()) throw new IllegalArgumentException("initialDelay: must be >= 0, was " + initialDelay);
        if (period.toMillis() < 1000) throw new IllegalArgumentException("period: must be at least 1s, was " + period);
        if (failureThreshold < 1) throw new IllegalArgumentException("failureThreshold: must be >= 1, was " + failureThreshold);
        if (successThreshold < 1) throw new IllegalArgumentException("successThreshold: must be >= 1, was " + successThreshold);
    }

    /** From the container's start to the probe's {@code failureThreshold}-th miss when the container never answers. */
    public Duration budget() {
        return initialDelay.plus(period.multipliedBy(failureThreshold - 1L));
    }

    public static ProbeSpec liveness() { return new ProbeSpec(Duration.ofSeconds(10), null, null, null, null); }
    public static ProbeSpec readiness() { return new ProbeSpec(Duration.ofSeconds(5), Duration.ofSeconds(5), null, null, null); }
}
