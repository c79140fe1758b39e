package dev.homeostat.detectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnsembleDetectorTest {
    /** Three static bounds at 1, 2 and 3: a value of 2.5 makes exactly two members anomalous. */
    private static final String STEPS = "members=threshold:above=1|threshold:above=2|threshold:above=3";

    private static Verdict one(String spec, double x) {
        return Series.create(spec, 1).observe(0, new double[] {x});
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = '|', value = {
            // spec suffix            | value | anomalous | score
            ",quorum=2                | 2.5   | true      | 1.0",
            ",quorum=3                | 2.5   | false     | 0.6666666666666666",
            ",quorum=3                | 3.5   | true      | 1.0",
            "                         | 2.5   | true      | 1.3333333333333333", // default: more than half of 3
            "                         | 1.5   | false     | 0.6666666666666666",
            ",quorum=1                | 1.5   | true      | 1.0",
            ",quorum=1                | 0.5   | false     | 0.0",
    })
    void vote_anomalousWhenTheFiringMembersReachTheQuorum(String suffix, double x, boolean anomalous, double score) {
        Verdict v = one("ensemble:" + STEPS + (suffix == null ? "" : suffix.trim()), x);
        assertThat(v.anomalous()).isEqualTo(anomalous);
        assertThat(v.score()).isCloseTo(score, within(1e-12));
        assertThat(v.threshold()).isEqualTo(1.0);
    }

    @Test
    void vote_weightsCountPerMember() {
        String spec = "ensemble:members=threshold:below=0|threshold:above=1|threshold:above=2,weights=3|1|1,quorum=3";
        Verdict low = one(spec, -1);                // only the weight-3 member fires
        assertThat(low.anomalous()).isTrue();
        assertThat(low.explanation()).startsWith("vote: 1 of 3 members (weight 3) ≥ quorum 3; threshold#1: value -1 is below 0");
        assertThat(one(spec, 2.5).anomalous()).isFalse(); // two members of weight 1
        assertThat(one(spec, 2.5).score()).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void vote_explanationListsEveryMemberThatFired_andWhy() {
        Verdict v = one("ensemble:" + STEPS + ",quorum=2", 2.5);
        assertThat(v.explanation()).isEqualTo("vote: 2 of 3 members ≥ quorum 2; threshold#1: value 2.5 is above 1; threshold#2: value 2.5 is above 2");
    }

    @Test
    void max_scoreIsTheHighestNormalisedMemberScore() {
        double[] xs = Series.noise(3, 120, 10, 1);
        xs[100] = 17; // 7 σ: far for mad (k=5), and for ewma (k=4)
        Detector ensemble = Series.create("ensemble:members=mad|ewma,mode=max", 5);
        Detector mad = Series.create("mad", 0);
        Detector ewma = Series.create("ewma", 0);
        for (int i = 0; i < xs.length; i++) {
            double[] row = {xs[i]};
            Verdict m = mad.observe(i, row), e = ewma.observe(i, row), both = ensemble.observe(i, row);
            double expected = Math.max(m.score() / m.threshold(), e.score() / e.threshold());
            assertThat(both.score()).as("observation %d", i).isCloseTo(expected, within(1e-9));
            assertThat(both.anomalous()).as("observation %d", i).isEqualTo(expected >= 1);
        }
        Verdict spike = Series.create("ensemble:members=mad|ewma,mode=max", 5).observe(0, new double[] {0}); // warm-up: nothing
        assertThat(spike.anomalous()).isFalse();
    }

    @Test
    void max_explanationNamesTheWorstMember_andListsTheOnesThatFired() {
        double[] xs = Series.noise(3, 101, 10, 1);
        xs[100] = 17;
        List<Verdict> vs = Series.run(Series.create("ensemble:members=mad|ewma,mode=max", 5), xs);
        Verdict spike = vs.get(100);
        assertThat(spike.anomalous()).isTrue();
        assertThat(spike.explanation()).matches("max: normalised score [0-9.]+ \\((mad|ewma)\\); mad: value 17 is .* MADs above median .*; ewma: .*above.*");
    }

    @Test
    void max_thresholdMembersCountOnePlusTheirExcess() {
        Verdict v = one("ensemble:members=threshold:above=1,mode=max", 1.5);
        assertThat(v.anomalous()).isTrue();
        assertThat(v.score()).isEqualTo(1.5);
        assertThat(one("ensemble:members=threshold:above=1;for=2,mode=max", 1.5).anomalous()).isFalse();
    }

    /** A detector that alarms on every other observation is exactly what k-of-n is for. */
    @Test
    void kOfN_onAFlappingSequence_turnsOnAtK_holdsThroughGaps_andClearsAfterNNormal() {
        Detector d = Series.create("ensemble:members=threshold:above=1,k=3,n=5", 1);
        double[] xs = {2, 0, 2, 0, 2, 0, 2, 0, 0, 0, 0, 0, 0};
        boolean[] expected = {false, false, false, false, true, true, true, true, true, true, true, false, false};
        List<Verdict> vs = Series.run(d, xs);
        for (int i = 0; i < xs.length; i++) assertThat(vs.get(i).anomalous()).as("observation %d", i).isEqualTo(expected[i]);
        assertThat(vs.get(4).explanation()).isEqualTo("vote: 1 of 1 members > half of 1; threshold: value 2 is above 1; 3 of the last 5 evaluations anomalous (k=3)");
        assertThat(vs.get(5).explanation()).startsWith("held by hysteresis: 1 of 5 normal evaluations in a row needed to clear; ")
                .endsWith("; last alarm: vote: 1 of 1 members > half of 1; threshold: value 2 is above 1");
        assertThat(vs.get(5).score()).isZero();
    }

    @Test
    void kOfN_isNotFooledByIsolatedAlarms() {
        Detector d = Series.create("ensemble:members=threshold:above=1,mode=max,k=2,n=4", 1);
        double[] xs = {2, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0};
        assertThat(Series.run(d, xs)).noneMatch(Verdict::anomalous);
    }

    @Test
    void withoutKOfN_theCombinedVerdictPassesThrough() {
        Detector d = Series.create("ensemble:members=threshold:above=1", 1);
        assertThat(Series.run(d, new double[] {2, 0, 2, 0})).extracting(Verdict::anomalous).containsExactly(true, false, true, false);
    }

    @Test
    void gap_isNormalScoreZero_andNotCountedByTheHysteresis() {
        Detector d = Series.create("ensemble:members=threshold:above=1,k=2,n=2", 1);
        assertThat(d.observe(0, new double[] {2}).anomalous()).isFalse();
        assertThat(d.observe(1, new double[] {Double.NaN})).isEqualTo(Verdict.normal(0, 1));
        assertThat(d.observe(2, null)).isEqualTo(Verdict.normal(0, 1));
        assertThat(d.observe(3, new double[] {2}).anomalous()).isTrue(); // 2 of the last 2 counted verdicts
    }

    @Test
    void specSyntax_survivesDetectorSpecParse_andRoundTrips() {
        var spec = DetectorSpec.parse("ensemble:members=mad:k=6;window=40|ewma:alpha=0.2|isolation-forest:train=40;trees=20,mode=vote,quorum=2");
        assertThat(spec.name()).isEqualTo("ensemble");
        assertThat(spec.params()).containsEntry("members", "mad:k=6;window=40|ewma:alpha=0.2|isolation-forest:train=40;trees=20")
                .containsEntry("mode", "vote").containsEntry("quorum", "2");
        assertThatCode(() -> DetectorRegistry.validate(spec)).doesNotThrowAnyException();
        assertThat(DetectorSpec.parse(spec.toString())).isEqualTo(spec);
    }

    @Test
    void membersGetDistinctSeedsSplitFromTheEnsembleSeed() {
        assertThat(EnsembleDetector.memberSeed(7, 0)).isNotEqualTo(EnsembleDetector.memberSeed(7, 1)).isNotEqualTo(7);
        assertThat(EnsembleDetector.memberSeed(7, 0)).isEqualTo(EnsembleDetector.memberSeed(7, 0)).isNotEqualTo(EnsembleDetector.memberSeed(8, 0));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "->", value = {
            "ensemble                                       -> parameter 'members' is required",
            "ensemble:members=madd|ewma                     -> member 1 'madd': unknown detector 'madd'; known detectors: ",
            "ensemble:members=mad|mad:windw=3               -> member 2 'mad:windw=3': detector 'mad': unknown parameter 'windw'",
            "ensemble:members=mad||ewma                     -> member 2 of 'members' is empty",
            "ensemble:members=ensemble:members=mad          -> member 1: ensembles do not nest",
            "ensemble:members=mad|ewma,mode=avg             -> parameter 'mode' must be one of vote|max|mean, got 'avg'",
            "ensemble:members=mad|ewma,weights=1            -> parameter 'weights' must give one weight per member (2)",
            "ensemble:members=mad|ewma,weights=1|-2         -> parameter 'weights' must be positive numbers",
            "ensemble:members=mad|ewma,quorum=3             -> parameter 'quorum' must not exceed the members' total weight (2)",
            "ensemble:members=mad|ewma,mode=max,quorum=1    -> 'quorum' only applies to mode=vote",
            "ensemble:members=mad|ewma,mode=max,weights=1|2 -> 'weights' only applies to mode=vote or mode=mean",
            "ensemble:members=mad|ewma,level=0.6            -> 'level' only applies to mode=mean",
            "ensemble:members=mad,k=4,n=3                   -> parameter 'k' must not exceed n (3)",
            "ensemble:members=mad,n=0                       -> parameter 'n' must be a whole number ≥ 1, got '0'",
    })
    void badSpecs_nameTheParameterOrMember(String spec, String message) {
        assertThatThrownBy(() -> DetectorRegistry.validate(DetectorSpec.parse(spec)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("detector 'ensemble': ")
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ensemble:members=mad", "ensemble:members=mad|ewma|seasonal:period=24,mode=vote,quorum=2,weights=1|1|0.5",
            "ensemble:members=mad:direction=up;k=6|threshold:above=0.9;for=2,mode=max,k=3,n=5", "ensemble:members=lifecycle:burst=2,k=2,n=4"})
    void validSpecs_validate(String text) {
        assertThatCode(() -> DetectorRegistry.validate(DetectorSpec.parse(text))).doesNotThrowAnyException();
    }
}
