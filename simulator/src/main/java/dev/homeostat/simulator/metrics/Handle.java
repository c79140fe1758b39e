package dev.homeostat.simulator.metrics;

import java.util.Map;

/**
 * One series of a {@link MetricStore}, for appending one sample at a time at any time not before its last. Writers of
 * many series at one time use {@link MetricStore#at} and slots instead.
 */
public final class Handle {
    private final MetricStore store;
    final String metric;
    /** Also the series' key in its family, in label order. */
    final Labels labels;
    int slot;
    /** Appended through this handle (its slot is the store's to free), not bound to a reserved run. */
    boolean owned;
    private long lastTime = Long.MIN_VALUE;
    boolean attached = true;
    Object attachment;

    Handle(MetricStore store, String metric, Labels labels) {
        this.store = store;
        this.metric = metric;
        this.labels = labels;
    }

    public String metric() { return metric; }

    public Map<String, String> labels() { return labels; }

    /** What the store's reader keeps about this series (its view of the labels, say), so it finds it without a lookup; null at first. */
    public Object attachment() { return attachment; }

    public void attach(Object attachment) {
        this.attachment = attachment;
        store.forgetView(metric);
    }

    /** Samples held (with retention, only those in the window). */
    public int size() { return slot < 0 ? 0 : store.blocks().count(slot); }

    boolean holdsSamples() { return store.blocks().holds(slot); }

    public void add(long timeMillis, double value) {
        if (timeMillis < lastTime)
            throw new IllegalArgumentException("timeMillis: samples of " + metric + labels + " must not go back in time, "
                    + timeMillis + " < " + lastTime);
        lastTime = timeMillis;
        Batch block = store.at(timeMillis);
        if (!attached) store.reattach(this);
        block.put(slot, value);
    }
}
