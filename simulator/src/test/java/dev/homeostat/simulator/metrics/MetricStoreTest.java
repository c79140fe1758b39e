package dev.homeostat.simulator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricStoreTest {
    @Test
    void range_returnsSamplesInsideTheWindow_seriesSortedByLabels() {
        var store = new MetricStore();
        store.add("m", Map.of("pod", "b"), 0, 1);
        store.add("m", Map.of("pod", "a"), 0, 2);
        store.add("m", Map.of("pod", "a"), 15_000, 3);
        store.add("m", Map.of("pod", "a"), 30_000, 4);
        store.add("other", Map.of("pod", "a"), 0, 9);

        var series = store.range("m", 10_000, 30_000);
        assertThat(series).hasSize(1);
        assertThat(series.getFirst().labels()).containsExactly(Map.entry("pod", "a"));
        assertThat(series.getFirst().times()).containsExactly(15_000L, 30_000L);
        assertThat(series.getFirst().values()).containsExactly(3.0, 4.0);

        assertThat(store.range("m", 0, 0)).extracting(s -> s.labels().get("pod")).containsExactly("a", "b");
        assertThat(store.range("missing", 0, 100)).isEmpty();
        assertThat(store.metricNames()).containsExactly("m", "other");
    }

    @Test
    void seriesKey_ignoresLabelOrder() {
        var store = new MetricStore();
        var h1 = store.series("m", new java.util.LinkedHashMap<>(Map.of("a", "1", "b", "2")));
        var h2 = store.series("m", new java.util.TreeMap<>(Map.of("b", "2", "a", "1")));
        assertThat(h1).isSameAs(h2);
        assertThat(store.seriesCount()).isEqualTo(1);
    }

    @Test
    void add_backInTime_isRejected_andBadRangeToo() {
        var store = new MetricStore();
        store.add("m", Map.of(), 10, 1);
        assertThatThrownBy(() -> store.add("m", Map.of(), 9, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeMillis");
        assertThatThrownBy(() -> store.range("m", 5, 4)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fromMillis");
    }

    @Test
    void manySamples_growTheBuffer() {
        var store = new MetricStore();
        var h = store.series("m", Map.of());
        for (int i = 0; i < 1000; i++) h.add(i, i);
        var s = store.range("m", 0, Long.MAX_VALUE).getFirst();
        assertThat(s.size()).isEqualTo(1000);
        assertThat(s.values()[999]).isEqualTo(999.0);
    }
}
