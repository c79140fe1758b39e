package dev.homeostat.testbed.detect;

import static dev.homeostat.testbed.detect.NabFixtures.rows;
import static dev.homeostat.testbed.detect.NabFixtures.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.homeostat.detectors.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NabEvaluationTest {
    private static final NabSeries WITH_WINDOW = series("a/with.csv", 100, List.of(rows(40, 49, 0.5)));
    private static final NabSeries CLEAN = series("b/clean.csv", 100, List.of());

    /** Alarms when the value exceeds 5: the evaluation feeds values as double[1]. */
    private static final Candidate ABOVE_FIVE = new Candidate("above5",
            (series, seed) -> (time, values) -> new Verdict(values[0], 5, values[0] > 5, "value > 5"));

    @Test
    void detector_seesEveryRowInTimeOrderAsOneValue() {
        var seen = new ArrayList<Long>();
        var widths = new ArrayList<Integer>();
        var probe = new Candidate("probe", (series, seed) -> (time, values) -> {
            seen.add(time);
            widths.add(values.length);
            return Verdict.normal(0, 1);
        });

        NabEvaluation.evaluate(List.of(WITH_WINDOW), probe, 7);

        assertThat(seen).hasSize(100).isSorted().startsWith(NabFixtures.T0);
        assertThat(widths).containsOnly(1);
    }

    @Test
    void thresholdDetector_isScoredFromItsVerdicts() {
        double[] values = WITH_WINDOW.values().clone();
        values[42] = 9; values[43] = 9; // inside the window
        values[70] = 9;                   // a false alarm after it
        var s = new NabSeries("a/with.csv", WITH_WINDOW.times(), values, WITH_WINDOW.windows());

        SeriesScore score = NabEvaluation.evaluate(List.of(s), ABOVE_FIVE, 1).files().getFirst();

        assertThat(score.alarmEvents()).isEqualTo(2);
        assertThat(score.matchedEvents()).isEqualTo(1);
        assertThat(score.detectedWindows()).isEqualTo(1);
        assertThat(score.delaysMinutes()).containsExactly(2.5); // row 42 − (row 40 − 0.5 min)
    }

    @Test
    void alwaysBaseline_detectsEveryWindowAtItsFirstScoredRowWithOneEventPerFile() {
        DetectorScore always = NabEvaluation.evaluate(List.of(WITH_WINDOW, CLEAN), Baselines.always(), 1);

        SeriesScore with = always.files().get(0);
        assertThat(with.alarmPoints()).isEqualTo(85); // 100 rows − 15 probationary
        assertThat(with.alarmEvents()).isEqualTo(1);
        assertThat(with.precision()).isEqualTo(1.0);
        assertThat(with.recall()).isEqualTo(1.0);
        assertThat(with.delaysMinutes()).containsExactly(0.5);
        assertThat(with.tpCredit()).isCloseTo(NabScoring.scaledSigmoid(-1), within(1e-12));

        var overall = always.overall();
        assertThat(overall.recall()).isEqualTo(1.0);
        assertThat(overall.alarmRate()).isEqualTo(1.0);
        assertThat(overall.precision()).isEqualTo(0.5); // the clean file's one event matches nothing
        assertThat(overall.cleanFalseEvents()).isEqualTo(1);
        // Clean file: scored from row 15 to row 99 = 84 minutes.
        assertThat(overall.falseAlarmsPerDay()).isCloseTo(1440.0 / 84, within(1e-9));
        // 85 + 85 − 10 = 160 false-positive points cost heavily: far below the null detector.
        assertThat(overall.nab().get(NabProfile.STANDARD)).isNegative();
    }

    @Test
    void randomBaseline_alarmsOnAboutOnePercentOfScoredPoints() {
        var longClean = series("b/long.csv", 20_750, List.of()); // 20,000 scored rows
        SeriesScore s = NabEvaluation.evaluate(List.of(longClean), Baselines.random(Baselines.RANDOM_P), 3).files().getFirst();

        // Binomial(20000, 0.01): mean 200, sd ≈ 14; ±5 sd.
        assertThat(s.alarmPoints()).isBetween(130, 270);
        assertThat(s.alarmEvents()).isBetween(1, s.alarmPoints());
    }

    @Test
    void randomBaseline_isReproducibleForASeedAndDiffersAcrossSeeds() {
        var data = List.of(WITH_WINDOW, series("b/long.csv", 5_000, List.of()));
        var random = Baselines.random(Baselines.RANDOM_P);

        var first = NabEvaluation.evaluate(data, random, 11).files();
        var again = NabEvaluation.evaluate(data, random, 11).files();
        var other = NabEvaluation.evaluate(data, random, 12).files();

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void overall_poolsCountsAcrossFiles() {
        double[] v1 = new double[100];
        v1[45] = 9; v1[80] = 9;
        double[] v2 = new double[100];
        v2[30] = 9; v2[31] = 9; v2[60] = 9;
        var s1 = new NabSeries("a/with.csv", WITH_WINDOW.times(), v1, WITH_WINDOW.windows());
        var s2 = new NabSeries("b/clean.csv", CLEAN.times(), v2, List.of());

        var overall = NabEvaluation.evaluate(List.of(s1, s2), ABOVE_FIVE, 1).overall();

        assertThat(overall.alarmEvents()).isEqualTo(4);
        assertThat(overall.matchedEvents()).isEqualTo(1);
        assertThat(overall.precision()).isEqualTo(0.25);
        assertThat(overall.recall()).isEqualTo(1.0);
        assertThat(overall.f1()).isCloseTo(0.4, within(1e-12));
        assertThat(overall.delayMedianMinutes()).isEqualTo(5.5);
        assertThat(overall.falseAlarmsPerDay()).isCloseTo(2 * 1440.0 / 84, within(1e-9));
    }

    @Test
    void percentile_interpolatesLinearly() {
        assertThat(Metrics.percentile(List.of(4.0, 1.0, 3.0, 2.0), 0.5)).isEqualTo(2.5);
        assertThat(Metrics.percentile(List.of(10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0, 100.0), 0.9)).isCloseTo(91.0, within(1e-9));
        assertThat(Metrics.percentile(List.of(), 0.9)).isNaN();
    }

    @Test
    void detectorReturningNoVerdict_isReportedWithFileAndRow() {
        var broken = new Candidate("broken", (series, seed) -> (time, values) -> null);

        assertThatThrownBy(() -> NabEvaluation.evaluate(List.of(CLEAN), broken, 1))
                .hasMessageContaining("broken").hasMessageContaining("b/clean.csv").hasMessageContaining("row 0");
    }
}
