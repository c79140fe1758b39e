package dev.homeostat.testbed.detect;

import static dev.homeostat.testbed.detect.NabFixtures.rows;
import static dev.homeostat.testbed.detect.NabFixtures.scores;
import static dev.homeostat.testbed.detect.NabFixtures.series;
import static dev.homeostat.testbed.detect.NabSweeper.scaledSigmoid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** NAB's sweeper, checked against hand computation from its definitions (nab/sweeper.py). */
class NabSweeperTest {
    private static final double MAX_TP = scaledSigmoid(-1);
    // 20 rows, probation floor(0.15 × 20) = 3; window A over rows 8–11 (width 4), window B over rows 15–16 (width 2).
    private static final NabSeries HAND = series("x/hand.csv", 20, List.of(rows(8, 11), rows(15, 16)));
    // row 1 probationary (ignored); row 5 before any window; row 9 in A; row 13 after A; row 16 in B
    private static final double[] HAND_SCORES = scores(20, 1, 0.99, 5, 0.9, 9, 0.8, 13, 0.7, 16, 0.6);

    @Test
    void scaledSigmoid_matchesNab() {
        assertThat(scaledSigmoid(-1)).isCloseTo(0.98661, within(1e-5));
        assertThat(scaledSigmoid(-0.5)).isCloseTo(0.84828, within(1e-5));
        assertThat(scaledSigmoid(0)).isZero();
        assertThat(scaledSigmoid(1)).isCloseTo(-0.98661, within(1e-5));
        assertThat(scaledSigmoid(3)).isEqualTo(-1.0);
    }

    @Test
    void probation_isFifteenPercentCappedAt750_inNabsFloatingPoint() {
        assertThat(NabSweeper.probationLength(20)).isEqualTo(3);
        assertThat(NabSweeper.probationLength(4032)).isEqualTo(604);
        assertThat(NabSweeper.probationLength(1624)).isEqualTo(243);
        assertThat(NabSweeper.probationLength(22_695)).isEqualTo(750);
    }

    @Test
    void rows_weighWindowRowsByPositionAndOthersByDistanceFromTheWindowBefore() {
        NabSweeper.Rows r = NabSweeper.rows(HAND, HAND_SCORES);

        assertThat(r.window()).containsExactly(-2, -2, -2, -1, -1, -1, -1, -1, 0, 0, 0, 0, -1, -1, -1, 1, 1, -1, -1, -1);
        assertThat(r.unweighted()[5]).isEqualTo(-1.0);                                        // before the first window: σ(3)
        assertThat(r.unweighted()[9]).isEqualTo(scaledSigmoid(-(11 - 9 + 1) / 4.0));         // −0.75
        assertThat(r.unweighted()[13]).isEqualTo(scaledSigmoid(Math.abs(11 - 13) / 3.0));     // 2/3 past A
        assertThat(r.unweighted()[16]).isEqualTo(scaledSigmoid(-(16 - 16 + 1) / 2.0));       // −0.5
        assertThat(r.unweighted()[19]).isEqualTo(scaledSigmoid(3));                           // 3 past B
        assertThat(NabSweeper.sweepScore(r, 9, NabProfile.STANDARD)).isCloseTo(scaledSigmoid(-0.75) / MAX_TP, within(1e-15));
        assertThat(NabSweeper.sweepScore(r, 13, NabProfile.REWARD_LOW_FP)).isEqualTo(scaledSigmoid(2 / 3.0) * 0.22);
    }

    @Test
    void best_sweepsEveryDistinctScoreAndKeepsTheBest() {
        NabSweeper.Rows r = NabSweeper.rows(HAND, HAND_SCORES);
        double creditA = scaledSigmoid(-0.75) / MAX_TP, costAfterA = 0.11 * scaledSigmoid(2 / 3.0), creditB = scaledSigmoid(-0.5) / MAX_TP;
        // thresholds 1.1 (nothing), 0.9 (row 5), 0.8 (+9), 0.7 (+13), 0.6 (+16), 0 (every scored row)
        double at08 = -0.11 + creditA - 1;
        double at06 = -0.11 + creditA + costAfterA + creditB;

        NabSweeper.ThresholdScore best = NabSweeper.best(List.of(r), NabProfile.STANDARD);

        assertThat(at06).isGreaterThan(at08);
        assertThat(best.threshold()).isEqualTo(0.6);
        assertThat(best.score()).isCloseTo(at06, within(1e-12));
        assertThat(best.tp()).isEqualTo(2);   // rows, not windows: NAB's counts
        assertThat(best.fp()).isEqualTo(2);
        assertThat(NabSweeper.scoreAt(r, NabProfile.STANDARD, 0.6).score()).isCloseTo(at06, within(1e-12));
        assertThat(NabSweeper.scoreAt(r, NabProfile.STANDARD, 0.8).score()).isCloseTo(at08, within(1e-12));
        assertThat(NabSweeper.scoreAt(r, NabProfile.STANDARD, 1.1).score()).isEqualTo(-2.0);
        // low FN doubles the cost of a miss: at 1.1 the score is −4
        assertThat(NabSweeper.scoreAt(r, NabProfile.REWARD_LOW_FN, 1.1).score()).isEqualTo(-4.0);
    }

    @Test
    void aWindowEntirelyInProbation_isNeitherCreditedNorMissed() {
        NabSeries s = series("x/early.csv", 100, List.of(rows(2, 6), rows(50, 60)));  // probation 15
        NabSweeper.Rows r = NabSweeper.rows(s, scores(100, 4, 1.0));

        assertThat(NabSweeper.scoreAt(r, NabProfile.STANDARD, 1.1).score()).isEqualTo(-1.0);  // only the second window is missed
        assertThat(NabSweeper.scoreAt(r, NabProfile.STANDARD, 1.0).score()).isEqualTo(-1.0);  // the probationary alarm counts for nothing
    }

    @Test
    void rowsThatStepBackInTime_areScoredInFileOrder() {
        long m = NabFixtures.MINUTE, t0 = NabFixtures.T0;
        long[] times = new long[40];
        for (int i = 0; i < times.length; i++) times[i] = t0 + i * m;
        times[30] = t0 + 5 * m;  // a row that steps back
        NabSeries s = new NabSeries("x/back.csv", times, new double[40], List.of(new LabelWindow(t0 + 20 * m, t0 + 25 * m)));

        NabSweeper.Rows r = NabSweeper.rows(s, scores(40, 30, 1.0));

        assertThat(r.window()[20]).isZero();
        assertThat(r.window()[30]).isEqualTo(-1);  // past the window in file order, whatever its timestamp says
        assertThat(r.unweighted()[30]).isEqualTo(scaledSigmoid(5 / 5.0));
    }

    @Property(tries = 60)
    void best_isTheSumOfEachFileScoredAtItsThreshold_andNoThresholdDoesBetter(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int files) {
        var r = new SplittableRandom(seed);
        List<NabSweeper.Rows> corpus = new ArrayList<>();
        for (int f = 0; f < files; f++) {
            int n = 40 + r.nextInt(200);
            List<LabelWindow> windows = new ArrayList<>();
            for (int start = 10 + r.nextInt(30); start + 5 < n; start += 15 + r.nextInt(60)) windows.add(rows(start, start + 2 + r.nextInt(4)));
            double[] s = new double[n];
            for (int i = 0; i < n; i++) s[i] = r.nextInt(4) == 0 ? Math.floor(r.nextDouble() * 20) / 20 : 0;  // ties on purpose
            corpus.add(NabSweeper.rows(series("f/" + f + ".csv", n, windows), s));
        }
        for (NabProfile p : NabProfile.values()) {
            NabSweeper.ThresholdScore best = NabSweeper.best(corpus, p);
            double sum = 0;
            for (NabSweeper.Rows rows : corpus) sum += NabSweeper.scoreAt(rows, p, best.threshold()).score();
            assertThat(sum).isCloseTo(best.score(), within(1e-9));
            for (double t = 0; t <= 1.1; t += 0.05) {
                double other = 0;
                for (NabSweeper.Rows rows : corpus) other += NabSweeper.scoreAt(rows, p, t).score();
                assertThat(other).as("threshold %s under %s", t, p).isLessThanOrEqualTo(best.score() + 1e-9);
            }
        }
    }

    @Test
    void normalise_isNabsHundredPointScale() {
        assertThat(NabSweeper.normalise(-97, -97, 97)).isZero();
        assertThat(NabSweeper.normalise(97, -97, 97)).isEqualTo(100.0);
        assertThat(NabSweeper.normalise(0, -97, 97)).isEqualTo(50.0);
        assertThat(NabSweeper.normalise(0, 0, 0)).isNaN();
    }

    @Test
    void sortIndex_ordersLargestFirstAndKeepsTiesInOrder() {
        assertThat(SortIndex.descending(new double[] {0.1, 0.5, 0.5, 0.9, 0.0})).containsExactly(3, 1, 2, 0, 4);
        assertThat(SortIndex.descending(new double[0])).isEmpty();
    }
}
