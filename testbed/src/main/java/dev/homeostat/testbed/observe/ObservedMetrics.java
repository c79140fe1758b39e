package dev.homeostat.testbed.observe;

import dev.homeostat.remediation.port.MetricSeries;
import dev.homeostat.remediation.port.MetricsSource;
import dev.homeostat.units.Seeds;
import dev.homeostat.simulator.metrics.MetricStore;
import dev.homeostat.simulator.metrics.Series;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

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
     * (copied once, so neither the engine nor this adapter rebuilds a label map per tick) and its scrape offset.
     */
    private final Map<Map<String, String>, Target> targets = new IdentityHashMap<>();

    private record Target(Map<String, String> labels, long offset) { }

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
        boolean rule = metric.indexOf(':') >= 0;
        List<Series> raw = store.range(metric, fromMillis - maxLag(), toMillis);
        List<MetricSeries> out = new ArrayList<>(raw.size());
        for (Series s : raw) {
            Target target = targets.computeIfAbsent(s.labels(), this::target);
            long offset = target.offset();
            long[] times = s.times();
            double[] values = s.values();
            long[] seen = new long[times.length];
            double[] kept = new double[times.length];
            int n = 0;
            for (int i = 0; i < times.length; i++) {
                long visible = rule ? nextEvaluation(times[i] + offset) : times[i] + offset;
                if (visible < fromMillis || visible > toMillis) continue;
                // two grid samples one rule evaluation apart at most: the later one is what that evaluation read
                if (n > 0 && seen[n - 1] == visible) n--;
                seen[n] = visible;
                kept[n++] = values[i];
            }
            if (n > 0) out.add(new MetricSeries(target.labels(), Arrays.copyOf(seen, n), Arrays.copyOf(kept, n)));
        }
        return out;
    }

    private Target target(Map<String, String> labels) {
        String target = targetOf(labels);
        return new Target(Map.copyOf(labels), target == null ? 0 : offsetOf(target));
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
