package dev.homeostat.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The invariants every learning detector keeps (mad, ewma, isolation-forest, seasonal), stated
 * once over all of them; the static threshold joins where the invariant applies to it (its own
 * constant and step properties are in {@link ThresholdDetectorTest}). Tries are kept modest: isolation-forest fits 100 trees per try.
 */
class AdaptiveDetectorPropertiesTest {

    @Provide
    Arbitrary<String> specs() {
        return Arbitraries.of("mad", "mad:window=20,k=4,direction=up", "ewma", "ewma:alpha=0.3,k=3,min=10",
                "isolation-forest", "isolation-forest:train=40,trees=30,refit=25", "seasonal:period=24", "seasonal:period=7,cycles=2,min=2",
                "forecast", "forecast:model=arma,p=2,q=1,d=1,train=60,refit=30", "kmeans", "kmeans:train=40,clusters=2,refit=25",
                "dbscan", "dbscan:train=40,minPts=3,refit=25", "autoencoder:epochs=15", "autoencoder:train=40,epochs=10,refit=30");
    }

    /** The adaptive ones plus the static threshold, for the properties that hold for every detector. */
    @Provide
    Arbitrary<String> allSpecs() {
        return Arbitraries.oneOf(specs(), Arbitraries.of("threshold:above=3,below=-3,for=2"));
    }

    @Property(tries = 60)
    void constantSeries_neverAlarms(@ForAll("specs") String spec, @ForAll("constants") double c,
                                    @ForAll @IntRange(min = 1, max = 400) int length, @ForAll long seed) {
        double[] xs = new double[length];
        Arrays.fill(xs, c);
        List<Verdict> verdicts = Series.run(Series.create(spec, seed), xs);
        assertThat(verdicts).noneMatch(Verdict::anomalous);
        assertThat(verdicts).allMatch(v -> Double.isFinite(v.score()) && Double.isFinite(v.threshold()));
    }

    @Provide
    Arbitrary<Double> constants() {
        return Arbitraries.oneOf(
                Arbitraries.doubles().between(-1e6, 1e6),
                Arbitraries.of(0.0, -0.0, 1.0, Double.MIN_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, 1e300, -1e-300));
    }

    /** +20 standard deviations after 200 noisy observations: flagged within a few observations for every detector. */
    @Property(tries = 40)
    void largeStepAfterNoisyWarmUp_isFlaggedWithinFiveObservations(
            @ForAll("specs") String spec, @ForAll @DoubleRange(min = -1e3, max = 1e3) double level,
            @ForAll @DoubleRange(min = 1e-2, max = 1e3) double sd, @ForAll boolean up, @ForAll long seed) {
        int warmUp = 200;
        double[] xs = Series.noise(seed, warmUp + 20, level, sd);
        double step = (up || spec.contains("direction=up") ? 20 : -20) * sd;
        for (int i = warmUp; i < xs.length; i++) xs[i] += step;
        List<Verdict> verdicts = Series.run(Series.create(spec, seed), xs);
        assertThat(verdicts.subList(warmUp, warmUp + 5)).as("%s after a step of %s from level %s", spec, step, level)
                .anyMatch(Verdict::anomalous);
        Verdict first = verdicts.subList(warmUp, xs.length).stream().filter(Verdict::anomalous).findFirst().orElseThrow();
        assertThat(first.score()).isGreaterThan(first.threshold());
        assertThat(first.explanation()).contains(step > 0 ? "above" : "below");
    }

    /** NaN, infinities, extreme magnitudes, empty and null vectors: never an exception, always finite scores. */
    @Property(tries = 80)
    void messyInput_givesFiniteScores_neverThrows(@ForAll("allSpecs") String spec,
                                                  @ForAll @Size(max = 300) List<@net.jqwik.api.From("messy") Double> values,
                                                  @ForAll long seed) {
        Detector d = Series.create(spec, seed);
        for (int i = 0; i < values.size(); i++) {
            double v = values.get(i);
            double[] row = i % 37 == 36 ? (i % 2 == 0 ? null : new double[0]) : new double[] {v};
            Verdict verdict = d.observe(i * 1000L, row);
            assertThat(verdict.score()).isFinite();
            assertThat(verdict.threshold()).isFinite();
            if (verdict.anomalous()) assertThat(verdict.explanation()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<Double> messy() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.doubles().between(-5, 5)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(Double.MAX_VALUE, -Double.MAX_VALUE, 1e308, -1e308, Double.MIN_VALUE)),
                net.jqwik.api.Tuple.of(1, Arbitraries.doubles()));
    }

    /** Gaps (runs of missing values) inside a noisy series neither throw nor produce alarms by themselves. */
    @Property(tries = 30)
    void gapsInNoisySeries_scoreZeroAndDoNotAlarm(@ForAll("allSpecs") String spec, @ForAll long seed,
                                                  @ForAll @IntRange(min = 130, max = 250) int gapStart,
                                                  @ForAll @IntRange(min = 1, max = 60) int gapLength) {
        double[] xs = Series.noise(seed, 330, 50, 2);
        for (int i = gapStart; i < gapStart + gapLength; i++) xs[i] = Double.NaN;
        List<Verdict> verdicts = Series.run(Series.create(spec, seed), xs);
        for (int i = gapStart; i < gapStart + gapLength; i++) {
            assertThat(verdicts.get(i)).isEqualTo(Verdict.normal(0, verdicts.get(i).threshold()));
        }
    }

    @Property(tries = 25)
    void sameSeedAndData_giveSameVerdicts(@ForAll("allSpecs") String spec, @ForAll long seed) {
        double[] xs = Series.noise(seed, 300, 3, 1);
        for (int i = 250; i < 270; i++) xs[i] += 15;
        xs[100] = Double.NaN;
        assertThat(Series.run(Series.create(spec, seed), xs)).isEqualTo(Series.run(Series.create(spec, seed), xs));
    }
}
