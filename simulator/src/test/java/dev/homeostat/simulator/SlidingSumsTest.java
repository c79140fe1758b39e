package dev.homeostat.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class SlidingSumsTest {
    /** The owner's values after the window (a pod's duration histogram) are its own: pushes and laps leave them, and the sums are those of a window without them. */
    @Property(tries = 200)
    void valuesAfterTheWindowStayTheOwners(@ForAll @IntRange(min = 1, max = 6) int k, @ForAll @IntRange(min = 1, max = 8) int n,
                                           @ForAll @IntRange(min = 1, max = 14) int extra,
                                           @ForAll @Size(max = 40) List<@DoubleRange(min = -1e6, max = 1e6) Double> steps) {
        var plain = new SlidingSums(k, n);
        var shared = new SlidingSums(k, n, extra);
        double[] array = shared.array();
        for (int i = 0; i < extra; i++) array[shared.extra() + i] = 7 + i;
        double[] row = new double[k];
        for (double v : steps) {
            for (int j = 0; j < k; j++) row[j] = v * (j + 1);
            plain.push(row);
            shared.push(row);
            for (int j = 0; j < k; j++) assertThat(shared.sum(j)).isEqualTo(plain.sum(j));
            assertThat(shared.filled()).isEqualTo(plain.filled());
        }
        for (int i = 0; i < extra; i++) assertThat(array[shared.extra() + i]).isEqualTo(7 + i);
        assertThat(array).hasSize(shared.extra() + extra);
    }
}
