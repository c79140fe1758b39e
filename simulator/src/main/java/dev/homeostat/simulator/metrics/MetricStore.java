package dev.homeostat.simulator.metrics;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Scraped samples by metric name, as a Prometheus TSDB would hold them. A series is a metric name
 * plus its labels; series of one metric are kept sorted by their labels, so every query answers in
 * the same order on every run.
 *
 * <p>Layout: columnar, one block per sample time (a scrape), each block a primitive array indexed
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
 * <p>Longer than a file should be, on purpose: the blocks, the slot runs and the two views that write and read
 * them ({@link Batch}, {@link Handle}, the family arrays of {@link #read}) share private arrays on the hot path of
 * every scrape and every engine tick; split into classes they would need those arrays exposed.
 */
public final class MetricStore {
    /** Keep every sample (the default). */
    public static final Duration KEEP_ALL = Duration.ZERO;

    private final Map<String, Map<String, Handle>> families = new TreeMap<>();
    /** Per metric, its series in label order as arrays for {@link #read}; dropped whenever the family or an attachment changes. */
    private final Map<String, FamilyView> views = new HashMap<>();
    /** Retention in ms; {@code Long.MAX_VALUE} keeps all. */
    private final long retentionMillis;
    private long latest = Long.MIN_VALUE;
    /** Time at or after which the next sweep of series that fell out of the window runs. */
    private long nextSweep = Long.MIN_VALUE;
    private int seriesCount;

    // blocks in time order: a ring of capacity a power of two
    private Batch[] blocks = new Batch[16];
    private int blockHead;
    private int blockCount;
    /** Expired blocks, cleared and handed out again. */
    private final ArrayDeque<Batch> pool = new ArrayDeque<>();

    // slots: one past the highest ever reserved; who is bound to each; runs given back
    private int slotLimit;
    private Handle[] slotHandle = new Handle[64];
    /** Runs released by their owner, not yet reusable: {base, length}. */
    private final List<int[]> released = new ArrayList<>();
    /** Attached series appended through their handles (not bound to a reserved run), in creation order. */
    private final List<Handle> owned = new ArrayList<>();
    /** Reusable runs by length. */
    private final Map<Integer, ArrayDeque<Integer>> free = new HashMap<>();

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
        read(metric, fromMillis, toMillis, (h, attachment, times, values, n) -> out.add(new Series(metric, h.labels, Arrays.copyOf(times, n), Arrays.copyOf(values, n))));
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
     * What {@link #range} returns, without a copy per series: each series of {@code metric} with samples in
     * [fromMillis, toMillis], sorted by labels, handed to {@code visitor} in scratch arrays (a reader that keeps
     * samples copies them). A reader ticking over a 30,000-pod store allocates nothing per series.
     */
    public void read(String metric, long fromMillis, long toMillis, SeriesVisitor visitor) {
        if (fromMillis > toMillis)
            throw new IllegalArgumentException("fromMillis: must be <= toMillis, was " + fromMillis + " > " + toMillis);
        Map<String, Handle> family = families.get(metric);
        if (family == null) return;
        FamilyView view = views.computeIfAbsent(metric, m -> new FamilyView(family));
        // a block inserted late, before the window, is out of it too (until the next append expires it)
        long from = retentionMillis == Long.MAX_VALUE || latest == Long.MIN_VALUE ? fromMillis : Math.max(fromMillis, latest - retentionMillis);
        int lo = firstBlockAtOrAfter(from);
        int hi = toMillis == Long.MAX_VALUE ? blockCount : firstBlockAtOrAfter(toMillis + 1);
        if (hi <= lo) return;
        Batch[] window = new Batch[hi - lo];
        for (int b = lo; b < hi; b++) window[b - lo] = block(b);
        long[] times = new long[hi - lo];
        double[] values = new double[hi - lo];
        int[] slots = view.slots;
        for (int i = 0; i < slots.length; i++) {
            int slot = slots[i], n = 0;
            for (Batch block : window) {
                if (!block.has(slot)) continue;
                times[n] = block.time;
                values[n++] = block.values[slot];
            }
            if (n > 0) visitor.visit(view.handles[i], view.attachments[i], times, values, n);
        }
    }

    /** A family's series in label order, their slots and attachments side by side: a read walks arrays, not a tree. */
    private static final class FamilyView {
        final Handle[] handles;
        final int[] slots;
        final Object[] attachments;

        FamilyView(Map<String, Handle> family) {
            handles = family.values().toArray(Handle[]::new);
            slots = new int[handles.length];
            attachments = new Object[handles.length];
            for (int i = 0; i < handles.length; i++) {
                slots[i] = handles[i].slot;
                attachments[i] = handles[i].attachment;
            }
        }
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
    public int reserve(int length) {
        if (length < 1) throw new IllegalArgumentException("length: must be >= 1, was " + length);
        ArrayDeque<Integer> runs = free.get(length);
        if (runs != null && !runs.isEmpty()) return runs.poll();
        int base = slotLimit;
        slotLimit += length;
        if (slotLimit > slotHandle.length) slotHandle = Arrays.copyOf(slotHandle, Math.max(slotLimit, slotHandle.length * 2));
        return base;
    }

    /**
     * The series {@code metric}{@code labels} written at {@code slot} (one of a reserved run), created
     * on first use. A series already kept under another slot is an error: its samples would split.
     */
    public Handle bind(String metric, Map<String, String> labels, int slot) {
        if (slot < 0 || slot >= slotLimit) throw new IllegalArgumentException("slot: not reserved, was " + slot);
        return find(metric, labels, slot);
    }

    /**
     * The owner of {@code [base, base + length)} writes there no more. The series stay queryable until
     * their samples expire; then they are dropped and the slots reused. Without retention nothing expires.
     */
    public void release(int base, int length) {
        if (base < 0 || length < 1 || base + length > slotLimit)
            throw new IllegalArgumentException("slots: [" + base + ", " + (base + length) + ") were not reserved");
        if (retentionMillis != Long.MAX_VALUE) released.add(new int[] {base, length});
    }

    /** The block of samples at {@code timeMillis}, created if there is none; write a scrape through it. */
    public Batch at(long timeMillis) {
        if (timeMillis > latest) advance(timeMillis);
        if (blockCount > 0) {
            Batch last = block(blockCount - 1);
            if (last.time == timeMillis) return last;
            if (last.time < timeMillis) return append(timeMillis);
        }
        int i = firstBlockAtOrAfter(timeMillis);
        if (i < blockCount && block(i).time == timeMillis) return block(i);
        if (blockCount == 0 || i == blockCount) return append(timeMillis);
        return insert(i, timeMillis);
    }

    /** Names of the metrics that have at least one series, sorted. */
    public List<String> metricNames() { return List.copyOf(families.keySet()); }

    /** Number of series over all metrics. */
    public int seriesCount() { return seriesCount; }

    /** Samples held over all series (after retention). */
    public long sampleCount() {
        long n = 0;
        for (int b = 0; b < blockCount; b++) for (long word : block(b).present) n += Long.bitCount(word);
        return n;
    }

    private Handle find(String metric, Map<String, String> labels, int slot) {
        if (metric == null || metric.isBlank()) throw new IllegalArgumentException("metric: a series needs a metric name");
        Map<String, Handle> family = families.computeIfAbsent(metric, m -> new TreeMap<>());
        SortedMap<String, String> sorted = new TreeMap<>(labels == null ? Map.of() : labels);
        String key = key(sorted);
        Handle h = family.get(key);
        if (h == null) {
            h = new Handle(this, metric, key, Collections.unmodifiableSortedMap(sorted));
            h.slot = slot >= 0 ? slot : reserve(1);
            h.owned = slot < 0;
            if (h.owned) owned.add(h);
            slotHandle[h.slot] = h;
            family.put(key, h);
            views.remove(metric);
            seriesCount++;
        } else if (slot >= 0 && h.slot != slot) {
            throw new IllegalArgumentException("slot: series " + metric + sorted + " is kept at slot " + h.slot + ", not " + slot);
        }
        return h;
    }

    /** Labels sorted by name, rendered so that string order is label order (separators below any printable char). */
    private static String key(SortedMap<String, String> labels) {
        StringBuilder sb = new StringBuilder();
        for (var e : labels.entrySet()) sb.append(e.getKey()).append('\u0001').append(e.getValue()).append('\u0002');
        return sb.toString();
    }

    private Batch block(int logical) { return blocks[(blockHead + logical) & (blocks.length - 1)]; }

    /** First logical block index whose time is >= t. */
    private int firstBlockAtOrAfter(long t) {
        int lo = 0, hi = blockCount;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (block(mid).time < t) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private Batch newBlock(long time) {
        Batch b = pool.poll();
        if (b == null || b.values.length < slotLimit) b = new Batch(slotLimit);
        else Arrays.fill(b.present, 0L); // the values stay: a slot counts only once marked present
        b.time = time;
        return b;
    }

    private Batch append(long time) {
        if (blockCount == blocks.length) growBlocks();
        Batch b = newBlock(time);
        blocks[(blockHead + blockCount) & (blocks.length - 1)] = b;
        blockCount++;
        return b;
    }

    /** A block before others (only appends that are late for some times; scrapes always append). */
    private Batch insert(int index, long time) {
        if (blockCount == blocks.length) growBlocks();
        for (int i = blockCount; i > index; i--) blocks[(blockHead + i) & (blocks.length - 1)] = block(i - 1);
        Batch b = newBlock(time);
        blocks[(blockHead + index) & (blocks.length - 1)] = b;
        blockCount++;
        return b;
    }

    private void growBlocks() {
        Batch[] grown = new Batch[blocks.length * 2];
        for (int i = 0; i < blockCount; i++) grown[i] = block(i);
        blocks = grown;
        blockHead = 0;
    }

    /** Advances the store's newest time: expires the blocks before the window; once per window, drops series left empty. */
    private void advance(long t) {
        latest = t;
        if (retentionMillis == Long.MAX_VALUE) return;
        long cutoff = t - retentionMillis;
        while (blockCount > 0 && blocks[blockHead].time < cutoff) {
            pool.push(blocks[blockHead]);
            blocks[blockHead] = null;
            blockHead = (blockHead + 1) & (blocks.length - 1);
            blockCount--;
        }
        if (t < nextSweep) return;
        // a sweep per retention window: nothing per sample, and nothing per pod series
        nextSweep = t + retentionMillis;
        // handles appended through (a few hundred: deployments, services); a pod's bound series go with its released run
        owned.removeIf(h -> {
            if (h.holdsSamples()) return false;
            // dropped, its slot reused, a new one when it comes back
            Map<String, Handle> family = families.get(h.metric);
            family.remove(h.key);
            if (family.isEmpty()) families.remove(h.metric);
            views.remove(h.metric);
            h.attached = false;
            seriesCount--;
            slotHandle[h.slot] = null;
            free.computeIfAbsent(1, k -> new ArrayDeque<>()).add(h.slot);
            h.slot = -1;
            return true;
        });
        for (Iterator<int[]> it = released.iterator(); it.hasNext(); ) {
            int[] run = it.next();
            boolean empty = true;
            for (int s = run[0]; s < run[0] + run[1] && empty; s++) empty = slotHandle[s] == null || !slotHandle[s].holdsSamples();
            if (!empty) continue;
            it.remove();
            for (int s = run[0]; s < run[0] + run[1]; s++) {
                Handle h = slotHandle[s];
                if (h == null) continue;
                slotHandle[s] = null;
                Map<String, Handle> family = families.get(h.metric);
                family.remove(h.key);
                if (family.isEmpty()) families.remove(h.metric);
                views.remove(h.metric);
                h.attached = false;
                h.slot = -1;
                seriesCount--;
            }
            free.computeIfAbsent(run[1], k -> new ArrayDeque<>()).add(run[0]);
        }
    }

    /** Puts a series dropped by retention back when it is appended to again (a cached handle), at a new slot. */
    private void reattach(Handle h) {
        families.computeIfAbsent(h.metric, m -> new TreeMap<>()).put(h.key, h);
        views.remove(h.metric);
        h.attached = true;
        h.owned = true;
        owned.add(h);
        h.slot = reserve(1);
        slotHandle[h.slot] = h;
        seriesCount++;
    }

    /**
     * The samples of one time, by slot: what a scrape writes. Values sit in a primitive array, and which
     * slots hold a sample in a bitmap beside it: a reused block clears 1 bit per slot, not 64, so a
     * scrape's memory traffic is its own writes.
     */
    public static final class Batch {
        private long time;
        private double[] values;
        private long[] present;

        private Batch(int slots) {
            int capacity = Math.max(64, slots + (slots >> 3));
            this.values = new double[capacity];
            this.present = new long[(capacity + 63) >>> 6];
        }

        /** The sample of the series at {@code slot} (reserved and bound) at this block's time. */
        public void put(int slot, double value) {
            if (slot >= values.length) grow(slot);
            values[slot] = value;
            present[slot >>> 6] |= 1L << slot;
        }

        /** {@code length} samples from {@code src[from..]} at slots {@code slot..}: one copy, for series laid out as the caller's array. */
        public void putAll(int slot, double[] src, int from, int length) {
            int end = slot + length;
            if (end > values.length) grow(end - 1);
            System.arraycopy(src, from, values, slot, length);
            for (int s = slot; s < end; ) {
                int word = s >>> 6, upTo = Math.min(end, (word + 1) << 6);
                long mask = upTo - s == 64 ? -1L : ((1L << (upTo - s)) - 1) << s;
                present[word] |= mask;
                s = upTo;
            }
        }

        boolean has(int slot) { return slot < values.length && (present[slot >>> 6] & (1L << slot)) != 0; }

        private void grow(int slot) {
            int capacity = Math.max(slot + 1, values.length + (values.length >> 1));
            values = Arrays.copyOf(values, capacity);
            present = Arrays.copyOf(present, (capacity + 63) >>> 6);
        }
    }

    /**
     * One series, for appending one sample at a time at any time not before its last. Writers of many
     * series at one time use {@link #at} and slots instead.
     */
    public static final class Handle {
        private final MetricStore store;
        private final String metric;
        private final String key;
        private final Map<String, String> labels;
        private int slot;
        /** Appended through this handle (its slot is the store's to free), not bound to a reserved run. */
        private boolean owned;
        private long lastTime = Long.MIN_VALUE;
        private boolean attached = true;
        private Object attachment;

        private Handle(MetricStore store, String metric, String key, Map<String, String> labels) {
            this.store = store;
            this.metric = metric;
            this.key = key;
            this.labels = labels;
        }

        public String metric() { return metric; }

        public Map<String, String> labels() { return labels; }

        /** What the store's reader keeps about this series (its view of the labels, say), so it finds it without a lookup; null at first. */
        public Object attachment() { return attachment; }

        public void attach(Object attachment) {
            this.attachment = attachment;
            store.views.remove(metric);
        }

        /** Samples held (with retention, only those in the window). */
        public int size() {
            if (slot < 0) return 0;
            int n = 0;
            for (int b = 0; b < store.blockCount; b++) if (store.block(b).has(slot)) n++;
            return n;
        }

        private boolean holdsSamples() {
            for (int b = store.blockCount - 1; b >= 0; b--) if (store.block(b).has(slot)) return true;
            return false;
        }

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
}
