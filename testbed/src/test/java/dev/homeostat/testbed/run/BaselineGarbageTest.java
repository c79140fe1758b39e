package dev.homeostat.testbed.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The collection between a baseline and its engine run: only for a large baseline, and only when one run goes at a time. */
class BaselineGarbageTest {
    @Test
    void collectsOnlyALargeBaselineOnOneThread() {
        long large = 1_400L << 20;   // the 30,000-pod reference's simulation
        assertThat(BaselineGarbage.worthCollecting(1, large)).isTrue();
        assertThat(BaselineGarbage.worthCollecting(1, BaselineGarbage.MIN_USED_BYTES)).isTrue();
        assertThat(BaselineGarbage.worthCollecting(1, BaselineGarbage.MIN_USED_BYTES - 1)).isFalse();
        assertThat(BaselineGarbage.worthCollecting(1, 40L << 20)).as("a CI scenario").isFalse();
        assertThat(BaselineGarbage.worthCollecting(2, large)).as("parallel runs: the others' simulations are live").isFalse();
    }
}
