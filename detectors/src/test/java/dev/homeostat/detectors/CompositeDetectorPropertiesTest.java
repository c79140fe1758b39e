package dev.homeostat.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The invariants of {@link AdaptiveDetectorPropertiesTest}, for the detectors built from others or
 * from a state machine: {@code lifecycle} and {@code ensemble}. Kept in its own class so the
 * member list of the adaptive properties stays that of the single detectors.
 */
class CompositeDetectorPropertiesTest {

    @Provide
    Arbitrary<String> ensembles() {
        return Arbitraries.of("ensemble:members=mad|ewma,mode=vote,quorum=2",
                "ensemble:members=mad:k=4;window=20|ewma:alpha=0.3;k=3;min=10|isolation-forest:train=40;trees=20,mode=max,k=2,n=3",
                "ensemble:members=mad|ewma|seasonal:period=24,weights=2|1|1,k=2,n=4");
    }

    @Provide
    Arbitrary<String> all() {
        return Arbitraries.oneOf(ensembles(), Arbitraries.of("lifecycle", "lifecycle:burst=2,window=5,flaps=2,loop=1",
                "ensemble:members=lifecycle|mad,mode=max,k=2,n=3"));
    }

    @Property(tries = 40)
    void constantSeries_neverAlarms(@ForAll("all") String spec, @ForAll("constants") double c,
                                    @ForAll @IntRange(min = 1, max = 300) int length, @ForAll boolean vector, @ForAll long seed) {
        Detector d = Series.create(spec, seed);
        for (int i = 0; i < length; i++) {
            // a pod whose counters and indicators never move: restarts c, ready c, oom c, back-off c
            double[] row = vector ? new double[] {c, c, c, c} : new double[] {c};
            if (vector && spec.startsWith("lifecycle")) row = new double[] {c, 1, 0, 0};
            Verdict v = d.observe(i * 15_000L, row);
            assertThat(v.anomalous()).as("%s at %d", spec, i).isFalse();
            assertThat(v.score()).isFinite();
        }
    }

    @Provide
    Arbitrary<Double> constants() {
        return Arbitraries.oneOf(Arbitraries.doubles().between(-1e6, 1e6),
                Arbitraries.of(0.0, -0.0, 1.0, Double.MIN_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, 1e300));
    }

    /** Ensembles of adaptive members flag a +20σ step as their members do. */
    @Property(tries = 20)
    void largeStep_isFlaggedByEnsembles(@ForAll("ensembles") String spec, @ForAll @DoubleRange(min = -1e3, max = 1e3) double level,
                                        @ForAll @DoubleRange(min = 1e-2, max = 1e3) double sd, @ForAll boolean up, @ForAll long seed) {
        int warmUp = 200;
        double[] xs = Series.noise(seed, warmUp + 20, level, sd);
        double step = (up ? 20 : -20) * sd;
        for (int i = warmUp; i < xs.length; i++) xs[i] += step;
        List<Verdict> verdicts = Series.run(Series.create(spec, seed), xs);
        assertThat(verdicts.subList(warmUp, warmUp + 5)).as("%s after a step of %s", spec, step).anyMatch(Verdict::anomalous);
        Verdict first = verdicts.subList(warmUp, xs.length).stream().filter(Verdict::anomalous).findFirst().orElseThrow();
        assertThat(first.explanation()).contains(step > 0 ? "above" : "below");
    }

    /** NaN, infinities, extreme magnitudes, empty and null vectors, vectors of any length: never an exception, always finite. */
    @Property(tries = 60)
    void messyInput_givesFiniteScores_neverThrows(@ForAll("all") String spec,
                                                  @ForAll @Size(max = 250) List<@From("messy") Double> values, @ForAll long seed) {
        Detector d = Series.create(spec, seed);
        for (int i = 0; i < values.size(); i++) {
            double v = values.get(i);
            double[] row = switch (i % 37) {
                case 35 -> null;
                case 36 -> new double[0];
                default -> spec.startsWith("lifecycle") && i % 3 == 0 ? new double[] {v, v, -v, v} : new double[] {v};
            };
            Verdict verdict = d.observe(i * 1000L, row);
            assertThat(verdict.score()).isFinite();
            assertThat(verdict.threshold()).isFinite();
            if (verdict.anomalous()) assertThat(verdict.explanation()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<Double> messy() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.doubles().between(-5, 5)),
                Tuple.of(1, Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)),
                Tuple.of(1, Arbitraries.of(Double.MAX_VALUE, -Double.MAX_VALUE, 1e308, -1e308, Double.MIN_VALUE)),
                Tuple.of(1, Arbitraries.doubles()));
    }

    @Property(tries = 20)
    void gaps_scoreZeroAndAreNormal(@ForAll("all") String spec, @ForAll long seed,
                                    @ForAll @IntRange(min = 130, max = 250) int gapStart, @ForAll @IntRange(min = 1, max = 60) int gapLength) {
        double[] xs = Series.noise(seed, 330, 50, 2);
        for (int i = gapStart; i < gapStart + gapLength; i++) xs[i] = Double.NaN;
        List<Verdict> verdicts = Series.run(Series.create(spec, seed), xs);
        for (int i = gapStart; i < gapStart + gapLength; i++) assertThat(verdicts.get(i)).isEqualTo(Verdict.normal(0, 1));
    }

    @Property(tries = 20)
    void sameSeedAndData_giveSameVerdicts(@ForAll("all") String spec, @ForAll long seed) {
        double[][] rows = new double[300][];
        double[] xs = Series.noise(seed, 300, 3, 1);
        for (int i = 0; i < rows.length; i++) {
            double x = i >= 250 && i < 270 ? xs[i] + 15 : xs[i];
            rows[i] = spec.startsWith("lifecycle") ? new double[] {Math.floor(i / 40.0), i % 7 == 0 ? 0 : 1, i % 50 == 0 ? 1 : 0, Double.NaN}
                    : new double[] {i == 100 ? Double.NaN : x};
        }
        assertThat(Series.runRows(Series.create(spec, seed), rows)).isEqualTo(Series.runRows(Series.create(spec, seed), rows));
    }
}
