package dev.homeostat.detectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class IsolationForestDetectorTest {

    /** Two correlated signals (CPU and latency, say) with an anomaly on signal 1 only after warm-up. */
    private static double[][] rows(long seed, int n, int anomalyFrom) {
        var r = new SplittableRandom(seed);
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            double cpu = 0.5 + 0.05 * Series.gaussian(r);
            double latency = 0.2 + 0.4 * cpu + 0.01 * Series.gaussian(r);
            if (i >= anomalyFrom) latency += 0.5;
            rows[i] = new double[] {cpu, latency};
        }
        return rows;
    }

    @Test
    void multivariateAnomaly_isFlagged_andTheExplanationNamesTheSignal() {
        List<Verdict> v = Series.runRows(Series.create("isolation-forest", 42), rows(1, 300, 250));
        assertThat(v.subList(0, 120)).allMatch(x -> x.score() == 0 && !x.anomalous());
        assertThat(v.subList(250, 300)).allMatch(Verdict::anomalous);
        assertThat(v.subList(120, 250)).filteredOn(Verdict::anomalous).hasSizeLessThan(5);
        assertThat(v.get(250).explanation()).matches("isolation score 0\\.[0-9]+ > 0\\.[0-9]+; signal 1 value [0-9.]+ is [0-9.]+ MADs above training median 0\\.[0-9]+");
        assertThat(v.get(200).threshold()).isBetween(0.3, 1.2);
    }

    @Test
    void sameSeed_givesSameVerdicts_evenOnAnotherThread() throws InterruptedException {
        double[][] data = rows(2, 260, 240);
        List<Verdict> here = Series.runRows(Series.create("isolation-forest:refit=50", 9), data);
        var there = new AtomicReference<List<Verdict>>();
        Thread t = new Thread(() -> there.set(Series.runRows(Series.create("isolation-forest:refit=50", 9), data)));
        t.start();
        t.join();
        assertThat(there.get()).isEqualTo(here);
    }

    @Test
    void differentSeeds_giveDifferentForests() {
        double[][] data = rows(3, 200, 200);
        List<Verdict> a = Series.runRows(Series.create("isolation-forest", 1), data);
        List<Verdict> b = Series.runRows(Series.create("isolation-forest", 2), data);
        assertThat(a.subList(120, 200)).extracting(Verdict::score).isNotEqualTo(b.subList(120, 200).stream().map(Verdict::score).toList());
    }

    @Test
    void missingSignal_isImputedWithTheTrainingMedian() {
        var d = Series.create("isolation-forest:train=50", 5);
        Series.runRows(d, rows(4, 50, 50));
        Verdict partial = d.observe(0, new double[] {Double.NaN, 5.0});
        Verdict shorter = d.observe(0, new double[] {5.0});
        Verdict none = d.observe(0, new double[] {Double.NaN, Double.NaN});
        assertThat(partial.anomalous()).isTrue();
        assertThat(partial.explanation()).contains("signal 1 value 5 ");
        assertThat(shorter.anomalous()).isTrue();
        assertThat(shorter.explanation()).contains("signal 0 value 5 ");
        assertThat(none).isEqualTo(Verdict.normal(0, none.threshold()));
    }

    @Test
    void moreSignalsThanLearned_isRejectedWithAnExplanation() {
        var d = Series.create("isolation-forest", 5);
        d.observe(0, new double[] {1, 2});
        assertThatThrownBy(() -> d.observe(1, new double[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 signals").hasMessageContaining("learned 2");
    }

    @Test
    void fixedThreshold_isUsedAsIs() {
        List<Verdict> v = Series.runRows(Series.create("isolation-forest:threshold=0.99", 5), rows(6, 200, 150));
        assertThat(v).allMatch(x -> x.threshold() == 0.99);
        assertThat(v).noneMatch(Verdict::anomalous);
    }

    @Test
    void refit_learnsANewLevelFromRecentNormalObservations() {
        // a slow ramp: without refits the later values leave the training range, with refits they are normal
        var r = new SplittableRandom(8);
        double[][] data = new double[600][];
        for (int i = 0; i < data.length; i++) data[i] = new double[] {i * 0.01 + 0.05 * Series.gaussian(r)};
        long frozen = Series.runRows(Series.create("isolation-forest:train=60", 1), data).stream().filter(Verdict::anomalous).count();
        long refitted = Series.runRows(Series.create("isolation-forest:train=60,refit=10", 1), data).stream().filter(Verdict::anomalous).count();
        assertThat(frozen).isGreaterThan(300);
        assertThat(refitted).isLessThan(frozen / 3);
    }
}
