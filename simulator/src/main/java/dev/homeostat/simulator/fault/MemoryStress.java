package dev.homeostat.simulator.fault;

import java.time.Duration;

/**
 * StressChaos memory stressor: {@code workers} workers each hold {@code bytesPerWorker} inside the
 * selected containers for duration; past the container's limit the container is OOMKilled.
 */
public record MemoryStress(String name, Duration start, Duration duration, PodSelector selector, SelectionMode mode,
                           int workers, long bytesPerWorker) implements PodFault {
    public MemoryStress {
        Faults.check(name, start, duration, selector, mode);
        if (workers < 1) throw new IllegalArgumentException("workers: must be >= 1, was " + workers);
        if (bytesPerWorker <= 0) throw new IllegalArgumentException("size: must be positive, was " + bytesPerWorker);
    }
    @Override public String kind() { return "StressChaos/memory"; }
}
