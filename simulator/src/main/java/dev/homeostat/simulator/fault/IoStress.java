package dev.homeostat.simulator.fault;

import java.time.Duration;

/**
 * StressChaos disk stressors (stress-ng {@code --hdd N}, {@code --io N}) in the selected containers: the workers keep the
 * pod's disk busy, so each request's file operation (one per request, as {@link IoLatency} assumes) queues behind one
 * operation of every worker: {@value #HDD_MS_PER_WORKER} ms per hdd worker (a 64 KiB write, stress-ng's default block,
 * on a network block volume) and {@value #IO_MS_PER_WORKER} ms per io worker (a {@code sync()} flushing the page cache).
 * Those costs are assumptions, not measurements; the effect is {@link #addedDelay()} on every request, holding its
 * worker (service time + delay), as a 100 % IOChaos latency. {@code hddPerProcessor} / {@code ioPerProcessor} are
 * stress-ng's {@code --hdd 0} / {@code --io 0}: one worker per processor of the machine, read from each pod's node
 * (their worker counts are then ignored).
 */
public record IoStress(String name, Duration start, Duration duration, PodSelector selector, SelectionMode mode,
                       int hddWorkers, int ioWorkers, boolean hddPerProcessor, boolean ioPerProcessor) implements PodFault {
    public static final int HDD_MS_PER_WORKER = 2, IO_MS_PER_WORKER = 1;

    public IoStress {
        Faults.check(name, start, duration, selector, mode);
        if (hddWorkers < 0 || ioWorkers < 0 || hddWorkers + ioWorkers == 0 && !hddPerProcessor && !ioPerProcessor)
            throw new IllegalArgumentException("hddWorkers, ioWorkers: at least one worker and none negative, were " + hddWorkers + ", " + ioWorkers);
    }

    /** Fixed numbers of workers. */
    public IoStress(String name, Duration start, Duration duration, PodSelector selector, SelectionMode mode, int hddWorkers, int ioWorkers) {
        this(name, start, duration, selector, mode, hddWorkers, ioWorkers, false, false);
    }

    /** Whether the delay depends on the pod's node ({@code --hdd 0} or {@code --io 0}). */
    public boolean perProcessor() { return hddPerProcessor || ioPerProcessor; }

    /** How much longer each request's file operation waits. */
    public Duration addedDelay() { return addedDelay(0); }

    /** How much longer each request's file operation waits on a node of {@code processors} processors. */
    public Duration addedDelay(int processors) {
        long hdd = hddPerProcessor ? processors : hddWorkers, io = ioPerProcessor ? processors : ioWorkers;
        return Duration.ofMillis(hdd * HDD_MS_PER_WORKER + io * IO_MS_PER_WORKER);
    }

    @Override public String kind() { return "StressChaos/io"; }
}
