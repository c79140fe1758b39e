package dev.homeostat.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SeasonalDetectorTest {

    /** A daily-like cycle of 48 observations: low at night, peak at midday. */
    private static double[] cycle(long seed, int periods) {
        double[] noise = Series.noise(seed, periods * 48, 0, 1);
        double[] xs = new double[noise.length];
        for (int i = 0; i < xs.length; i++) xs[i] = 100 + 50 * Math.sin(2 * Math.PI * i / 48) + noise[i];
        return xs;
    }

    @Test
    void peakLevelAtTrough_isFlagged_butThePeakItselfIsNot() {
        double[] xs = cycle(1, 8);
        int trough = 7 * 48 + 36;               // sin = -1 at phase 36: normal ≈ 50
        xs[trough] = 150;                      // the usual midday level, at night
        List<Verdict> v = Series.run(Series.create("seasonal:period=48", 0), xs);
        assertThat(v.get(trough).anomalous()).isTrue();
        assertThat(v.get(trough).explanation()).matches("value 150 is [0-9.]+ MADs above same-phase median [0-9.]+ of the last 3 periods \\(k=5\\)");
        assertThat(v.subList(4 * 48, 7 * 48)).filteredOn(Verdict::anomalous).hasSizeLessThan(3);
    }

    @Test
    void plainMad_wouldMissTheSameAnomaly() {
        // why the seasonal detector exists: 150 is within the overall spread of the cycle
        double[] xs = cycle(1, 8);
        int trough = 7 * 48 + 36;
        xs[trough] = 150;
        assertThat(Series.run(Series.create("mad:window=96", 0), xs).get(trough).anomalous()).isFalse();
    }

    @Test
    void missingValue_advancesThePhase() {
        double[] xs = cycle(2, 6);
        xs[4 * 48 + 10] = Double.NaN;
        int later = 5 * 48 + 12;
        List<Verdict> v = Series.run(Series.create("seasonal:period=48", 0), xs);
        assertThat(v.get(4 * 48 + 10)).isEqualTo(Verdict.normal(0, 5));
        assertThat(v.subList(4 * 48 + 11, later + 1)).noneMatch(Verdict::anomalous);
    }

    @Test
    void shiftLastingCyclesPeriods_becomesTheNewNormal() {
        double[] xs = cycle(3, 12);
        for (int i = 5 * 48; i < xs.length; i++) xs[i] += 80;
        List<Verdict> v = Series.run(Series.create("seasonal:period=48,cycles=2", 0), xs);
        assertThat(v.subList(5 * 48, 5 * 48 + 40)).allMatch(Verdict::anomalous);
        assertThat(v.subList(9 * 48, 12 * 48)).filteredOn(Verdict::anomalous).hasSizeLessThan(4);
    }
}
