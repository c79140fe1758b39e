package dev.homeostat.simulator.fault;

import java.time.Duration;

/**
 * StressChaos memory stressor: {@code workers} workers each hold {@code bytesPerWorker} inside the
 * selected containers for duration, reached linearly over {@code rampUp} (memStress's {@code time}; null or
 * zero: at once). At the container's limit the kernel's OOM killer picks a victim: with a positive
 * {@code oomScoreAdj} the stressor (its stress ends, the app lives); otherwise (negative, -1000, or not
 * given) the container is OOMKilled. {@code shareOfNode} above 0 sizes each worker as that share of its node's memory
 * instead of {@code bytesPerWorker} (memStress's and stress-ng's percent sizes read the machine's memory, which a
 * container sees whole). {@code workers} 0 is stress-ng's one worker per processor of the machine: of the pod's node.
 * {@code untilAllocationFails}: stress-ng stressors that grow until an allocation fails ({@code --bigheap}, {@code --brk}
 * …): each worker grows to the container's limit, where the kernel's OOM killer takes it (stress-ng makes its workers
 * the first choice) and stress-ng starts it again, a sawtooth between the app's own memory and the limit; the
 * simulation holds its mean, half the container's headroom at the injection, and the app is never the victim.
 */
public record MemoryStress(String name, Duration start, Duration duration, PodSelector selector, SelectionMode mode,
                           int workers, long bytesPerWorker, Duration rampUp, Integer oomScoreAdj, double shareOfNode,
                           boolean untilAllocationFails) implements PodFault {
    public MemoryStress {
        Faults.check(name, start, duration, selector, mode);
        if (workers < 0) throw new IllegalArgumentException("workers: must be >= 0 (0: one per processor of the node), was " + workers);
        if (shareOfNode < 0 || shareOfNode > 1) throw new IllegalArgumentException("size: a share of the node's memory is in 0..100 %, was " + shareOfNode * 100 + " %");
        if (shareOfNode == 0 && bytesPerWorker <= 0 && !untilAllocationFails) throw new IllegalArgumentException("size: must be positive, was " + bytesPerWorker);
        if (rampUp != null && rampUp.isNegative()) throw new IllegalArgumentException("time: must be >= 0, was " + rampUp);
        if (oomScoreAdj != null && (oomScoreAdj < -1000 || oomScoreAdj > 1000))
            throw new IllegalArgumentException("oomScoreAdj: must be in -1000..1000, was " + oomScoreAdj);
    }

    /** A size in bytes or a share of the node. */
    public MemoryStress(String name, Duration start, Duration duration, PodSelector selector, SelectionMode mode,
                        int workers, long bytesPerWorker, Duration rampUp, Integer oomScoreAdj, double shareOfNode) {
        this(name, start, duration, selector, mode, workers, bytesPerWorker, rampUp, oomScoreAdj, shareOfNode, false);
    }

    /** A size in bytes. */
    public MemoryStress(String name, Duration start, Duration duration, PodSelector selector, SelectionMode mode,
                        int workers, long bytesPerWorker, Duration rampUp, Integer oomScoreAdj) {
        this(name, start, duration, selector, mode, workers, bytesPerWorker, rampUp, oomScoreAdj, 0);
    }

    /** All at once, the container the OOM victim. */
    public MemoryStress(String name, Duration start, Duration duration, PodSelector selector, SelectionMode mode, int workers, long bytesPerWorker) {
        this(name, start, duration, selector, mode, workers, bytesPerWorker, null, null);
    }

    /** The kernel kills the stressor, not the app, at the memory limit. */
    public boolean stressorIsOomVictim() { return oomScoreAdj != null && oomScoreAdj > 0; }
    @Override public String kind() { return "StressChaos/memory"; }
}
