package dev.homeostat.testbed.detect;

import static dev.homeostat.testbed.detect.NabFixtures.alarmsAt;
import static dev.homeostat.testbed.detect.NabFixtures.rows;
import static dev.homeostat.testbed.detect.NabFixtures.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class NabScoringTest {
    // 20 rows, probation = floor(0.15 × 20) = 3. Window A over rows 8–11 (label starts half a minute before row 8),
    // window B over rows 15–16.
    private static final NabSeries SERIES = series("x/hand.csv", 20, List.of(rows(8, 11, 0.5), rows(15, 16)));
    // Row 1 is probationary; rows 5–6 are one false event before any window; rows 9–10 one event in A;
    // row 13 a false event after A; B is missed.
    private static final boolean[] ALARMS = alarmsAt(20, 1, 5, 6, 9, 10, 13);

    @Test
    void handBuiltSeries_eventWiseCountsPrecisionRecallF1() {
        SeriesScore s = NabScoring.score(SERIES, ALARMS);

        assertThat(s.probation()).isEqualTo(3);
        assertThat(s.alarmPoints()).isEqualTo(5);
        assertThat(s.alarmEvents()).isEqualTo(3);
        assertThat(s.matchedEvents()).isEqualTo(1);
        assertThat(s.falseEvents()).isEqualTo(2);
        assertThat(s.detectedWindows()).isEqualTo(1);
        assertThat(s.missedWindows()).isEqualTo(1);
        assertThat(s.precision()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(s.recall()).isCloseTo(0.5, within(1e-12));
        assertThat(s.f1()).isCloseTo(0.4, within(1e-12)); // 2·(1/3)(1/2) / (1/3 + 1/2)
    }

    @Test
    void handBuiltSeries_delayRunsFromLabelStartToFirstAlarm() {
        SeriesScore s = NabScoring.score(SERIES, ALARMS);

        // Label start = row 8 − 0.5 min, first alarm = row 9: 1.5 minutes.
        assertThat(s.delaysMinutes()).containsExactly(1.5);
    }

    @Test
    void handBuiltSeries_nabScoresMatchHandComputation() {
        SeriesScore s = NabScoring.score(SERIES, ALARMS);

        double tp = 2 / (1 + Math.exp(5 * -0.75)) - 1;       // row 9 in A: −(11 − 9 + 1)/4
        double fpAfterA = 2 / (1 + Math.exp(5 * (2.0 / 3))) - 1; // row 13: |11 − 13| / (4 − 1)
        assertThat(s.tpCredit()).isCloseTo(tp, within(1e-12));
        assertThat(s.fpPenalty()).isCloseTo(-2 + fpAfterA, within(1e-12)); // rows 5 and 6: −1 each
        assertThat(s.nabRaw(NabProfile.STANDARD)).isCloseTo(-0.36838, within(1e-5));
        assertThat(s.nabRaw(NabProfile.REWARD_LOW_FP)).isCloseTo(-0.69080, within(1e-5));
        assertThat(s.nabRaw(NabProfile.REWARD_LOW_FN)).isCloseTo(-1.36838, within(1e-5));

        var overall = new DetectorScore("hand", List.of(s)).overall();
        // null = −2 (two windows missed), perfect = 2·σ(−1) = 1.97323
        assertThat(overall.nab().get(NabProfile.STANDARD)).isCloseTo(41.0654, within(1e-3));
        assertThat(overall.nab().get(NabProfile.REWARD_LOW_FP)).isCloseTo(32.9506, within(1e-3));
        assertThat(overall.nab().get(NabProfile.REWARD_LOW_FN)).isCloseTo(44.0570, within(1e-3));
    }

    @Test
    void probationaryAlarms_areIgnored() {
        SeriesScore s = NabScoring.score(SERIES, alarmsAt(20, 0, 1, 2));

        assertThat(s.alarmPoints()).isZero();
        assertThat(s.alarmEvents()).isZero();
        assertThat(s.fpPenalty()).isZero();
        assertThat(s.precision()).isNaN();
        assertThat(s.nabRaw(NabProfile.STANDARD)).isEqualTo(-2.0);
    }

    @Test
    void probationaryAlarm_inWindowDoesNotDetectIt() {
        // 100 rows → probation 15; the window covers rows 10–20, alarm at row 12 only.
        var s = NabScoring.score(series("x/early.csv", 100, List.of(rows(10, 20))), alarmsAt(100, 12));

        assertThat(s.probation()).isEqualTo(15);
        assertThat(s.detectedWindows()).isZero();
    }

    @Test
    void consecutiveAlarmPoints_foldIntoOneEvent() {
        SeriesScore s = NabScoring.score(SERIES, alarmsAt(20, 4, 5, 6, 7));

        assertThat(s.alarmPoints()).isEqualTo(4);
        assertThat(s.alarmEvents()).isEqualTo(1);
        assertThat(s.matchedEvents()).isZero();
    }

    @Test
    void eventRunningIntoAWindow_matchesIt() {
        // Rows 6–9: 6 and 7 lie before A, 8 and 9 inside it: one event, matched; A detected at row 8.
        SeriesScore s = NabScoring.score(SERIES, alarmsAt(20, 6, 7, 8, 9));

        assertThat(s.alarmEvents()).isEqualTo(1);
        assertThat(s.matchedEvents()).isEqualTo(1);
        assertThat(s.precision()).isEqualTo(1.0);
        assertThat(s.delaysMinutes()).containsExactly(0.5);
        assertThat(s.tpCredit()).isCloseTo(NabScoring.scaledSigmoid(-1), within(1e-12));
        assertThat(s.fpPenalty()).isEqualTo(-2.0); // the NAB points of rows 6 and 7 are still false positives
    }

    @Test
    void laterAlarmsInTheSameWindow_scoreNothing() {
        double once = NabScoring.score(SERIES, alarmsAt(20, 9)).nabRaw(NabProfile.STANDARD);
        double thrice = NabScoring.score(SERIES, alarmsAt(20, 9, 10, 11)).nabRaw(NabProfile.STANDARD);

        assertThat(thrice).isEqualTo(once);
    }

    @Test
    void falsePositiveFarAfterAWindow_costsTheFullWeight() {
        // 200 rows, window over rows 40–41 (width 2 → denominator 1); row 190 is 149 rows past: σ(149) = −1.
        var s = NabScoring.score(series("x/far.csv", 200, List.of(rows(40, 41))), alarmsAt(200, 190));

        assertThat(s.fpPenalty()).isEqualTo(-1.0);
    }

    @Test
    void falsePositiveAfterOneRowWindow_isFinite() {
        var s = NabScoring.score(series("x/one.csv", 40, List.of(rows(10, 10))), alarmsAt(40, 11));

        assertThat(s.fpPenalty()).isCloseTo(NabScoring.scaledSigmoid(1), within(1e-12));
    }

    @Test
    void perfectAndNullDetectors_normaliseTo100And0() {
        var perfect = NabScoring.score(SERIES, alarmsAt(20, 8, 15));
        var none = NabScoring.score(SERIES, new boolean[20]);

        for (NabProfile p : NabProfile.values()) {
            assertThat(new DetectorScore("perfect", List.of(perfect)).overall().nab().get(p)).isCloseTo(100, within(1e-9));
            assertThat(new DetectorScore("none", List.of(none)).overall().nab().get(p)).isCloseTo(0, within(1e-9));
        }
    }

    @Test
    void probationLength_isFifteenPercentCappedAt750() {
        assertThat(NabScoring.probationLength(6)).isZero();
        assertThat(NabScoring.probationLength(20)).isEqualTo(3);
        assertThat(NabScoring.probationLength(100)).isEqualTo(15);
        assertThat(NabScoring.probationLength(4032)).isEqualTo(604);
        assertThat(NabScoring.probationLength(10_000)).isEqualTo(750);
    }

    @Test
    void scaledSigmoid_followsNabsCurve() {
        assertThat(NabScoring.scaledSigmoid(0)).isZero();
        assertThat(NabScoring.scaledSigmoid(-1)).isCloseTo(0.98661, within(1e-5));
        assertThat(NabScoring.scaledSigmoid(3)).isCloseTo(2 / (1 + Math.exp(15)) - 1, within(1e-12));
        assertThat(NabScoring.scaledSigmoid(3.0001)).isEqualTo(-1.0);
    }

    @Test
    void alarmFlags_mustCoverEveryRow() {
        assertThatThrownBy(() -> NabScoring.score(SERIES, new boolean[19]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x/hand.csv").hasMessageContaining("19 alarm flags for 20 rows");
    }

    @Property(tries = 300)
    void anyAlarms_stayWithinBounds(@ForAll @Size(60) List<Boolean> flags) {
        var s60 = series("x/prop.csv", 60, List.of(rows(12, 20), rows(30, 31), rows(45, 55)));
        boolean[] alarms = new boolean[60];
        for (int i = 0; i < 60; i++) alarms[i] = flags.get(i);

        SeriesScore s = NabScoring.score(s60, alarms);

        assertThat(s.alarmEvents()).isBetween(0, s.alarmPoints());
        assertThat(s.matchedEvents()).isBetween(0, s.alarmEvents());
        assertThat(s.detectedWindows()).isBetween(0, 3);
        assertThat(s.delaysMinutes()).hasSize(s.detectedWindows()).allSatisfy(d -> assertThat(d).isGreaterThanOrEqualTo(0));
        for (NabProfile p : NabProfile.values()) {
            assertThat(new DetectorScore("p", List.of(s)).overall().nab().get(p)).isLessThanOrEqualTo(100 + 1e-9);
        }
    }
}
