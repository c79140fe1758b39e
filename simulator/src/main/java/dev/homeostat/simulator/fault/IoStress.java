package dev.homeostat.simulator.fault;

import java.time.Duration;

/**
 * StressChaos disk stressors (stress-ng {@code --hdd N}, {@code --io N}) in the selected containers: the workers keep the
 * pod's disk busy, so each request's file operation (one per request, as {@link IoLatency} assumes) queues behind one
 * operation of every worker: {@value #HDD_MS_PER_WORKER} ms per hdd worker (a 64 KiB write, stress-ng's default block,
 * on a network block volume) and {@value #IO_MS_PER_WORKER} ms per io worker (a {@code sync()} flushing the page cache).
 * Those costs are assumptions, not measurements; the effect is {@link #addedDelay()} on every request, holding its
 * worker (service time + delay), as a 100 % IOChaos latency.
 */
public record IoStress(String name, Duration start, Duration duration, PodSelector selector, SelectionMode mode,
                       int hddWorkers, int ioWorkers) implements PodFault {
    public static final int HDD_MS_PER_WORKER = 2, IO_MS_PER_WORKER = 1;

    public IoStress {
        Faults.check(name, start, duration, selector, mode);
        if (hddWorkers < 0 || ioWorkers < 0 || hddWorkers + ioWorkers == 0)
            throw new IllegalArgumentException("hddWorkers, ioWorkers: at least one worker and none negative, were " + hddWorkers + ", " + ioWorkers);
    }

    /** How much longer each request's file operation waits. */
    public Duration addedDelay() { return Duration.ofMillis((long) hddWorkers * HDD_MS_PER_WORKER + (long) ioWorkers * IO_MS_PER_WORKER); }

    @Override public String kind() { return "StressChaos/io"; }
}
