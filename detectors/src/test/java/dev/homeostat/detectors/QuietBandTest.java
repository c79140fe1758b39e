package dev.homeostat.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** A detector that skips the values of its quiet band judges every other value exactly as one that saw them all. */
class QuietBandTest {

    @Property(tries = 200)
    void skippingTheBand_changesNoVerdict(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int forN,
                                          @ForAll @IntRange(min = 0, max = 2) int bounds) {
        String spec = switch (bounds) {
            case 0 -> "threshold:above=1,for=" + forN;
            case 1 -> "threshold:below=0.5,for=" + forN;
            default -> "threshold:above=1,below=0.5,for=" + forN;
        };
        Detector all = DetectorRegistry.create(DetectorSpec.parse(spec), seed);
        Detector skipping = DetectorRegistry.create(DetectorSpec.parse(spec), seed);
        Random random = new Random(seed);
        int skipped = 0;
        for (int i = 0; i < 300; i++) {
            double v = value(random);
            Verdict full = all.observe(i, new double[] {v});
            if (skipping.quietBand().holds(v)) {
                skipped++;
                assertThat(full).isEqualTo(Verdict.normal(0, 0));
            } else {
                assertThat(skipping.observe(i, new double[] {v})).isEqualTo(full);
            }
        }
        assertThat(skipped).isPositive();
    }

    @Test
    void aRunGoing_leavesNoBand_andAFreshDetectorHasNone() {
        Detector d = DetectorRegistry.create(DetectorSpec.parse("threshold:above=1,for=3"), 1);
        assertThat(d.quietBand()).isEqualTo(QuietBand.NONE); // no scorer yet: nothing is known to be quiet
        d.observe(0, new double[] {0.5});
        assertThat(d.quietBand().holds(1.0)).isTrue();
        assertThat(d.quietBand().holds(1.01)).isFalse();
        assertThat(d.quietBand().holds(Double.NaN)).isFalse();
        d.observe(1, new double[] {2});
        assertThat(d.quietBand().holds(0.5)).isFalse(); // 0.5 would end the run: a change
        assertThat(DetectorRegistry.create(DetectorSpec.parse("mad"), 1).quietBand()).isEqualTo(QuietBand.NONE);
    }

    /** Mostly inside the bounds, with runs outside, missing values and infinities. */
    private static double value(Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> Double.NaN;
            case 1 -> random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            case 2, 3 -> 1 + random.nextDouble();
            case 4 -> random.nextDouble() * 0.5;
            case 5 -> random.nextBoolean() ? 1.0 : 0.5;
            default -> 0.5 + random.nextDouble() * 0.5;
        };
    }
}
