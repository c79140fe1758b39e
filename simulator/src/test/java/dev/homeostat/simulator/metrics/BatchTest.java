package dev.homeostat.simulator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class BatchTest {
    /** A run written through {@link Batch#run} and marked with one mask holds exactly the samples one put per slot would. */
    @Property(tries = 300)
    void aMarkedRunHoldsWhatPutsWouldHold(@ForAll @IntRange(min = 0, max = 300) int base, @ForAll @IntRange(min = 1, max = 64) int length,
                                          @ForAll long mask, @ForAll @Size(max = 5) List<@IntRange(min = 0, max = 400) Integer> others) {
        long inRun = length == 64 ? mask : mask & ((1L << length) - 1);
        var marked = new Batch(16);
        var put = new Batch(16);
        for (int slot : others) {
            marked.put(slot, -slot);
            put.put(slot, -slot);
        }
        double[] values = marked.run(base, length);
        for (int i = 0; i < length; i++) {
            if ((inRun & (1L << i)) == 0) continue;
            values[base + i] = base + i + 0.5;
            put.put(base + i, base + i + 0.5);
        }
        marked.mark(base, inRun);
        for (int slot = 0; slot < base + length + 70; slot++) {
            assertThat(marked.has(slot)).as("slot %d", slot).isEqualTo(put.has(slot));
            if (put.has(slot)) assertThat(marked.values[slot]).isEqualTo(put.values[slot]);
        }
        assertThat(marked.sampleCount()).isEqualTo(put.sampleCount());
    }
}
