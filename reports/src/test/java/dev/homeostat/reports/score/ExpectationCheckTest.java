package dev.homeostat.reports.score;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExpectationCheckTest {
    @Test
    void ofFailure_takesTheBoundFromTheFailureLine() {
        assertThat(ExpectationCheck.ofFailure("f1 0.42 < minF1 0.50").name()).isEqualTo("minF1 0.50");
        assertThat(ExpectationCheck.ofFailure("mttd 700s > maxMttd 600s").name()).isEqualTo("maxMttd 600s");
        assertThat(ExpectationCheck.ofFailure("precision undefined (no alert event), expected minPrecision 0.90"))
                .isEqualTo(new ExpectationCheck("minPrecision 0.90",
                        "precision undefined (no alert event), expected minPrecision 0.90"));
        assertThat(ExpectationCheck.ofFailure("something else").passed()).isFalse();
    }
}
