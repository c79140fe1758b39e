package dev.homeostat.remediation.port;

import java.util.List;
import java.util.Map;

/**
 * Windows of samples per series. In simulation the simulator's metric store; live, Prometheus'
 * {@code query_range} with the query configured for the metric.
 */
@FunctionalInterface
public interface MetricsSource {
    /** Every series of {@code metric} with its samples in [fromMillis, toMillis]. */
    List<MetricSeries> range(String metric, long fromMillis, long toMillis);

    /**
     * What {@link #range} returns, one series at a time, for a reader that ticks over many series: {@code sink} gets
     * each series in {@link #range}'s order.
     *
     * <p>The engine's signals read incrementally: each tick asks for [last tick, now] only (the lookback on its first
     * tick), and they keep what they need of older samples themselves, in their detectors; a sample handed twice (at
     * the window's start) is skipped by its time. So a source must hand every sample of the window and none outside
     * it (whether a series sent anything decides whether the engine still counts it as there); how it finds them is
     * its own: the simulator's store reads a block or two per series, Prometheus' adapter a {@code query_range} over
     * the window.
     *
     * <p>A source that numbers its series ({@link SeriesSink#accept}'s {@code id}) lets the reader find what it keeps
     * per series in an array instead of hashing the labels every tick, and one that reuses its sample arrays spares a
     * copy per series. The default numbers none and copies nothing.
     */
    default void read(String metric, long fromMillis, long toMillis, SeriesSink sink) {
        for (MetricSeries s : range(metric, fromMillis, toMillis)) sink.accept(SeriesSink.NO_ID, s.labels(), s.times(), s.values(), s.times().length);
    }

    /**
     * What {@link #read} hands of the series that {@code match} matches, in the same order: a reader that judges a few
     * series of a family (the diagnosis: one service's pods of a 30,000-pod cluster) reads those, not the family. The
     * default reads the family and filters it; the simulator's store finds the matched series by an index of the
     * family's labels, Prometheus' adapter sends the matchers in the query's selector.
     */
    default void read(String metric, long fromMillis, long toMillis, LabelMatch match, SeriesSink sink) {
        read(metric, fromMillis, toMillis, (id, labels, times, values, n) -> {
            if (match.matches(labels)) sink.accept(id, labels, times, values, n);
        });
    }

    /**
     * What {@link #read} hands, many series at a time: {@code sink} gets the series in {@link #read}'s order, in
     * batches of up to about {@link SeriesBatch#SERIES} (a batch and its arrays are valid during the call only). A
     * reader that judges every series of a tick walks each batch in one loop over arrays, with no call per series.
     * The default batches {@link #read}'s series; a source that reads its own storage in chunks (the simulator's
     * store) fills the batch directly. Both forms hand the same series and samples.
     */
    default void readBatches(String metric, long fromMillis, long toMillis, BatchSink sink) {
        SeriesBatch batch = new SeriesBatch();
        read(metric, fromMillis, toMillis, (id, labels, times, values, n) -> {
            batch.add(id, labels, times, values, n);
            if (batch.full()) {
                sink.accept(batch);
                batch.clear();
            }
        });
        if (batch.size() > 0) sink.accept(batch);
    }

    /** Batches of a {@link #readBatches}. */
    @FunctionalInterface
    interface BatchSink {
        void accept(SeriesBatch batch);
    }

    /** One series of a {@link #read}. */
    @FunctionalInterface
    interface SeriesSink {
        /** The {@code id} of a series its source does not number. */
        int NO_ID = -1;

        /**
         * {@code id}: the source's number for this series, the same on every read for as long as the series lasts and
         * never another series' (small, dense from 0, per metric), or {@link #NO_ID}; {@code labels}: as in
         * {@link MetricSeries}, one instance per series while it lasts; {@code times}/{@code values}: its first {@code n}
         * entries are the samples, valid during the call only.
         */
        void accept(int id, Map<String, String> labels, long[] times, double[] values, int n);
    }
}
