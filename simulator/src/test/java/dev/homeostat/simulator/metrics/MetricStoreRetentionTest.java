package dev.homeostat.simulator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MetricStoreRetentionTest {

    @Test
    void retention_keepsOnlyTheLastWindow_andStaysBounded() {
        var store = new MetricStore(Duration.ofMinutes(30));
        var h = store.series("m", Map.of("pod", "a"));
        for (long t = 0; t <= 24 * 3_600_000L; t += 15_000) h.add(t, t / 1000.0);
        var s = store.range("m", 0, Long.MAX_VALUE).getFirst();
        assertThat(s.size()).isEqualTo(121); // 30 min at 15 s, both ends included
        assertThat(s.times()[0]).isEqualTo(24 * 3_600_000L - 30 * 60_000L);
        assertThat(s.values()[120]).isEqualTo(86_400.0);
        assertThat(h.size()).isLessThanOrEqualTo(128); // the ring never grew past a window
    }

    @Test
    void seriesThatStopped_areDroppedAfterTheWindow_andComeBackWhenAppendedAgain() {
        var store = new MetricStore(Duration.ofMinutes(1));
        var gone = store.series("m", Map.of("pod", "gone"));
        var live = store.series("m", Map.of("pod", "live"));
        gone.add(0, 1);
        for (long t = 0; t <= 300_000; t += 15_000) live.add(t, 2);
        assertThat(store.range("m", 0, Long.MAX_VALUE)).extracting(s -> s.labels().get("pod")).containsExactly("live");
        assertThat(store.seriesCount()).isEqualTo(1);
        gone.add(315_000, 3);
        assertThat(store.seriesCount()).isEqualTo(2);
        assertThat(store.range("m", 315_000, 315_000)).extracting(s -> s.labels().get("pod")).containsExactly("gone");
    }

    @Test
    void keepAll_isTheDefault_andNegativeRetentionIsRejected() {
        assertThat(new MetricStore().retention()).isEqualTo(MetricStore.KEEP_ALL);
        assertThat(new MetricStore(null).retention()).isEqualTo(MetricStore.KEEP_ALL);
        assertThatThrownBy(() -> new MetricStore(Duration.ofMinutes(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retention");
    }

    /** Whatever the appends, a store with a window answers every query inside the window exactly as a keep-all store. */
    @Property(tries = 200)
    void insideTheWindow_retentionAnswersAsKeepAll(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int windowSteps) {
        var random = new SplittableRandom(seed);
        var all = new MetricStore();
        var windowed = new MetricStore(Duration.ofMillis(windowSteps * 1000L));
        int seriesCount = 1 + random.nextInt(5);
        long t = 0, latest = 0;
        for (int step = 0; step < 300; step++) {
            t += random.nextInt(3) * 1000L;
            for (int s = 0; s < seriesCount; s++) {
                if (random.nextInt(4) == 0) continue; // series pause and resume
                double v = random.nextDouble();
                all.add("m" + (s % 2), Map.of("s", "" + s), t, v);
                windowed.add("m" + (s % 2), Map.of("s", "" + s), t, v);
                latest = t;
            }
        }
        // the window ends at the newest sample the store saw
        long from = Math.max(0, latest - windowSteps * 1000L);
        for (String metric : all.metricNames()) {
            List<Series> expected = all.range(metric, from, Long.MAX_VALUE);
            List<Series> actual = windowed.range(metric, 0, Long.MAX_VALUE);
            assertThat(actual).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(actual.get(i).labels()).isEqualTo(expected.get(i).labels());
                assertThat(actual.get(i).times()).containsExactly(expected.get(i).times());
                assertThat(actual.get(i).values()).containsExactly(expected.get(i).values());
            }
        }
    }
}
