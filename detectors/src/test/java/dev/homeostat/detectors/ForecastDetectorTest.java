package dev.homeostat.detectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ForecastDetectorTest {

    /** A sine of period 40 and amplitude 10 with noise 0.1: every value lies in [−10, 10]. */
    private static double[] sine(long seed, int n) {
        var r = new SplittableRandom(seed);
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) xs[i] = 10 * Math.sin(2 * Math.PI * i / 40) + 0.1 * Series.gaussian(r);
        return xs;
    }

    @Test
    void valueInsideTheUsualRangeButAgainstTheDynamics_isFlaggedByForecastNotByMad() {
        double[] xs = sine(1, 400);
        xs[310] = -xs[310];       // a peak turned into a trough: within the range of the series, against its rhythm
        List<Verdict> forecast = Series.run(Series.create("forecast", 1), xs);
        List<Verdict> mad = Series.run(Series.create("mad", 1), xs);
        assertThat(forecast.get(310).anomalous()).isTrue();
        assertThat(forecast.get(310).explanation()).matches("value -?[0-9.]+ is [0-9.]+ MADs (above|below) the AR\\(3\\) forecast -?[0-9.]+ \\(k=5\\)");
        assertThat(forecast.subList(120, 400)).filteredOn(Verdict::anomalous).hasSize(1);
        assertThat(mad.get(310).anomalous()).isFalse();
    }

    @Test
    void trend_isFollowedWithDifferencing_andAStepOnItIsFlagged() {
        var r = new SplittableRandom(2);
        double[] xs = new double[500];
        for (int i = 0; i < xs.length; i++) xs[i] = 100 + 0.5 * i + 0.2 * Series.gaussian(r) + (i >= 450 ? 10 : 0);
        List<Verdict> v = Series.run(Series.create("forecast:d=1", 2), xs);
        assertThat(v.subList(120, 450)).noneMatch(Verdict::anomalous);
        assertThat(v.get(450).anomalous()).isTrue();
        assertThat(v.get(450).explanation()).contains("above the ARIMA(3,1,0) forecast");
    }

    @Test
    void arma_fitsAnArmaProcess_withoutFalseAlarms() {
        var r = new SplittableRandom(3);
        double[] xs = new double[400];
        double prevE = 0;
        for (int i = 1; i < xs.length; i++) {
            double e = Series.gaussian(r);
            xs[i] = 0.6 * xs[i - 1] + e + 0.4 * prevE;
            prevE = e;
        }
        xs[300] += 12;
        List<Verdict> v = Series.run(Series.create("forecast:model=arma,p=1,q=1", 3), xs);
        assertThat(v.get(300).anomalous()).isTrue();
        assertThat(v.get(300).explanation()).contains("ARMA(1,1)");
        assertThat(v.subList(120, 300)).filteredOn(Verdict::anomalous).hasSizeLessThan(3);
    }

    @Test
    void singularTrainingWindow_judgesNormalWithTheReason_neverThrows() {
        double[] xs = new double[200];
        for (int i = 0; i < xs.length; i++) xs[i] = i % 3 == 0 ? 1 : 3;   // AR(3) lags and intercept are collinear
        xs[199] = 50;
        List<Verdict> v = Series.run(Series.create("forecast", 4), xs);
        assertThat(v).noneMatch(Verdict::anomalous);
        assertThat(v.get(199).explanation()).startsWith("forecast: no model yet, judged normal: AR(3) fit on 120 values failed (");
    }

    @Test
    void levelShift_isRelearnedAfterRelearnAnomalies() {
        double[] xs = Series.noise(5, 400, 10, 1);
        for (int i = 200; i < xs.length; i++) xs[i] += 30;
        List<Verdict> v = Series.run(Series.create("forecast:relearn=20", 5), xs);
        assertThat(v.subList(200, 220)).allMatch(Verdict::anomalous);
        assertThat(v.subList(240, 400)).filteredOn(Verdict::anomalous).hasSizeLessThan(3);
        List<Verdict> never = Series.run(Series.create("forecast:relearn=0", 5), xs);
        assertThat(never.subList(200, 400)).allMatch(Verdict::anomalous);
    }

    @Test
    void spike_isNotLearned_soTheNextSpikeMeetsTheSameForecast() {
        double[] xs = Series.noise(6, 300, 10, 1);
        xs[200] = 40;
        xs[201] = 40;
        List<Verdict> v = Series.run(Series.create("forecast:p=1", 6), xs);
        assertThat(v.get(200).anomalous()).isTrue();
        assertThat(v.get(201).anomalous()).isTrue();
        assertThat(v.get(201).score()).isCloseTo(v.get(200).score(), org.assertj.core.data.Percentage.withPercentage(10));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "forecast:model=arima  | parameter 'model' must be one of ar|arma, got 'arima' (e.g. model=arma)",
            "forecast:q=2          | parameter 'q' needs model=arma",
            "forecast:d=3          | parameter 'd' must be 0, 1 or 2, got '3'",
            "forecast:p=0          | parameter 'p' must be a whole number ≥ 1, got '0'",
            "forecast:p=10,train=30 | parameter 'train' must be at least d + 3·(p + q) + 10 = 40 to fit the model, got '30'",
            "forecast:k=-1         | parameter 'k' must be a number in (0, ∞], got '-1'",
    })
    void badParameters_nameTheParameterAndTheFix(String spec, String message) {
        assertThatThrownBy(() -> DetectorRegistry.validate(DetectorSpec.parse(spec)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("detector 'forecast': ")
                .hasMessageContaining(message);
    }
}
