package dev.homeostat.simulator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.ToLongFunction;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * A matched read ({@link MetricStore#readChunks} with label matchers) hands exactly what the family's read hands of
 * the series whose labels match, in the same order, for random families, matchers, windows and lags; and again after
 * the family changed (its index rebuilt).
 */
class MetricStoreMatchPropertiesTest {
    private static final String[] LABELS = {"namespace", "pod", "service", "container"};

    @Property(tries = 150)
    void aMatchedRead_handsTheFullReadsMatchedSeries_inItsOrder(@ForAll long seed) {
        var random = new SplittableRandom(seed);
        var store = new MetricStore(random.nextBoolean() ? MetricStore.KEEP_ALL : java.time.Duration.ofMinutes(2));
        int series = 1 + random.nextInt(random.nextBoolean() ? 40 : 700);
        List<Map<String, String>> labels = new ArrayList<>();
        for (int s = 0; s < series; s++) labels.add(randomLabels(random, s));
        // some series bound to reserved slots and written by block, the rest appended through their handles
        int bound = random.nextInt(series + 1), base = bound > 0 ? store.reserve(bound) : 0;
        List<Handle> handles = new ArrayList<>();
        for (int s = 0; s < series; s++) handles.add(s < bound ? store.bind("m", labels.get(s), base + s) : store.series("m", labels.get(s)));
        // some series stop early: with retention they are dropped, and come back when appended to again
        long[] stopAt = new long[series];
        for (int s = 0; s < series; s++) stopAt[s] = random.nextInt(4) == 0 ? random.nextLong(0, 300_000) : Long.MAX_VALUE;
        for (long t = 0; t < 300_000; t += 15_000) {
            Batch block = store.at(t);
            for (int s = 0; s < series; s++) {
                if (random.nextInt(8) == 0 || t > stopAt[s]) continue;
                double v = s * 1000 + t / 1000.0;
                if (s < bound) block.put(base + s, v);
                else handles.get(s).add(t, v);
            }
            // a matched read while the run goes on: its index then follows the series retention drops and brings back
            if (t == 105_000) compare(store, random, -1);
        }
        for (int round = 0; round < 4; round++) {
            compare(store, random, round);
            // the family changes: a new series, matched or not, and perhaps one dropped by retention back
            store.add("m", randomLabels(random, series + round), 290_000 + round, -1);
            if (bound < series) handles.get(bound + random.nextInt(series - bound)).add(290_000 + round, -2);
        }
    }

    private static void compare(MetricStore store, SplittableRandom random, int round) {
        Map<String, Set<String>> match = randomMatch(random);
        long from = random.nextLong(0, 300_000), to = from + random.nextLong(0, 120_000);
        MetricStore.Lag lag = random.nextBoolean() ? null
                : new MetricStore.Lag(from + random.nextLong(-20_000, 20_000), from + random.nextLong(0, 80_000), lagOf);
        assertThat(read(store, from, to, lag, match)).as("round %d, match %s", round, match).isEqualTo(filtered(store, from, to, lag, match));
    }

    private static final ToLongFunction<Handle> lagOf = h -> Math.floorMod(h.labels().hashCode(), 30_000);

    /** What the matched read hands: each series' labels and samples. */
    private static List<String> read(MetricStore store, long from, long to, MetricStore.Lag lag, Map<String, Set<String>> match) {
        List<String> out = new ArrayList<>();
        store.readChunks("m", from, to, lag, match, chunk -> describe(chunk, out));
        return out;
    }

    /** The full read, kept where each matcher's label (absent: "") is one of its values: the filter written apart from the store's. */
    private static List<String> filtered(MetricStore store, long from, long to, MetricStore.Lag lag, Map<String, Set<String>> match) {
        List<String> out = new ArrayList<>();
        store.readChunks("m", from, to, lag, chunk -> {
            List<String> all = new ArrayList<>();
            describe(chunk, all);
            for (int s = 0; s < chunk.size(); s++) {
                Map<String, String> l = chunk.handle(s).labels();
                boolean matches = true;
                for (var e : match.entrySet()) matches &= e.getValue().contains(l.getOrDefault(e.getKey(), ""));
                if (matches) out.add(all.get(s));
            }
        });
        return out;
    }

    private static void describe(SeriesChunk chunk, List<String> out) {
        for (int s = 0; s < chunk.size(); s++) {
            StringBuilder b = new StringBuilder(new java.util.TreeMap<>(chunk.handle(s).labels()).toString()).append(':');
            for (int j = 0; j < chunk.count(s); j++) b.append(' ').append(chunk.time(s, j)).append('=').append(chunk.value(s, j));
            out.add(b.toString());
        }
    }

    private static Map<String, String> randomLabels(SplittableRandom random, int s) {
        Map<String, String> l = new HashMap<>();
        if (random.nextInt(6) > 0) l.put("namespace", "ns" + random.nextInt(3));
        if (random.nextInt(6) > 0) l.put("pod", "p" + random.nextInt(30));
        if (random.nextBoolean()) l.put("service", "s" + random.nextInt(4));
        if (random.nextBoolean()) l.put("container", "c" + random.nextInt(2));
        l.put("n", Integer.toString(s)); // every series its own labels
        return l;
    }

    /** One to three labels (one of them perhaps on no series), each with a few values, "" (absent) among them at times. */
    private static Map<String, Set<String>> randomMatch(SplittableRandom random) {
        Map<String, Set<String>> match = new HashMap<>();
        int labels = 1 + random.nextInt(3);
        for (int i = 0; i < labels; i++) {
            String label = random.nextInt(8) == 0 ? "zone" : LABELS[random.nextInt(LABELS.length)];
            Set<String> values = new TreeSet<>();
            int n = random.nextInt(6);
            for (int k = 0; k < n; k++) {
                values.add(switch (label) {
                    case "namespace" -> "ns" + random.nextInt(4);
                    case "pod" -> "p" + random.nextInt(32);
                    case "service" -> "s" + random.nextInt(5);
                    case "container" -> "c" + random.nextInt(3);
                    default -> "z";
                });
            }
            if (random.nextInt(4) == 0) values.add("");
            match.put(label, values);
        }
        return match;
    }
}
