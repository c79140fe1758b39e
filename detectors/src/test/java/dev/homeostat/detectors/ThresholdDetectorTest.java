package dev.homeostat.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ThresholdDetectorTest {

    @Property(tries = 100)
    void constantInsideBounds_neverAlarms(@ForAll @DoubleRange(min = -1e9, max = 1e9) double c,
                                          @ForAll @IntRange(min = 1, max = 300) int length) {
        double[] xs = new double[length];
        Arrays.fill(xs, c);
        var d = Series.create("threshold:above=" + (c + 1) + ",below=" + (c - 1), 1);
        assertThat(Series.run(d, xs)).noneMatch(Verdict::anomalous);
    }

    @Property(tries = 100)
    void stepAboveBound_isFlaggedAfterExactlyForObservations(@ForAll @IntRange(min = 1, max = 10) int forN,
                                                              @ForAll long seed) {
        double[] xs = Series.noise(seed, 100, 0.5, 0.05);
        for (int i = 0; i < xs.length; i++) xs[i] = Math.min(xs[i], 0.79);   // warm-up stays inside the bound
        double[] stepped = Arrays.copyOf(xs, 130);
        Arrays.fill(stepped, 100, 130, 1.5);
        List<Verdict> verdicts = Series.run(Series.create("threshold:above=0.8,for=" + forN, seed), stepped);
        int first = verdicts.indexOf(verdicts.stream().filter(Verdict::anomalous).findFirst().orElseThrow());
        assertThat(first).isEqualTo(100 + forN - 1);
        assertThat(verdicts.get(first).explanation()).isEqualTo("value 1.5 is above 0.8" + (forN > 1 ? " for " + forN + " consecutive observations" : ""));
        assertThat(verdicts.get(first).score()).isCloseTo(0.7, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void below_flagsLowValues_andAValueBackInsideResetsTheRun() {
        var d = Series.create("threshold:below=10,for=2", 0);
        List<Verdict> v = Series.run(d, new double[] {12, 9, 11, 9, 8, 7});
        assertThat(v).extracting(Verdict::anomalous).containsExactly(false, false, false, false, true, true);
        assertThat(v.get(4).explanation()).startsWith("value 8 is below 10");
    }

    @Test
    void missingValue_neitherExtendsNorBreaksARun() {
        var d = Series.create("threshold:above=1,for=3", 0);
        List<Verdict> v = Series.run(d, new double[] {2, Double.NaN, 2, Double.POSITIVE_INFINITY, 2});
        assertThat(v).extracting(Verdict::anomalous).containsExactly(false, false, false, false, true);
        assertThat(v.get(1)).isEqualTo(Verdict.normal(0, 0));
    }

    @Test
    void vector_isJudgedSignalBySignal_andNamesTheSignal() {
        var d = Series.create("threshold:above=1", 0);
        Verdict v = d.observe(0, new double[] {0.5, 3, 0.2});
        assertThat(v.anomalous()).isTrue();
        assertThat(v.explanation()).isEqualTo("signal 1: value 3 is above 1");
        assertThat(v.score()).isEqualTo(2.0);
    }
}
