package dev.homeostat.reports.score;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EstimateTest {
    @Test
    void studentT_quantilesMatchPublishedTables() {
        // t(0.975, df) from the standard tables (R: qt(0.975, df)).
        assertThat(StudentT.quantile(0.975, 1)).isCloseTo(12.706204736174707, within(1e-9));
        assertThat(StudentT.quantile(0.975, 2)).isCloseTo(4.302652729911275, within(1e-9));
        assertThat(StudentT.quantile(0.975, 9)).isCloseTo(2.262157162740992, within(1e-9));
        assertThat(StudentT.quantile(0.975, 30)).isCloseTo(2.042272456301238, within(1e-9));
        assertThat(StudentT.quantile(0.025, 2)).isCloseTo(-4.302652729911275, within(1e-9));
    }

    @Test
    void confidenceInterval_ofOneTwoThree_usesTWithTwoDegreesOfFreedom() {
        Estimate e = Estimate.of(List.of(1.0, 2.0, 3.0));

        // mean 2, s = 1, half width = t(0.975, 2) · 1 / √3 = 4.302652729911275 / 1.7320508075688772
        double half = 4.302652729911275 / Math.sqrt(3);
        assertThat(e.mean()).isEqualTo(2.0);
        assertThat(e.low()).isCloseTo(2 - half, within(1e-9));
        assertThat(e.high()).isCloseTo(2 + half, within(1e-9));
        assertThat(e.high()).isCloseTo(4.484138, within(1e-6));
        assertThat(e.n()).isEqualTo(3);
    }

    @Test
    void confidenceInterval_ofOneSeed_isTheMean_andUndefinedSeedsAreLeftOut() {
        Estimate single = Estimate.of(Arrays.asList(0.7, null));
        assertThat(single).isEqualTo(new Estimate(0.7, 0.7, 0.7, 1));
        assertThat(Estimate.of(Arrays.asList(null, null))).isEqualTo(Estimate.UNDEFINED);
    }

    @Test
    void studentT_rejectsImpossibleDegreesOfFreedom() {
        assertThatThrownBy(() -> StudentT.quantile(0.975, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("df must be >= 1");
    }
}
