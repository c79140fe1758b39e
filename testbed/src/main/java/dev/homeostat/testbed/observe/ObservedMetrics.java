package dev.homeostat.testbed.observe;

import dev.homeostat.remediation.port.LabelMatch;
import dev.homeostat.remediation.port.MetricSeries;
import dev.homeostat.remediation.port.MetricsSource;
import dev.homeostat.remediation.port.SeriesBatch;
import dev.homeostat.units.Seeds;
import dev.homeostat.simulator.metrics.Handle;
import dev.homeostat.simulator.metrics.MetricStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The simulator's metric store as the engine would read it from Prometheus: a target's samples appear when
 * Prometheus scrapes it, at the target's own offset within the scrape interval, and a recording rule's samples
 * when its group next evaluates, stamped with that evaluation's time (as Prometheus stamps rule results).
 *
 * <p>The simulator samples every target on the scrape grid; a sample taken at grid time {@code g} is what the
 * target exports, scraped at {@code g + offset}. A series' target is its {@code pod} label, else its
 * {@code service}, {@code deployment} or {@code node} label; its offset is a seeded hash of the target, fixed for
 * the run, as Prometheus fixes each target's offset by hashing it. With {@link Observation#aligned()} every offset
 * and the rule phase are 0 and the store is read as it is.
 */
public final class ObservedMetrics implements MetricsSource {
    private final MetricStore store;
    private final long scrapeEvery;
    private final long ruleEvery;
    private final long rulePhase;
    private final boolean spread;
    private final long seed;
    /** The SLO recording rules, evaluated by the rule group beside the store's series (null: none). */
    private final SloSeries slo;
    /**
     * Per series (the store hands out one label map per series for its lifetime): its labels as the engine keeps them
     * (copied once, so neither the engine nor this adapter rebuilds a label map per tick), its scrape offset and its
     * number. Each store handle carries its entry as its attachment, so a read finds it without a lookup; the map
     * answers when another reader of the store attached something else. The entries are held in the order they were
     * made and the map holds their places, not them: the young collector then copies them in that order, the order a
     * read visits them, instead of in the identity hash order of the map's table (a cache miss per series and tick).
     */
    private final List<Target> made = new ArrayList<>();
    private final Map<Map<String, String>, Integer> targets = new IdentityHashMap<>();
    /** The next series number per metric: dense from 0, as {@link SeriesSink} asks. */
    private final Map<String, int[]> nextId = new HashMap<>();
    /** A series' scrape offset, one instance for every read: the store works the offsets of a family out once. */
    private final ToLongFunction<Handle> offsetOfSeries = handle -> targetOf(handle).offset();
    /** Scratch for the samples of one series as Prometheus would show them, grown as needed. */
    private long[] seen = new long[8];
    private double[] kept = new double[8];
    /** The batch a read hands on, reused read after read. */
    private final SeriesBatch batch = new SeriesBatch();
    private boolean batchInUse;

    private record Target(ObservedMetrics owner, Map<String, String> labels, long offset, int id) { }

    public ObservedMetrics(MetricStore store, long scrapeEveryMillis, Observation observation, long seed) {
        this(store, scrapeEveryMillis, observation, seed, null);
    }

    ObservedMetrics(MetricStore store, long scrapeEveryMillis, Observation observation, long seed, SloSeries slo) {
        this.slo = slo;
        this.store = store;
        this.scrapeEvery = scrapeEveryMillis;
        this.spread = observation.spreadScrapes();
        this.ruleEvery = observation.ruleEvaluation().toMillis();
        this.rulePhase = spread ? Math.floorMod(Seeds.derive(seed, "rule-group"), ruleEvery) : 0;
        this.seed = seed;
    }

    /** When Prometheus scrapes {@code target}, as an offset within the scrape interval. */
    public long offsetOf(String target) {
        return spread ? Math.floorMod(Seeds.derive(seed, "scrape/" + target), scrapeEvery) : 0;
    }

    /** When the rule groups first evaluate, within the rule interval. */
    public long rulePhase() { return rulePhase; }

    /** The first rule evaluation at or after {@code t}. */
    long nextEvaluation(long t) {
        return rulePhase + Math.ceilDiv(t - rulePhase, ruleEvery) * ruleEvery;
    }

    /** The longest a sample can wait to be seen: a scrape interval plus a rule interval. */
    private long maxLag() {
        return spread ? scrapeEvery + ruleEvery : 0;
    }

    @Override public List<MetricSeries> range(String metric, long fromMillis, long toMillis) {
        if (slo != null && SloSeries.serves(metric)) return slo.range(metric, fromMillis, toMillis);
        List<MetricSeries> out = new ArrayList<>();
        read(metric, fromMillis, toMillis, (id, labels, times, values, n) -> out.add(new MetricSeries(labels, Arrays.copyOf(times, n), Arrays.copyOf(values, n))));
        return out;
    }

    @Override public void read(String metric, long fromMillis, long toMillis, SeriesSink sink) {
        if (slo != null && SloSeries.serves(metric)) {
            MetricsSource.super.read(metric, fromMillis, toMillis, sink);
            return;
        }
        read(metric, fromMillis, toMillis, null, sink);
    }

    /** Only the matched series, found by the store's index of the family's labels: the cost of those, not the family's. */
    @Override public void read(String metric, long fromMillis, long toMillis, LabelMatch match, SeriesSink sink) {
        if (slo != null && SloSeries.serves(metric)) {
            MetricsSource.super.read(metric, fromMillis, toMillis, match, sink);
            return;
        }
        long[][] t = {new long[8]};
        double[][] v = {new double[8]};
        readBatches(metric, fromMillis, toMillis, match, batch -> {
            for (int s = 0; s < batch.size(); s++) {
                int n = batch.count(s), at = batch.start(s);
                if (t[0].length < n) {
                    t[0] = new long[n];
                    v[0] = new double[n];
                }
                for (int j = 0; j < n; j++) {
                    t[0][j] = batch.time(at + j);
                    v[0][j] = batch.value(at + j);
                }
                sink.accept(batch.id(s), batch.labels(s), t[0], v[0], n);
            }
        });
    }

    /**
     * The store's chunks of series, each series' samples kept as Prometheus would show them in the window, handed on
     * in batches: per series its entry (the store handle's attachment), its offset and a sample or two, in one loop.
     */
    @Override public void readBatches(String metric, long fromMillis, long toMillis, BatchSink sink) {
        if (slo != null && SloSeries.serves(metric)) {
            MetricsSource.super.readBatches(metric, fromMillis, toMillis, sink);
            return;
        }
        readBatches(metric, fromMillis, toMillis, null, sink);
    }

    /** {@link #readBatches} of the series {@code match} matches (null: all of them). */
    private void readBatches(String metric, long fromMillis, long toMillis, LabelMatch match, BatchSink sink) {
        boolean rule = metric.indexOf(':') >= 0;
        MetricStore.Lag own = ownWindow(rule, fromMillis, toMillis);
        // narrowed, a rule sample shows at an evaluation from the window's first on: found by stepping, not dividing
        boolean step = rule && own != null;
        long firstEvaluation = step ? nextEvaluation(fromMillis) : 0;
        // a sink that reads through this adapter again gets a batch of its own
        SeriesBatch out = batchInUse ? new SeriesBatch() : batch;
        boolean mine = out == batch;
        batchInUse |= mine;
        try {
            MetricStore.ChunkVisitor visit = chunk -> {
                for (int s = 0, size = chunk.size(); s < size; s++) {
                    int length = chunk.count(s);
                    if (length == 0) continue;
                    Target target = chunk.attachment(s) instanceof Target t && t.owner() == this ? t : targetOf(chunk.handle(s));
                    long offset = target.offset();
                    if (seen.length < length) {
                        seen = new long[length];
                        kept = new double[length];
                    }
                    int n = 0;
                    long evaluation = firstEvaluation;
                    for (int i = 0; i < length; i++) {
                        long scraped = chunk.time(s, i) + offset, visible;
                        if (step) {
                            while (evaluation < scraped) evaluation += ruleEvery;
                            visible = evaluation;
                        } else {
                            visible = rule ? nextEvaluation(scraped) : scraped;
                        }
                        if (visible < fromMillis || visible > toMillis) continue;
                        // two grid samples one rule evaluation apart at most: the later one is what that evaluation read
                        if (n > 0 && seen[n - 1] == visible) n--;
                        seen[n] = visible;
                        kept[n++] = chunk.value(s, i);
                    }
                    if (n == 0) continue;
                    out.add(target.id(), target.labels(), seen, kept, n);
                    if (out.full()) {
                        sink.accept(out);
                        out.clear();
                    }
                }
            };
            if (match == null) store.readChunks(metric, fromMillis - maxLag(), toMillis, own, visit);
            else store.readChunks(metric, fromMillis - maxLag(), toMillis, own, match.values(), visit);
            if (out.size() > 0) sink.accept(out);
        } finally {
            out.clear();
            if (mine) batchInUse = false;
        }
    }

    /**
     * Per series, the grid times whose samples are visible in [fromMillis, toMillis] (what the filter in {@link #read}
     * keeps, no more and no less): a target's sample stamped {@code t} shows at {@code t + offset}, a rule's at the
     * first evaluation from {@code t + offset} on. So a tick reads a block or two per series, not the whole window
     * that the largest lag asks for.
     */
    private MetricStore.Lag ownWindow(boolean rule, long fromMillis, long toMillis) {
        long far = Long.MAX_VALUE / 4;
        if (fromMillis < -far || fromMillis > far || toMillis < -far || toMillis > far) return null; // "all of it": no arithmetic on the ends
        if (!rule) return new MetricStore.Lag(fromMillis, toMillis, offsetOfSeries);
        // nextEvaluation(x) >= nextEvaluation(from) iff x > nextEvaluation(from) - ruleEvery; <= to iff x <= the last evaluation <= to
        long first = nextEvaluation(fromMillis) - ruleEvery + 1;
        long last = nextEvaluation(toMillis + 1) - ruleEvery;
        return new MetricStore.Lag(first, last, offsetOfSeries);
    }

    private Target targetOf(Handle handle) {
        if (handle.attachment() instanceof Target t && t.owner() == this) return t;
        Integer at = targets.get(handle.labels());
        if (at == null) {
            at = made.size();
            made.add(target(handle.metric(), handle.labels()));
            targets.put(handle.labels(), at);
        }
        Target t = made.get(at);
        handle.attach(t);
        return t;
    }

    private Target target(String metric, Map<String, String> labels) {
        String target = targetOf(labels);
        int id = nextId.computeIfAbsent(metric, m -> new int[1])[0]++;
        return new Target(this, Map.copyOf(labels), target == null ? 0 : offsetOf(target), id);
    }

    /** The scrape target a series comes from: its pod, else its service, deployment or node. */
    static String targetOf(Map<String, String> labels) {
        String ns = labels.getOrDefault("namespace", "default");
        for (String kind : new String[] {"pod", "service", "deployment", "node"}) {
            String name = labels.get(kind);
            if (name != null) return kind.equals("node") ? "node/" + name : kind + "/" + ns + "/" + name;
        }
        return null;
    }
}
