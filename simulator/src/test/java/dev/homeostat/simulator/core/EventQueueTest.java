package dev.homeostat.simulator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class EventQueueTest {
    record Item(long time, int band, int order) { }

    @Test
    void poll_returnsEarliestFirst_andAdvancesNow() {
        var q = new EventQueue<String>(2);
        q.add(30, "c");
        q.add(10, "a");
        q.add(20, "b");
        assertThat(q.peekTime()).isEqualTo(10);
        assertThat(List.of(q.poll(), q.poll())).containsExactly("a", "b");
        assertThat(q.now()).isEqualTo(20);
        assertThat(q.poll()).isEqualTo("c");
        assertThat(q.isEmpty()).isTrue();
    }

    @Test
    void sameInstant_lowerBandFirst_thenInsertionOrder() {
        var q = new EventQueue<String>();
        q.add(5, 2, "hook");
        q.add(5, 0, "cluster-1");
        q.add(5, 1, "traffic");
        q.add(5, 0, "cluster-2");
        assertThat(List.of(q.poll(), q.poll(), q.poll(), q.poll())).containsExactly("cluster-1", "cluster-2", "traffic", "hook");
    }

    @Test
    void add_beforeNow_isRejectedWithTheTimesInTheMessage() {
        var q = new EventQueue<String>();
        q.add(100, "x");
        q.poll();
        assertThatThrownBy(() -> q.add(99, "late")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("time").hasMessageContaining("99").hasMessageContaining("100");
        q.add(100, "same instant is fine");
        assertThat(q.size()).isEqualTo(1);
    }

    @Test
    void poll_onEmptyQueue_throws() {
        assertThatThrownBy(() -> new EventQueue<String>().poll()).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void add_withBandOutOfRange_isRejected() {
        assertThatThrownBy(() -> new EventQueue<String>().add(1, EventQueue.MAX_BAND + 1, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("band");
    }

    @Property(tries = 200)
    void popOrder_equalsSortingByTimeBandThenInsertion(@ForAll @Size(max = 300) List<@LongRange(max = 50) Long> times,
                                                        @ForAll @Size(max = 300) List<@IntRange(max = 3) Integer> bands) {
        var q = new EventQueue<Item>(1);
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            var item = new Item(times.get(i), bands.isEmpty() ? 0 : bands.get(i % bands.size()), i);
            items.add(item);
            q.add(item.time(), item.band(), item);
        }
        List<Item> popped = new ArrayList<>();
        while (!q.isEmpty()) popped.add(q.poll());
        items.sort(Comparator.comparingLong(Item::time).thenComparingInt(Item::band).thenComparingInt(Item::order));
        assertThat(popped).containsExactlyElementsOf(items);
    }

    @Property(tries = 200)
    void interleavedAddAndPoll_timeNeverGoesBackwards(@ForAll @Size(min = 1, max = 300) List<@LongRange(max = 1000) Long> delays,
                                                       @ForAll @Size(min = 1, max = 300) List<Boolean> polls) {
        var q = new EventQueue<Long>(1);
        long last = 0;
        for (int i = 0; i < delays.size(); i++) {
            q.add(q.now() + delays.get(i), delays.get(i));
            if (polls.get(i % polls.size()) && !q.isEmpty()) {
                q.poll();
                assertThat(q.now()).isGreaterThanOrEqualTo(last);
                last = q.now();
            }
        }
        while (!q.isEmpty()) {
            q.poll();
            assertThat(q.now()).isGreaterThanOrEqualTo(last);
            last = q.now();
        }
    }

    @Test
    void polledCount_countsEveryPoll() {
        var q = new EventQueue<String>();
        q.add(5, "a");
        q.add(7, "b");
        assertThat(q.polledCount()).isZero();
        q.poll();
        q.poll();
        assertThat(q.polledCount()).isEqualTo(2);
    }
}
