package dev.homeostat.simulator.fault;

import java.time.Duration;

/**
 * BlockChaos on the block device behind the selected containers' volume {@code volume}: {@code delay} makes every
 * block IO request {@code latency} slower; {@code limit} caps the device at {@code iops} operations a second. One
 * file operation per request is assumed, as for {@link IoLatency}: a delay holds the request's worker (service time
 * + latency); a limit queues the requests beyond it behind the device's queue, and fails those it cannot hold.
 */
public record BlockFault(String name, Duration start, Duration duration, PodSelector selector, SelectionMode mode,
                         Duration latency, int iops, String volume) implements PodFault {
    /** The block layer's default queue depth (nr_requests): requests beyond it wait outside, as timeouts here. */
    public static final int QUEUE_DEPTH = 128;

    public BlockFault {
        Faults.check(name, start, duration, selector, mode);
        latency = latency == null ? Duration.ZERO : latency;
        if (latency.isNegative()) throw new IllegalArgumentException("latency: must be >= 0, was " + latency);
        if (iops < 0) throw new IllegalArgumentException("iops: must be >= 0, was " + iops);
        if (latency.isZero() == (iops == 0)) throw new IllegalArgumentException("a block fault is a delay (latency) or a limit (iops), one of them");
    }

    @Override public String kind() { return iops > 0 ? "BlockChaos/limit" : "BlockChaos/delay"; }
}
