package dev.homeostat.testbed.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.homeostat.reports.score.Estimate;
import dev.homeostat.reports.score.StudentT;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class WelchTest {
    @Test
    void welch_matchesHandComputedCase() {
        // m1 = 10, s1 = 2, n1 = 5; m2 = 12, s2 = 3, n2 = 5.
        // se² = 4/5 + 9/5 = 2.6; t = 2/√2.6 = 1.240347; df = 2.6² / (0.8²/4 + 1.8²/4) = 6.76/0.97 = 6.969072.
        // Two-sided p = I_{df/(df+t²)}(df/2, 1/2) = 0.254977 (scipy ttest_ind_from_stats agrees).
        var r = Welch.test(10, 2, 5, 12, 3, 5);
        assertThat(r.t()).isCloseTo(1.2403473458920844, within(1e-12));
        assertThat(r.df()).isCloseTo(6.969072164948454, within(1e-12));
        assertThat(r.pValue()).isCloseTo(0.2549765567809792, within(1e-9));
    }

    @Test
    void twoSidedP_handlesNonIntegerDegreesOfFreedom() {
        // 2·P(T > 2) with 3.5 degrees of freedom = 0.126139 (scipy 2*t.sf(2, 3.5)).
        assertThat(StudentT.twoSidedP(2.0, 3.5)).isCloseTo(0.12613852257591343, within(1e-9));
        assertThat(StudentT.twoSidedP(0, 3.5)).isEqualTo(1.0);
    }

    @Test
    void pValue_fromConfidenceIntervals_equalsTheTestOnTheRawSeeds() {
        // Each side as report.json keeps it (mean and 95% CI over 5 seeds) gives the same p as the raw samples.
        var a = Estimate.of(List.of(8.0, 9.0, 10.0, 11.0, 12.0));
        var b = Estimate.of(List.of(9.0, 12.0, 12.0, 13.0, 14.0));
        var base = new Sample(a.mean(), a.low(), a.high(), a.n());
        var next = new Sample(b.mean(), b.low(), b.high(), b.n());
        assertThat(base.standardDeviation()).isCloseTo(Math.sqrt(2.5), within(1e-9));
        assertThat(Welch.pValue(base, next)).isCloseTo(Welch.test(10, Math.sqrt(2.5), 5, 12, Math.sqrt(3.5), 5).pValue(), within(1e-9));
    }

    @Test
    void pValue_withoutSpread_isCertain_andWithOneSeed_isUnknown() {
        assertThat(Welch.pValue(new Sample(1.0, 1.0, 1.0, 3), new Sample(1.0, 1.0, 1.0, 3))).isEqualTo(1.0);
        assertThat(Welch.pValue(new Sample(1.0, 1.0, 1.0, 3), new Sample(0.0, 0.0, 0.0, 3))).isEqualTo(0.0);
        assertThat(Welch.pValue(new Sample(1.0, 1.0, 1.0, 1), new Sample(0.0, 0.0, 0.0, 3))).isNull();
        assertThat(Welch.pValue(new Sample(null, null, null, 3), new Sample(0.0, 0.0, 0.0, 3))).isNull();
    }

    @Property(tries = 200)
    void pValue_isAProbability_andSymmetric(@ForAll @DoubleRange(min = -100, max = 100) double m1,
                                            @ForAll @DoubleRange(min = 0.01, max = 50) double s1,
                                            @ForAll @IntRange(min = 2, max = 30) int n1,
                                            @ForAll @DoubleRange(min = -100, max = 100) double m2,
                                            @ForAll @DoubleRange(min = 0, max = 50) double s2,
                                            @ForAll @IntRange(min = 2, max = 30) int n2) {
        double p = Welch.test(m1, s1, n1, m2, s2, n2).pValue();
        assertThat(p).isBetween(0.0, 1.0);
        assertThat(Welch.test(m2, s2, n2, m1, s1, n1).pValue()).isCloseTo(p, within(1e-12));
    }
}
