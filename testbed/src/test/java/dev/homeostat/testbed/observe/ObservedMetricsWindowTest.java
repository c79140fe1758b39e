package dev.homeostat.testbed.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.port.LabelMatch;
import dev.homeostat.remediation.port.SeriesBatch;
import dev.homeostat.simulator.metrics.MetricStore;
import dev.homeostat.simulator.metrics.Series;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The adapter's reads narrow each series to its own window in the store (its scrape offset, the rule evaluation): what
 * it hands must be exactly what Prometheus would show over the window, computed here the plain way from the store's
 * whole range.
 */
class ObservedMetricsWindowTest {
    private static final long SCRAPE = 15_000;

    @Test
    void everyWindow_handsWhatTheTargetsOffsetsAndTheRuleEvaluationsMakeVisible_noMoreNoLess() {
        var random = new SplittableRandom(11);
        var observations = List.of(Observation.DEFAULT, Observation.aligned(),
                new Observation(null, Duration.ofSeconds(20), null, null, null, null, null));
        var store = store();
        for (Observation observation : observations) {
            var observed = new ObservedMetrics(store, SCRAPE, observation, 5);
            for (int round = 0; round < 300; round++) {
                long from = 1_800_000 + random.nextLong(0, 1_700_000), to = from + random.nextLong(0, 120_000);
                for (String metric : List.of("plain", "pod:rule:ratio")) {
                    List<String> actual = new ArrayList<>();
                    observed.read(metric, from, to, (id, labels, times, values, n) -> actual.add(render(labels.get("pod"), times, values, n)));
                    List<String> expected = expected(store, observed, observation, metric, from, to);
                    assertThat(actual).as("%s %s [%d, %d]", observation.scrapeOffsets(), metric, from, to).isEqualTo(expected);
                    List<String> batched = new ArrayList<>();
                    Map<Map<String, String>, Integer> ids = new java.util.IdentityHashMap<>();
                    observed.read(metric, from, to, (id, labels, times, values, n) -> ids.put(labels, id));
                    observed.readBatches(metric, from, to, batch -> {
                        assertThat(batch.size()).isBetween(1, SeriesBatch.SERIES);
                        for (int s = 0; s < batch.size(); s++) {
                            assertThat(batch.id(s)).isEqualTo(ids.get(batch.labels(s)));
                            long[] times = new long[batch.count(s)];
                            double[] values = new double[batch.count(s)];
                            for (int j = 0; j < times.length; j++) {
                                times[j] = batch.time(batch.start(s) + j);
                                values[j] = batch.value(batch.start(s) + j);
                            }
                            batched.add(render(batch.labels(s).get("pod"), times, values, times.length));
                        }
                    });
                    assertThat(batched).as("batches, %s %s [%d, %d]", observation.scrapeOffsets(), metric, from, to).isEqualTo(expected);
                }
            }
        }
    }

    /**
     * A matched read hands what the full read hands of the matched series, when it is the adapter's first read of the
     * family (the diagnosis may read a family no signal reads) and after: the same samples in the same order, and each
     * series the number the adapter's later reads give it, one number per series.
     */
    @Test
    void aMatchedRead_handsTheFullReadsMatchedSeries_andNumbersThemAsItsLaterReads() {
        var random = new SplittableRandom(23);
        var store = store();
        for (int round = 0; round < 100; round++) {
            var observed = new ObservedMetrics(store, SCRAPE, Observation.DEFAULT, round);
            Set<String> pods = new TreeSet<>(), services = new TreeSet<>();
            for (int p = 0; p < 44; p++) if (random.nextInt(4) == 0) pods.add("pod-" + p);
            for (int v = 0; v < 5; v++) if (random.nextBoolean()) services.add("svc-" + v);
            LabelMatch match = LabelMatch.of("namespace", random.nextInt(5) == 0 ? List.of("other") : List.of("ns")).and("pod", pods);
            if (random.nextBoolean()) match = match.and("service", services);
            long from = 1_800_000 + random.nextLong(0, 1_700_000), to = from + random.nextLong(0, 120_000);
            for (String metric : List.of("plain", "pod:rule:ratio")) {
                for (int again = 0; again < 2; again++) {
                    List<String> matched = new ArrayList<>();
                    Map<String, Integer> ids = new java.util.HashMap<>();
                    observed.read(metric, from, to, match, (id, labels, times, values, n) -> {
                        matched.add(render(labels.get("pod"), times, values, n));
                        ids.put(labels.get("pod"), id);
                    });
                    List<String> expected = new ArrayList<>();
                    Map<Integer, String> podOf = new java.util.HashMap<>();
                    LabelMatch m = match;
                    observed.read(metric, from, to, (id, labels, times, values, n) -> {
                        if (m.matches(labels)) expected.add(render(labels.get("pod"), times, values, n));
                        assertThat(podOf.put(id, labels.get("pod"))).as("one number per series").isNull();
                        if (ids.containsKey(labels.get("pod"))) assertThat(id).isEqualTo(ids.get(labels.get("pod")));
                    });
                    assertThat(matched).as("%s %s [%d, %d]", metric, match, from, to).isEqualTo(expected);
                }
            }
        }
    }

    /** 40 pods of 4 services, a sample every scrape for an hour; "plain" misses some. */
    private static MetricStore store() {
        var store = new MetricStore(Duration.ofMinutes(30));
        for (long t = 0; t < 3_600_000; t += SCRAPE)
            for (int p = 0; p < 40; p++) {
                Map<String, String> labels = Map.of("namespace", "ns", "pod", "pod-" + p, "service", "svc-" + p % 4);
                if (p % 7 != 3 || t % 60_000 != 0) store.add("plain", labels, t, p + t / 1e6);
                store.add("pod:rule:ratio", labels, t, -p - t / 1e6);
            }
        return store;
    }

    /** The plain way: every sample of the store's wide window, moved to when it shows, kept if inside. */
    private static List<String> expected(MetricStore store, ObservedMetrics observed, Observation observation, String metric, long from, long to) {
        long maxLag = observation.spreadScrapes() ? SCRAPE + observation.ruleEvaluation().toMillis() : 0;
        List<String> out = new ArrayList<>();
        for (Series s : store.range(metric, from - maxLag, to)) {
            long offset = observed.offsetOf(ObservedMetrics.targetOf(s.labels()));
            long[] times = new long[s.size()];
            double[] values = new double[s.size()];
            int n = 0;
            for (int i = 0; i < s.size(); i++) {
                long visible = metric.contains(":") ? observed.nextEvaluation(s.times()[i] + offset) : s.times()[i] + offset;
                if (visible < from || visible > to) continue;
                if (n > 0 && times[n - 1] == visible) n--;
                times[n] = visible;
                values[n++] = s.values()[i];
            }
            if (n > 0) out.add(render(s.labels().get("pod"), times, values, n));
        }
        return out;
    }

    private static String render(String pod, long[] times, double[] values, int n) {
        StringBuilder sb = new StringBuilder(pod).append(':');
        for (int i = 0; i < n; i++) sb.append(' ').append(times[i]).append('=').append(values[i]);
        return sb.toString();
    }
}
