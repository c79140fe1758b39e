package dev.homeostat.simulator.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * Scraped samples by metric name, as a Prometheus TSDB would hold them. A series is a metric name
 * plus its labels; series of one metric are kept sorted by their labels, so every query answers in
 * the same order on every run.
 *
 * <p>Layout: columnar, one block ({@link Batch}) per sample time (a scrape), each block a primitive array indexed
 * by the series' <em>slot</em> and a bitmap of the slots that hold a sample. A scrape of 30,000 pods writes its samples one after the other into
 * one block instead of into 400,000 separate buffers, so it runs at memory bandwidth instead of a
 * cache miss per sample. Writers that know their series in advance {@link #reserve reserve} a run of
 * slots, {@link #bind bind} series to them on first use and write through a {@link Batch}; anyone
 * else appends through a {@link Handle}. A series has at most one sample per time: a second one at
 * the same time replaces the first, as a Prometheus TSDB keeps one.
 *
 * <p>Retention: by default every sample is kept (small scenarios, reports that chart whole runs).
 * With a retention window {@code R} (as Prometheus' {@code --storage.tsdb.retention.time}) only the
 * blocks at or after {@code latest − R} are kept, where {@code latest} is the newest sample time in
 * the store; expired blocks are reused, so a long run allocates nothing once a window is full. A
 * series with no sample left is dropped (and comes back if appended to again); the slots of a
 * released run are reused once none of them holds a sample.
 *
 * <p>Here: the series by metric and labels, retention and the reads; the blocks' ring is {@link Blocks}, slot
 * bookkeeping {@link Slots}, a family's read {@link FamilyView}.
 */
public final class MetricStore {
    /** Keep every sample (the default). */
    public static final Duration KEEP_ALL = Duration.ZERO;

    private final Map<String, Map<Labels, Handle>> families = new TreeMap<>();
    /** Per metric, its series in label order as arrays for {@link #read}; dropped whenever the family or an attachment changes. */
    private final Map<String, FamilyView> views = new HashMap<>();
    /** Per metric read with label matchers, its series by the labels asked for; kept up to date as series come and go. */
    private final Map<String, LabelIndex> indexes = new HashMap<>();
    private final PickedRead picked = new PickedRead();
    /** Retention in ms; {@code Long.MAX_VALUE} keeps all. */
    private final long retentionMillis;
    private long latest = Long.MIN_VALUE;
    /** Time at or after which the next sweep of series that fell out of the window runs. */
    private long nextSweep = Long.MIN_VALUE;
    private int seriesCount;
    private final Blocks blocks = new Blocks();
    private final Slots slots = new Slots();
    /** The blocks of the window {@link #viewFor} found last. */
    private int readLo;
    private int readHi;

    /** A store that keeps every sample. */
    public MetricStore() { this(KEEP_ALL); }

    /** A store that keeps the samples of the last {@code retention} ({@link #KEEP_ALL} or null: all of them). */
    public MetricStore(Duration retention) {
        if (retention != null && retention.isNegative())
            throw new IllegalArgumentException("retention: must be positive (or zero to keep every sample), was " + retention);
        this.retentionMillis = retention == null || retention.isZero() ? Long.MAX_VALUE : retention.toMillis();
    }

    /** The retention window ({@link #KEEP_ALL} when every sample is kept). */
    public Duration retention() { return retentionMillis == Long.MAX_VALUE ? KEEP_ALL : Duration.ofMillis(retentionMillis); }

    /** Every series of {@code metric} with its samples in [fromMillis, toMillis], sorted by labels; series without samples there are left out. */
    public List<Series> range(String metric, long fromMillis, long toMillis) {
        List<Series> out = new ArrayList<>();
        read(metric, fromMillis, toMillis, (h, attachment, times, values, n) -> out.add(new Series(metric, h.labels(), Arrays.copyOf(times, n), Arrays.copyOf(values, n))));
        return out;
    }

    /**
     * One series of a {@link #read}: its handle, its {@link Handle#attachment()} and its {@code n} samples in the
     * window, in arrays valid during the call only.
     */
    @FunctionalInterface
    public interface SeriesVisitor {
        void visit(Handle series, Object attachment, long[] times, double[] values, int n);
    }

    /**
     * A window of its own per series, inside a read's: a series whose reader sees a sample stamped {@code t} at
     * {@code t + lag} (Prometheus scraping a target at its offset) is read over [fromMillis − lag, toMillis − lag].
     * {@code lagOf} must give a series the same lag for as long as its family and attachments are unchanged (the
     * store works it out once per family view) and should be one instance across reads.
     */
    public record Lag(long fromMillis, long toMillis, ToLongFunction<Handle> lagOf) { }

    /**
     * What {@link #range} returns, without a copy per series: each series of {@code metric} with samples in
     * [fromMillis, toMillis], sorted by labels, handed to {@code visitor} in scratch arrays (a reader that keeps
     * samples copies them). A reader ticking over a 30,000-pod store allocates nothing per series.
     */
    public void read(String metric, long fromMillis, long toMillis, SeriesVisitor visitor) {
        read(metric, fromMillis, toMillis, null, visitor);
    }

    /**
     * {@link #read}, each series narrowed to its own window ({@code lag} null: none): the samples a series has in
     * [fromMillis, toMillis] and in [lag.fromMillis − its lag, lag.toMillis − its lag]. A reader that keeps only those
     * (an engine tick that wants what became visible since the last) touches a block or two per series, not the
     * whole window's.
     */
    public void read(String metric, long fromMillis, long toMillis, Lag lag, SeriesVisitor visitor) {
        FamilyView view = viewFor(metric, fromMillis, toMillis);
        if (view != null) view.read(blocks, readLo, readHi, lag, visitor);
    }

    /** The family view to read {@code metric}'s window with, its blocks in [{@link #readLo}, {@link #readHi}); null: nothing to read. */
    private FamilyView viewFor(String metric, long fromMillis, long toMillis) {
        if (fromMillis > toMillis)
            throw new IllegalArgumentException("fromMillis: must be <= toMillis, was " + fromMillis + " > " + toMillis);
        Map<Labels, Handle> family = families.get(metric);
        if (family == null) return null;
        FamilyView view = views.computeIfAbsent(metric, m -> new FamilyView(family));
        if (view.reading()) view = new FamilyView(family);
        return window(fromMillis, toMillis) ? view : null;
    }

    /**
     * Sets the blocks of [fromMillis, toMillis] as [{@link #readLo}, {@link #readHi}); whether there are any. A block
     * inserted late, before the retention window, is out of it too (until the next append expires it).
     */
    private boolean window(long fromMillis, long toMillis) {
        long from = retentionMillis == Long.MAX_VALUE || latest == Long.MIN_VALUE ? fromMillis : Math.max(fromMillis, latest - retentionMillis);
        readLo = blocks.firstAtOrAfter(from);
        readHi = toMillis == Long.MAX_VALUE ? blocks.count() : blocks.firstAtOrAfter(toMillis + 1);
        return readHi > readLo;
    }

    /** Chunks of series of a {@link #readChunks}. */
    @FunctionalInterface
    public interface ChunkVisitor {
        void visit(SeriesChunk chunk);
    }

    /**
     * {@link #read} a chunk of consecutive series at a time, for a reader that walks many series in a loop of its own:
     * the same series and samples, with the series without a sample in the window left in (count 0).
     */
    public void readChunks(String metric, long fromMillis, long toMillis, Lag lag, ChunkVisitor visitor) {
        FamilyView view = viewFor(metric, fromMillis, toMillis);
        if (view != null) view.read(blocks, readLo, readHi, lag, visitor);
    }

    /**
     * {@link #readChunks} of only the series whose labels match: per label in {@code match}, one of its values (a series
     * without the label has it as {@code ""}), in the same order, with the same samples. Found by the family's index of
     * the labels asked for (built on the first such read, kept up to date as series come and go), so a read costs its
     * matched series, not the family's.
     */
    public void readChunks(String metric, long fromMillis, long toMillis, Lag lag, Map<String, ? extends Collection<String>> match,
                           ChunkVisitor visitor) {
        if (match.isEmpty()) {
            readChunks(metric, fromMillis, toMillis, lag, visitor);
            return;
        }
        if (fromMillis > toMillis)
            throw new IllegalArgumentException("fromMillis: must be <= toMillis, was " + fromMillis + " > " + toMillis);
        Map<Labels, Handle> family = families.get(metric);
        if (family == null) return;
        Handle[] matched = indexes.computeIfAbsent(metric, m -> new LabelIndex()).matching(match, family.values());
        if (matched.length == 0 || !window(fromMillis, toMillis)) return;
        (picked.reading() ? new PickedRead() : picked).read(blocks, readLo, readHi, lag, matched, visitor);
    }

    /** The series of {@code metric} with exactly these labels, created empty on first use. Keep the handle to append cheaply. */
    public Handle series(String metric, Map<String, String> labels) {
        return find(metric, labels, -1);
    }

    /** Appends one sample; times of a series must not decrease. */
    public void add(String metric, Map<String, String> labels, long timeMillis, double value) {
        series(metric, labels).add(timeMillis, value);
    }

    /**
     * Reserves {@code length} consecutive slots for series the caller will {@link #bind} and write
     * through {@link Batch#put}; the first slot is returned. Hand them back with {@link #release}.
     */
    public int reserve(int length) { return slots.reserve(length); }

    /**
     * The series {@code metric}{@code labels} written at {@code slot} (one of a reserved run), created
     * on first use. A series already kept under another slot is an error: its samples would split.
     */
    public Handle bind(String metric, Map<String, String> labels, int slot) {
        if (slot < 0 || slot >= slots.limit()) throw new IllegalArgumentException("slot: not reserved, was " + slot);
        return find(metric, labels, slot);
    }

    /**
     * The owner of {@code [base, base + length)} writes there no more. The series stay queryable until
     * their samples expire; then they are dropped and the slots reused. Without retention nothing expires.
     */
    public void release(int base, int length) {
        if (base < 0 || length < 1 || base + length > slots.limit())
            throw new IllegalArgumentException("slots: [" + base + ", " + (base + length) + ") were not reserved");
        if (retentionMillis != Long.MAX_VALUE) slots.release(base, length);
    }

    /** The block of samples at {@code timeMillis}, created if there is none; write a scrape through it. */
    public Batch at(long timeMillis) {
        if (timeMillis > latest) advance(timeMillis);
        return blocks.at(timeMillis, slots.limit());
    }

    /** Names of the metrics that have at least one series, sorted. */
    public List<String> metricNames() { return List.copyOf(families.keySet()); }

    /** Number of series over all metrics. */
    public int seriesCount() { return seriesCount; }

    /** Samples held over all series (after retention). */
    public long sampleCount() { return blocks.sampleCount(); }

    Blocks blocks() { return blocks; }

    void forgetView(String metric) { views.remove(metric); }

    private Handle find(String metric, Map<String, String> labels, int slot) {
        if (metric == null || metric.isBlank()) throw new IllegalArgumentException("metric: a series needs a metric name");
        Map<Labels, Handle> family = families.computeIfAbsent(metric, m -> new TreeMap<>());
        Labels sorted = Labels.of(labels == null ? Map.of() : labels);
        // one walk down the family's tree, not a lookup and then an insertion: a scrape names series by the hundred thousand
        Handle created = new Handle(this, metric, sorted);
        Handle h = family.putIfAbsent(sorted, created);
        if (h == null) {
            h = created;
            slots.bind(h, slot);
            views.remove(metric);
            LabelIndex index = indexes.get(metric);
            if (index != null) index.add(h);
            seriesCount++;
        } else if (slot >= 0 && h.slot != slot) {
            throw new IllegalArgumentException("slot: series " + metric + sorted + " is kept at slot " + h.slot + ", not " + slot);
        }
        return h;
    }

    /** Advances the store's newest time: expires the blocks before the window; once per window, drops series left empty. */
    private void advance(long t) {
        latest = t;
        if (retentionMillis == Long.MAX_VALUE) return;
        blocks.expireBefore(t - retentionMillis);
        if (t < nextSweep) return;
        // a sweep per retention window: nothing per sample, and nothing per pod series
        nextSweep = t + retentionMillis;
        slots.sweep(this::drop);
    }

    /** A series with no sample left: out of its family, its slot the sweep's to reuse; it comes back when appended to again. */
    private void drop(Handle h) {
        Map<Labels, Handle> family = families.get(h.metric);
        family.remove(h.labels);
        if (family.isEmpty()) families.remove(h.metric);
        views.remove(h.metric);
        LabelIndex index = indexes.get(h.metric);
        if (index != null) index.remove(h);
        h.attached = false;
        seriesCount--;
    }

    /** Puts a series dropped by retention back when it is appended to again (a cached handle), at a new slot. */
    void reattach(Handle h) {
        families.computeIfAbsent(h.metric, m -> new TreeMap<>()).put(h.labels, h);
        views.remove(h.metric);
        LabelIndex index = indexes.get(h.metric);
        if (index != null) index.add(h);
        h.attached = true;
        slots.bind(h, -1);
        seriesCount++;
    }
}
