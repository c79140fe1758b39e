package dev.homeostat.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.simulator.fault.MemoryLeak;
import dev.homeostat.simulator.metrics.MetricNames;
import dev.homeostat.simulator.metrics.Series;
import dev.homeostat.simulator.spec.SimulationSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The memory prediction rules ({@link MemoryTrend}) as their definition reads, worked out here from the pods' own
 * working-set ratio samples: an exponentially weighted mean per container, started afresh when the container restarts,
 * and the value extrapolated from it once a window has passed, recorded while the ratio is past
 * {@link MetricNames#MEMORY_PREDICTION_FROM}: 15 min ahead at the pace of 5, and 1 h ahead at the pace of the hour.
 */
class MemoryPredictionTest {

    @Test
    void leakingPods_predictedFromEachContainersOwnSamples_restartsStartAfresh() {
        // 600 KiB/s from a 200 MiB working set under a 512 MiB limit: past 0.6 after ~3 min, OOM-killed after ~9
        var leak = new MemoryLeak("leak", Duration.ZERO, Duration.ofMinutes(40), "shop", "checkout", 600L << 10);
        var shop = GoldenScenarios.shop(List.of(leak));
        var run = Fixtures.run(new SimulationSpec(shop.cluster(), Duration.ofMinutes(40), null, shop.faults()), 3);
        assertThat(matchesDefinition(run, MetricNames.POD_MEMORY_PREDICTED, Scraper.PREDICT_WINDOW_MS, Scraper.PREDICT_AHEAD_MS))
                .as("pods whose leak killed them, predicted again after their restart").isPositive();
    }

    @Test
    void aSlowLeak_crossesTheLimitAnHourAhead_longBeforeFifteenMinutesAhead_andBeforeGarbageCollectionSlowsIt() {
        // 30 KiB/s from 200 MiB under 512 MiB: 0.6 after ~1.2 h, the limit after ~3 h
        var leak = new MemoryLeak("leak", Duration.ZERO, Duration.ofHours(4), "shop", "checkout", 30L << 10);
        var shop = GoldenScenarios.shop(List.of(leak));
        var run = Fixtures.run(new SimulationSpec(shop.cluster(), Duration.ofHours(4), null, shop.faults()), 3);
        matchesDefinition(run, MetricNames.POD_MEMORY_PREDICTED_1H, Scraper.PREDICT_1H_WINDOW_MS, Scraper.PREDICT_1H_AHEAD_MS);
        for (Series hour : run.series(MetricNames.POD_MEMORY_PREDICTED_1H)) {
            String pod = hour.labels().get("pod");
            long hourAt = firstAbove(hour, 1);
            long quarterAt = firstAbove(run.series(MetricNames.POD_MEMORY_PREDICTED).stream().filter(s -> s.labels().get("pod").equals(pod)).findFirst().orElseThrow(), 1);
            long pressureAt = firstAbove(run.series(MetricNames.POD_MEMORY_RATIO).stream().filter(s -> s.labels().get("pod").equals(pod)).findFirst().orElseThrow(), 0.9);
            assertThat(hourAt).as(pod + ": the hour's prediction reaches the limit").isLessThan(Long.MAX_VALUE);
            assertThat(quarterAt - hourAt).as(pod + ": that long before the 15-minute one").isGreaterThan(20 * 60_000L);
            assertThat(hourAt).as(pod + ": before the working set is 90 % of the limit").isLessThan(pressureAt);
        }
    }

    private static long firstAbove(Series s, double level) {
        for (int i = 0; i < s.size(); i++) if (s.values()[i] > level) return s.times()[i];
        return Long.MAX_VALUE;
    }

    /** Asserts that every pod's {@code metric} is the rule worked out from its ratio samples; the pods restarted on the way. */
    private static int matchesDefinition(Fixtures.Run run, String metric, long window, long ahead) {
        var predicted = run.series(metric);
        assertThat(predicted).as("the leak's pods pass the threshold").isNotEmpty();
        int restarted = 0;
        for (Series ratio : run.series(MetricNames.POD_MEMORY_RATIO)) {
            String pod = ratio.labels().get("pod");
            Series restarts = only(run.series(MetricNames.RESTARTS), pod);
            var expected = expected(ratio, restarts, window, ahead);
            Series actual = predicted.stream().filter(s -> s.labels().get("pod").equals(pod)).findFirst().orElse(null);
            if (expected.isEmpty()) {
                assertThat(actual).as(pod).isNull();
                continue;
            }
            assertThat(actual).as(pod).isNotNull();
            assertThat(actual.times()).as(pod).containsExactly(expected.stream().mapToLong(s -> (long) s[0]).toArray());
            assertThat(actual.values()).as(pod).containsExactly(expected.stream().mapToDouble(s -> s[1]).toArray());
            if (restarts.values()[restarts.size() - 1] > 0) restarted++;
        }
        return restarted;
    }

    /** [time, prediction] pairs from the ratio samples, the trend started afresh whenever the restart count moved. */
    private static List<double[]> expected(Series ratio, Series restarts, long window, long ahead) {
        double tau = window / 2.0, mean = Double.NaN, restartsThen = -1;
        long first = 0, last = 0;
        var out = new ArrayList<double[]>();
        for (int i = 0; i < ratio.size(); i++) {
            long t = ratio.times()[i];
            double v = ratio.values()[i], count = valueAt(restarts, t);
            if (count != restartsThen || Double.isNaN(mean)) {
                restartsThen = count;
                mean = v;
                first = last = t;
                continue;
            }
            mean += (1 - Math.exp(-(t - last) / tau)) * (v - mean);
            last = t;
            if (t - first >= window && v >= MetricNames.MEMORY_PREDICTION_FROM)
                out.add(new double[] {t, Math.max(v + (v - mean) / tau * ahead, 0)});
        }
        return out;
    }

    private static Series only(List<Series> series, String pod) {
        return series.stream().filter(s -> s.labels().equals(Map.of("namespace", "shop", "pod", pod, "container", s.labels().get("container"))))
                .findFirst().orElseThrow();
    }

    private static double valueAt(Series s, long t) {
        double v = Double.NaN;
        for (int i = 0; i < s.size() && s.times()[i] <= t; i++) v = s.values()[i];
        return v;
    }
}
