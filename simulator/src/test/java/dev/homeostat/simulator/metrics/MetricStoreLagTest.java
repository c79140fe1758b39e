package dev.homeostat.simulator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

/** A read narrowed per series ({@link MetricStore.Lag}) against the plain read it narrows, and reads inside reads. */
class MetricStoreLagTest {
    @Test
    void aLaggedRead_visitsEachSeriesWithExactlyThePlainReadsSamplesInsideItsOwnWindow() {
        var random = new SplittableRandom(7);
        for (int round = 0; round < 50; round++) {
            var store = filled(random, 600).store(); // more than a chunk of series
            long from = random.nextLong(0, 300_000), to = from + random.nextLong(0, 120_000);
            long lagFrom = from + random.nextLong(-20_000, 20_000), lagTo = lagFrom + random.nextLong(-5_000, 60_000);
            ToLongFunction<Handle> lagOf = h -> Long.parseLong(h.labels().get("pod").substring(1)) * 97 % 30_000;

            List<String> expected = new ArrayList<>();
            store.read("m", from, to, (h, a, times, values, n) -> {
                long lag = lagOf.applyAsLong(h);
                StringBuilder kept = new StringBuilder();
                for (int i = 0; i < n; i++)
                    if (times[i] >= lagFrom - lag && times[i] <= lagTo - lag) kept.append(times[i]).append('=').append(values[i]).append(' ');
                if (!kept.isEmpty()) expected.add(h.labels().get("pod") + ": " + kept);
            });
            List<String> actual = new ArrayList<>();
            store.read("m", from, to, new MetricStore.Lag(lagFrom, lagTo, lagOf), (h, a, times, values, n) -> {
                StringBuilder kept = new StringBuilder();
                for (int i = 0; i < n; i++) kept.append(times[i]).append('=').append(values[i]).append(' ');
                actual.add(h.labels().get("pod") + ": " + kept);
            });
            assertThat(actual).as("round %d", round).isEqualTo(expected);
        }
    }

    @Test
    void readChunks_handsEverySeriesInLabelOrder_withTheSamplesRangeHasInsideEachOwnWindow() {
        var random = new SplittableRandom(17);
        for (int round = 0; round < 50; round++) {
            var filled = filled(random, 1_500); // several chunks of series
            var store = filled.store();
            int series = filled.series();
            long from = random.nextLong(0, 300_000), to = from + random.nextLong(0, 120_000);
            long lagFrom = from + random.nextLong(-20_000, 20_000), lagTo = lagFrom + random.nextLong(-5_000, 60_000);
            ToLongFunction<Handle> lagOf = h -> Long.parseLong(h.labels().get("pod").substring(1)) * 97 % 30_000;
            boolean narrowed = random.nextBoolean();

            List<String> expected = new ArrayList<>();
            for (Series s : store.range("m", from, to)) {
                long lag = narrowed ? Long.parseLong(s.labels().get("pod").substring(1)) * 97 % 30_000 : 0;
                StringBuilder kept = new StringBuilder();
                for (int i = 0; i < s.size(); i++)
                    if (!narrowed || s.times()[i] >= lagFrom - lag && s.times()[i] <= lagTo - lag)
                        kept.append(s.times()[i]).append('=').append(s.values()[i]).append(' ');
                if (!kept.isEmpty()) expected.add(s.labels().get("pod") + ": " + kept);
            }
            List<String> actual = new ArrayList<>();
            int[] handed = {0};
            store.readChunks("m", from, to, narrowed ? new MetricStore.Lag(lagFrom, lagTo, lagOf) : null, chunk -> {
                for (int s = 0; s < chunk.size(); s++) {
                    handed[0]++;
                    if (chunk.count(s) == 0) continue;
                    StringBuilder kept = new StringBuilder();
                    for (int j = 0; j < chunk.count(s); j++) kept.append(chunk.time(s, j)).append('=').append(chunk.value(s, j)).append(' ');
                    actual.add(chunk.handle(s).labels().get("pod") + ": " + kept);
                }
            });
            assertThat(actual).as("round %d", round).isEqualTo(expected);
            if (!expected.isEmpty()) assertThat(handed[0]).as("every series of the family, with or without samples").isEqualTo(series);
        }
    }

    @Test
    void aVisitorMayReadTheSameFamilyAgain_withoutDisturbingTheOuterRead() {
        var store = new MetricStore();
        for (int s = 0; s < 3; s++) for (long t = 0; t < 60_000; t += 15_000) store.add("m", Map.of("pod", "p" + s), t, s * 10 + t / 15_000);
        List<String> outer = new ArrayList<>();
        store.read("m", 0, 60_000, (h, a, times, values, n) -> {
            String mine = Arrays.toString(Arrays.copyOf(values, n));
            store.read("m", 15_000, 15_000, (h2, a2, t2, v2, n2) -> { });
            outer.add(h.labels().get("pod") + " " + mine + " " + Arrays.toString(Arrays.copyOf(values, n)));
        });
        assertThat(outer).containsExactly(
                "p0 [0.0, 1.0, 2.0, 3.0] [0.0, 1.0, 2.0, 3.0]",
                "p1 [10.0, 11.0, 12.0, 13.0] [10.0, 11.0, 12.0, 13.0]",
                "p2 [20.0, 21.0, 22.0, 23.0] [20.0, 21.0, 22.0, 23.0]");
    }

    /** Up to {@code maxSeries} series of metric m, pod p0…, a sample at 9 of 10 scrapes over 5 minutes, kept or expiring at random. */
    private record Filled(MetricStore store, int series) { }

    private static Filled filled(SplittableRandom random, int maxSeries) {
        var store = new MetricStore(random.nextBoolean() ? MetricStore.KEEP_ALL : java.time.Duration.ofMinutes(2));
        int series = 1 + random.nextInt(maxSeries);
        int base = store.reserve(series);
        for (int s = 0; s < series; s++) store.bind("m", Map.of("pod", "p" + s), base + s);
        for (long t = 0; t < 300_000; t += 15_000) {
            Batch block = store.at(t);
            for (int s = 0; s < series; s++) if (random.nextInt(10) > 0) block.put(base + s, s * 1000 + t / 1000.0);
        }
        return new Filled(store, series);
    }
}
