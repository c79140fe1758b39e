package dev.homeostat.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class EwmaDetectorTest {

    @Test
    void spike_isExplainedInStandardDeviationsFromTheEwma() {
        double[] xs = Series.noise(4, 50, 20, 1);
        xs[49] = 40;
        Verdict v = Series.run(Series.create("ewma", 0), xs).get(49);
        assertThat(v.anomalous()).isTrue();
        assertThat(v.threshold()).isEqualTo(4.0);
        assertThat(v.explanation()).matches("value 40 is [0-9.]+ standard deviations above EWMA (19|20|21)(\\.[0-9]+)? \\(k=4\\)");
    }

    @Test
    void slowDrift_isTracked_butAJumpIsNot() {
        double[] xs = Series.noise(8, 400, 0, 1);
        for (int i = 0; i < 400; i++) xs[i] += i * 0.02;   // 8 standard deviations over the series, slowly
        List<Verdict> v = Series.run(Series.create("ewma:k=5", 0), xs);
        assertThat(v).filteredOn(Verdict::anomalous).hasSizeLessThan(3);
        xs[399] += 12;
        assertThat(Series.run(Series.create("ewma:k=5", 0), xs).get(399).anomalous()).isTrue();
    }

    @Test
    void sustainedShift_isRelearnedAfterRelearnObservations() {
        double[] xs = Series.noise(12, 200, 50, 1);
        for (int i = 60; i < 200; i++) xs[i] += 25;
        List<Verdict> v = Series.run(Series.create("ewma:relearn=20", 0), xs);
        assertThat(v.subList(60, 80)).allMatch(Verdict::anomalous);
        assertThat(v.subList(80, 200)).filteredOn(Verdict::anomalous).hasSizeLessThan(4);
    }

    @Test
    void directionDown_ignoresSpikes() {
        double[] xs = Series.noise(9, 60, 5, 0.5);
        xs[50] = 50;
        xs[55] = -40;
        List<Verdict> v = Series.run(Series.create("ewma:direction=down", 0), xs);
        assertThat(v.get(50).anomalous()).isFalse();
        assertThat(v.get(55).anomalous()).isTrue();
    }
}
