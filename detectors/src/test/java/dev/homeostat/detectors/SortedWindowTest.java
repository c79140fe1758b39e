package dev.homeostat.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class SortedWindowTest {

    /** The incremental median, MAD and robust sigma equal a naive sort of the last `capacity` values after every add. */
    @Property(tries = 200)
    void medianAndMad_matchNaiveRecomputation(@ForAll @IntRange(min = 1, max = 12) int capacity,
                                              @ForAll @Size(min = 1, max = 60) List<@DoubleRange(min = -50, max = 50) Double> xs) {
        var window = new SortedWindow(capacity);
        var last = new ArrayDeque<Double>();
        for (double x : xs) {
            // few distinct values, so duplicates (the tricky case for eviction) are common
            double v = Math.rint(x / 10) + 0.0;   // the window folds -0.0 into 0.0
            window.add(v);
            last.addLast(v);
            if (last.size() > capacity) last.removeFirst();
            double[] naive = last.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double median = naiveMedian(naive);
            double[] deviations = Arrays.stream(naive).map(d -> Math.abs(d - median)).sorted().toArray();
            assertThat(window.size()).isEqualTo(naive.length);
            assertThat(window.median()).isEqualTo(median);
            assertThat(window.mad(median)).isEqualTo(naiveMedian(deviations));
            int p90 = (int) Math.floor(0.9 * (naive.length - 1));
            assertThat(window.robustSigma(median)).isCloseTo(Math.max(Math.max(1.4826 * naiveMedian(deviations),
                    1.2533 * Arrays.stream(deviations).map(d -> d / naive.length).sum()), deviations[p90] / 1.645),
                    org.assertj.core.data.Offset.offset(1e-9));   // the mean is summed in another order
            assertThat(window.toArray()).containsExactly(last.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }

    private static double naiveMedian(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
