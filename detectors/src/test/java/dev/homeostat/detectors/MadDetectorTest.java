package dev.homeostat.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class MadDetectorTest {

    @Test
    void outlier_isExplainedInMadsFromTheMedian() {
        double[] xs = Series.noise(7, 61, 0.41, 0.01);
        xs[60] = 0.93;
        List<Verdict> v = Series.run(Series.create("mad", 0), xs);
        Verdict last = v.get(60);
        assertThat(last.anomalous()).isTrue();
        assertThat(last.threshold()).isEqualTo(5.0);
        assertThat(last.explanation()).matches("value 0\\.93 is [0-9.]+ MADs above median 0\\.4[0-9]* \\(k=5\\)");
    }

    @Test
    void outlier_isNotLearned_soTheNextOneIsStillFlagged() {
        double[] xs = Series.noise(3, 80, 100, 1);
        xs[60] = 150;
        xs[61] = 150;
        xs[70] = 150;
        List<Verdict> v = Series.run(Series.create("mad", 0), xs);
        assertThat(v.get(60).anomalous()).isTrue();
        assertThat(v.get(61).anomalous()).isTrue();
        assertThat(v.get(70).anomalous()).isTrue();
        assertThat(v.get(70).score()).isCloseTo(v.get(60).score(), org.assertj.core.data.Percentage.withPercentage(20));
    }

    @Test
    void sustainedShift_alarmsForRelearnObservations_thenBecomesNormal() {
        double[] xs = Series.noise(11, 200, 100, 1);
        for (int i = 60; i < 200; i++) xs[i] += 30;
        List<Verdict> v = Series.run(Series.create("mad:window=40,relearn=25", 0), xs);
        assertThat(v.subList(60, 85)).allMatch(Verdict::anomalous);
        assertThat(v.subList(85, 200)).filteredOn(Verdict::anomalous).hasSizeLessThan(3);
    }

    @Test
    void relearnZero_keepsAlarmingOnASustainedShift() {
        double[] xs = Series.noise(11, 200, 100, 1);
        for (int i = 60; i < 200; i++) xs[i] += 30;
        List<Verdict> v = Series.run(Series.create("mad:window=40,relearn=0", 0), xs);
        assertThat(v.subList(60, 200)).allMatch(Verdict::anomalous);
    }

    @Test
    void directionUp_ignoresDrops_directionDown_ignoresSpikes() {
        double[] xs = Series.noise(5, 80, 10, 1);
        xs[70] = -30;
        xs[75] = 50;
        List<Verdict> up = Series.run(Series.create("mad:direction=up", 0), xs);
        List<Verdict> down = Series.run(Series.create("mad:direction=down", 0), xs);
        assertThat(up.get(70)).isEqualTo(Verdict.normal(0, 5));
        assertThat(up.get(75).anomalous()).isTrue();
        assertThat(down.get(70).anomalous()).isTrue();
        assertThat(down.get(70).explanation()).contains("below median");
        assertThat(down.get(75).anomalous()).isFalse();
    }

    @Test
    void flatWindow_usesTheSpreadFloor_soScoresStayFinite() {
        double[] xs = new double[40];
        Arrays.fill(xs, 0.0);
        xs[39] = 1e-3;
        List<Verdict> v = Series.run(Series.create("mad:window=30,minSpread=1e-2", 0), xs);
        assertThat(v.get(39).score()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(v.get(39).anomalous()).isFalse();
        List<Verdict> dflt = Series.run(Series.create("mad:window=30", 0), xs);
        assertThat(dflt.get(39).anomalous()).isTrue();
        assertThat(dflt.get(39).score()).isFinite();
    }

    @Test
    void quantizedMetric_whoseMadIsAlmostZero_doesNotAlarmOnItsUsualLevels() {
        // like NAB's ec2_cpu_utilization_c6585a: mostly 0.066, sometimes 0.068, regularly 0.134
        double[] xs = new double[300];
        for (int i = 0; i < xs.length; i++) xs[i] = i % 7 == 3 ? 0.134 : i % 5 == 1 ? 0.068 : 0.066;
        xs[299] = 1.4;
        List<Verdict> v = Series.run(Series.create("mad", 0), xs);
        assertThat(v.subList(0, 299)).noneMatch(Verdict::anomalous);
        assertThat(v.get(299).anomalous()).isTrue();
    }

    @Test
    void warmUp_scoresZeroUntilMinObservations() {
        double[] xs = Series.noise(2, 20, 0, 1);
        xs[9] = 1000;
        List<Verdict> v = Series.run(Series.create("mad:window=20,min=10", 0), xs);
        assertThat(v.subList(0, 10)).allMatch(x -> x.equals(Verdict.normal(0, 5)));
    }
}
