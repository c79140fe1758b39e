package dev.homeostat.simulator;

import dev.homeostat.simulator.spec.ProbeSpec;

/**
 * Kubelet probe timing, computed instead of ticked: a container's probe runs at
 * {@code start + initialDelay + k * period}. Knowing when the container starts or stops serving, the
 * time its probe flips is a closed formula, so the simulator schedules one event per flip.
 */
final class Probes {
    private Probes() { }

    /** The first probe at or after {@code t} of a container started at {@code containerStart}. */
    static long tickAtOrAfter(long containerStart, ProbeSpec probe, long t) {
        long first = containerStart + probe.initialDelay().toMillis();
        if (t <= first) return first;
        long period = probe.period().toMillis();
        return first + Math.ceilDiv(t - first, period) * period;
    }

    /** When the probe reports failure if the container stops answering at {@code since}: failureThreshold misses in a row. */
    static long failsAt(long containerStart, ProbeSpec probe, long since) {
        return tickAtOrAfter(containerStart, probe, since) + (probe.failureThreshold() - 1L) * probe.period().toMillis();
    }

    /** When the probe reports success if the container answers from {@code since} on: successThreshold passes in a row. */
    static long passesAt(long containerStart, ProbeSpec probe, long since) {
        return tickAtOrAfter(containerStart, probe, since) + (probe.successThreshold() - 1L) * probe.period().toMillis();
    }
}
