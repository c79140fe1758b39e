package dev.homeostat.detectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** kmeans, dbscan and autoencoder: the multivariate detectors built on {@link TrainedVectorDetector}. */
class ClusteringDetectorsTest {

    /** Two operating modes (idle and busy), each a tight blob in (cpu, latency); row {@code odd} sits between them. */
    private static double[][] bimodal(long seed, int n, int odd) {
        var r = new SplittableRandom(seed);
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            boolean busy = r.nextBoolean();
            double cpu = (busy ? 0.8 : 0.2) + 0.02 * Series.gaussian(r);
            double latency = (busy ? 0.5 : 0.1) + 0.01 * Series.gaussian(r);
            rows[i] = i == odd ? new double[] {0.5, 0.3} : new double[] {cpu, latency};
        }
        return rows;
    }

    /** cpu and latency correlated (latency = 0.2 + 0.4·cpu); from {@code anomalyFrom} on, latency is off by +0.1 (3σ of cpu's effect). */
    private static double[][] correlated(long seed, int n, int anomalyFrom) {
        var r = new SplittableRandom(seed);
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            double cpu = 0.5 + 0.1 * Series.gaussian(r);
            double latency = 0.2 + 0.4 * cpu + 0.005 * Series.gaussian(r);
            rows[i] = new double[] {cpu, i >= anomalyFrom ? latency + 0.1 : latency};
        }
        return rows;
    }

    @ParameterizedTest
    @ValueSource(strings = {"kmeans:clusters=2", "dbscan", "autoencoder"})
    void pointBetweenTwoModes_isFlagged_thoughEachSignalIsInsideItsRange(String spec) {
        List<Verdict> v = Series.runRows(Series.create(spec, 1), bimodal(1, 400, 300));
        assertThat(v.subList(0, 120)).allMatch(x -> x.score() == 0 && !x.anomalous());
        assertThat(v.get(300).anomalous()).as(spec).isTrue();
        assertThat(v.subList(120, 400)).filteredOn(Verdict::anomalous).as(spec).hasSizeLessThan(6);
    }

    /** kmeans misses this one (its centroids tile the line at about the offset's distance): the autoencoder learns the line itself. */
    @ParameterizedTest
    @ValueSource(strings = {"autoencoder", "autoencoder:hidden=6,bottleneck=1,epochs=80"})
    void brokenCorrelation_isFlaggedByTheAutoencoder(String spec) {
        List<Verdict> v = Series.runRows(Series.create(spec, 2), correlated(2, 400, 350));
        assertThat(v.subList(350, 400)).filteredOn(Verdict::anomalous).as(spec).hasSizeGreaterThan(40);
        assertThat(v.subList(120, 350)).filteredOn(Verdict::anomalous).as(spec).hasSizeLessThan(6);
    }

    @Test
    void explanations_sayWhatTheModelSawAndWhichSignal() {
        double[][] rows = bimodal(3, 200, 150);
        rows[160] = new double[] {0.2, 3.0};
        assertThat(Series.runRows(Series.create("kmeans:clusters=2", 3), rows).get(160).explanation())
                .matches("distance [0-9.]+ to the nearest of 2 centroids is [0-9.]+× the training q0\\.99 distance [0-9.]+ \\(threshold 3\\); "
                        + "signal 1 value 3 is [0-9.]+ MADs above training median [0-9.]+");
        assertThat(Series.runRows(Series.create("dbscan", 3), rows).get(160).explanation())
                .matches("noise for DBSCAN: fewer than minPts=5 of [0-9]+ training rows \\(2 clusters\\) within radius [0-9.]+; "
                        + "the 5th nearest is [0-9.]+ radii away; signal 1 value 3 is [0-9.]+ MADs above training median [0-9.]+");
        assertThat(Series.runRows(Series.create("autoencoder", 3), rows).get(160).explanation())
                .matches("reconstruction error [0-9.]+ spreads is [0-9.]+× the training q0\\.99 error [0-9.]+ \\(threshold 3\\); "
                        + "signal 1 is [0-9.]+ spreads above its reconstruction; signal 1 value 3 is [0-9.]+ MADs above training median [0-9.]+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kmeans:refit=50", "dbscan:refit=50", "autoencoder:refit=50"})
    void sameSeed_givesSameVerdicts_evenOnAnotherThread(String spec) throws InterruptedException {
        double[][] data = correlated(4, 300, 280);
        List<Verdict> here = Series.runRows(Series.create(spec, 9), data);
        var there = new AtomicReference<List<Verdict>>();
        Thread t = new Thread(() -> there.set(Series.runRows(Series.create(spec, 9), data)));
        t.start();
        t.join();
        assertThat(there.get()).isEqualTo(here);
    }

    /** (k-means on one blob converges to the same centroids from any seeding, so only the net is checked.) */
    @ParameterizedTest
    @ValueSource(strings = {"autoencoder", "autoencoder:refit=20"})
    void differentSeeds_giveDifferentModels(String spec) {
        double[][] data = correlated(5, 200, 200);
        List<Double> a = Series.runRows(Series.create(spec, 1), data).subList(120, 200).stream().map(Verdict::score).toList();
        List<Double> b = Series.runRows(Series.create(spec, 2), data).subList(120, 200).stream().map(Verdict::score).toList();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void missingSignal_isImputedWithTheTrainingMedian() {
        var d = Series.create("kmeans:train=50", 5);
        Series.runRows(d, correlated(6, 50, 50));
        Verdict partial = d.observe(0, new double[] {Double.NaN, 5.0});
        Verdict shorter = d.observe(0, new double[] {5.0});
        Verdict none = d.observe(0, new double[] {Double.NaN, Double.NaN});
        assertThat(partial.explanation()).contains("signal 1 value 5 ");
        assertThat(shorter.explanation()).contains("signal 0 value 5 ");
        assertThat(none).isEqualTo(Verdict.normal(0, none.threshold()));
    }

    @Test
    void moreSignalsThanLearned_isRejectedWithAnExplanation() {
        var d = Series.create("autoencoder", 5);
        d.observe(0, new double[] {1, 2});
        assertThatThrownBy(() -> d.observe(1, new double[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("autoencoder: values has 3 signals but this detector learned 2 from its first observation; "
                        + "make one detector per fixed set of signals");
    }

    @Test
    void failedFit_judgesNormalWithTheReason_andIsRetriedAtTheNextRefit() {
        int[] calls = {0};
        TrainedVectorDetector.Trainer flaky = (z, seed) -> {
            if (calls[0]++ == 0) throw new ArithmeticException("singular");
            return KMeansDetector.fit(new KMeansDetector.Config(10, 5, 1, 10, 0.99, 3), z, seed);
        };
        var d = new TrainedVectorDetector("test", 10, 5, 3, flaky, 1);
        double[][] rows = correlated(7, 30, 30);
        List<Verdict> v = Series.runRows(d, rows);
        assertThat(v.get(12)).isEqualTo(new Verdict(0, 3, false, "test: no model yet, judged normal: fit on 10 rows failed (ArithmeticException: singular)"));
        assertThat(calls[0]).isGreaterThan(1);
        assertThat(v.get(29).explanation()).isEmpty();
        assertThat(d.observe(0, new double[] {0.5, 9}).anomalous()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "kmeans:clusters=0              | parameter 'clusters' must be a whole number ≥ 1, got '0'",
            "kmeans:train=10,clusters=20    | parameter 'clusters' must not exceed train (10)",
            "kmeans:quantile=1.5            | parameter 'quantile' must be a number in (0, 1], got '1.5'",
            "dbscan:minPts=200              | parameter 'minPts' must be less than train (120)",
            "dbscan:radius=1,margin=2       | 'radius' fixes the radius",
            "dbscan:radius=-1               | parameter 'radius' must be a number in (0, ∞], got '-1'",
            "autoencoder:epochs=0           | parameter 'epochs' must be a whole number ≥ 1, got '0'",
            "autoencoder:rate=2             | parameter 'rate' must be a number in (0, 1], got '2'",
    })
    void badParameters_nameTheParameterAndTheFix(String spec, String message) {
        String name = spec.substring(0, spec.indexOf(':'));
        assertThatThrownBy(() -> DetectorRegistry.validate(DetectorSpec.parse(spec)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("detector '" + name + "': ")
                .hasMessageContaining(message);
    }
}
