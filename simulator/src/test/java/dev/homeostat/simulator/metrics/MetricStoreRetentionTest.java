package dev.homeostat.simulator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
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

    /** One append: after {@code advanceSeconds} (0: the same instant), {@code value} to series {@code series}. */
    record Append(int advanceSeconds, int series, double value) { }

    @Provide
    Arbitrary<List<Append>> appends() {
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 4), Arbitraries.doubles().between(0, 1))
                .as(Append::new).list().ofMaxSize(600);
    }

    /** Whatever the appends (series pause and resume, several per instant), a store with a window answers every query inside the window exactly as a keep-all store. */
    @Property(tries = 200)
    void insideTheWindow_retentionAnswersAsKeepAll(@ForAll("appends") List<Append> appends, @ForAll @IntRange(min = 1, max = 40) int windowSteps) {
        var all = new MetricStore();
        var windowed = new MetricStore(Duration.ofMillis(windowSteps * 1000L));
        long t = 0, latest = 0;
        for (Append a : appends) {
            t += a.advanceSeconds() * 1000L;
            all.add("m" + (a.series() % 2), Map.of("s", "" + a.series()), t, a.value());
            windowed.add("m" + (a.series() % 2), Map.of("s", "" + a.series()), t, a.value());
            latest = t;
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
