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
    void read_visitsWhatRangeReturns_withAttachments_andSeesSeriesAddedSinceItsLastRead() {
        var store = new MetricStore();
        store.add("m", Map.of("pod", "b"), 0, 1);
        store.add("m", Map.of("pod", "a"), 0, 2);
        store.add("m", Map.of("pod", "a"), 15_000, 3);
        var seen = new java.util.ArrayList<String>();
        store.read("m", 0, 15_000, (h, attachment, times, values, n) -> {
            seen.add(h.labels().get("pod") + " " + attachment + " " + java.util.Arrays.toString(java.util.Arrays.copyOf(values, n)));
            h.attach("known-" + h.labels().get("pod"));
        });
        assertThat(seen).containsExactly("a null [2.0, 3.0]", "b null [1.0]");
        assertThat(store.range("m", 0, 15_000)).extracting(x -> x.labels().get("pod") + " " + java.util.Arrays.toString(x.values()))
                .containsExactly("a [2.0, 3.0]", "b [1.0]");

        store.add("m", Map.of("pod", "c"), 15_000, 4); // a new series: the next read walks it too, in label order
        seen.clear();
        store.read("m", 10_000, 15_000, (h, attachment, times, values, n) -> seen.add(h.labels().get("pod") + " " + attachment + " " + times[n - 1]));
        assertThat(seen).containsExactly("a known-a 15000", "c null 15000");
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

    @Test
    void batch_writesReservedSlots_andQueriesSeeThemAsSeries() {
        var store = new MetricStore();
        int base = store.reserve(2);
        store.bind("cpu", Map.of("pod", "a"), base);
        store.bind("mem", Map.of("pod", "a"), base + 1);
        for (long t = 0; t <= 30_000; t += 15_000) {
            Batch block = store.at(t);
            block.put(base, t / 1000.0);
            if (t > 0) block.put(base + 1, -0.0); // a sample of value -0.0 is a sample, not a gap
        }
        assertThat(store.range("cpu", 0, Long.MAX_VALUE).getFirst().values()).containsExactly(0.0, 15.0, 30.0);
        var mem = store.range("mem", 0, Long.MAX_VALUE).getFirst();
        assertThat(mem.times()).containsExactly(15_000L, 30_000L);
        assertThat(Double.doubleToRawLongBits(mem.values()[0])).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(store.sampleCount()).isEqualTo(5);
        assertThatThrownBy(() -> store.bind("cpu", Map.of("pod", "a"), base + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slot");
        assertThatThrownBy(() -> store.bind("x", Map.of(), 99)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slot");
    }

    @Test
    void sameTimeTwice_keepsTheLastValue_andALateTimeIsInsertedInOrder() {
        var store = new MetricStore();
        store.add("m", Map.of("s", "a"), 10_000, 1);
        store.add("m", Map.of("s", "a"), 10_000, 2);
        store.add("m", Map.of("s", "b"), 30_000, 3);
        store.add("m", Map.of("s", "b"), 30_000, 3);
        store.add("m", Map.of("s", "c"), 20_000, 4); // a series that is behind the newest time
        assertThat(store.range("m", 0, Long.MAX_VALUE)).extracting(s -> s.times()[0] + "=" + s.values()[0] + "x" + s.size())
                .containsExactly("10000=2.0x1", "30000=3.0x1", "20000=4.0x1");
        assertThat(store.range("m", 15_000, 25_000)).extracting(s -> s.labels().get("s")).containsExactly("c");
    }

    @Test
    void releasedSlots_areReusedOnlyAfterTheirSamplesExpired() {
        var store = new MetricStore(java.time.Duration.ofMinutes(1));
        int first = store.reserve(3);
        store.bind("m", Map.of("pod", "gone"), first);
        store.at(0).put(first, 1);
        store.release(first, 3);
        int second = store.reserve(3);
        assertThat(second).as("still holds a sample in the window").isNotEqualTo(first);
        var live = store.series("m", Map.of("pod", "live"));
        for (long t = 0; t <= 180_000; t += 15_000) live.add(t, 2);
        assertThat(store.range("m", 0, Long.MAX_VALUE)).extracting(s -> s.labels().get("pod")).containsExactly("live");
        assertThat(store.reserve(3)).as("expired: the run is free again").isEqualTo(first);
        store.bind("m", Map.of("pod", "new"), first);
        store.at(195_000).put(first, 7);
        assertThat(store.range("m", 195_000, 195_000)).extracting(s -> s.labels().get("pod") + "=" + s.values()[0])
                .containsExactly("new=7.0");
    }
}
