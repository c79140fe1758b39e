package dev.homeostat.testbed.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homeostat.detectors.Detector;
import dev.homeostat.detectors.DetectorRegistry;
import dev.homeostat.detectors.DetectorSpec;
import dev.homeostat.detectors.FailureFeatures;
import dev.homeostat.detectors.FailureModel;
import dev.homeostat.reports.AtomicFiles;
import dev.homeostat.simulator.metrics.Series;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
    static List<LabelledWindow> training;
    static Trainer.Result trained;
    @TempDir static Path dir;

    @BeforeAll
    static void train() {
        training = TrainingFixtures.windows(1, 2, 3);
        trained = Trainer.train(training, new Trainer.Options(30, 1, 3), "fixtures");
    }

    @Test
    void classifier_tellsTheFailureModesApartOnAHeldOutSeed() {
        List<LabelledWindow> heldOut = TrainingFixtures.windows(4);
        FailureModel model = trained.model();
        List<String> classes = model.classes();
        int[][] confusion = new int[classes.size()][classes.size()];
        int right = 0;
        for (LabelledWindow w : heldOut) {
            String predicted = model.predict(w.features()).label();
            confusion[classes.indexOf(w.label())][classes.indexOf(predicted)]++;
            if (predicted.equals(w.label())) right++;
        }
        Map<String, Long> counts = new TreeMap<>();
        heldOut.forEach(w -> counts.merge(w.label(), 1L, Long::sum));
        double majority = counts.values().stream().mapToLong(Long::longValue).max().orElseThrow() / (double) heldOut.size();
        double accuracy = (double) right / heldOut.size();
        System.out.println(trained.report());
        System.out.printf("held-out seed 4: accuracy %.3f, majority class %.3f%n%s", accuracy, majority, Trainer.confusionTable(classes, confusion));

        assertThat(classes).containsExactly("PodChaos/pod-failure", "StressChaos/cpu", "app/memory-leak", "normal");
        assertThat(accuracy).isGreaterThan(0.9).isGreaterThan(majority + 0.15);
        for (int i = 0; i < classes.size(); i++) {
            int row = 0;
            for (int v : confusion[i]) row += v;
            assertThat((double) confusion[i][i] / row).as("recall of " + classes.get(i)).isGreaterThan(0.7);
        }
        assertThat(trained.crossValidatedAccuracy()).isGreaterThan(0.9);
        assertThat(trained.report()).contains("3 folds by seed").contains("confusion (rows: true class");
    }

    @Test
    void detector_servingTheModelOnRawSignals_agreesWithTheExportedWindows() {
        Path file = dir.resolve("model.bin");
        AtomicFiles.write(file, trained.model().toBytes());
        var run = BaselineRun.run("cpu-stress", TrainingFixtures.cpuStress(), 5);
        List<LabelledWindow> exported = WindowExporter.windows(run.metrics(), run.journal(), WindowSpec.DEFAULT);
        String pod = exported.stream().filter(w -> !w.label().equals("normal")).findFirst().orElseThrow().pod();
        Series[] signals = new Series[WindowExporter.METRICS.size()];
        for (int s = 0; s < signals.length; s++)
            for (Series series : run.metrics().range(WindowExporter.METRICS.get(s), 0, Long.MAX_VALUE))
                if ((series.labels().get("namespace") + "/" + series.labels().get("pod")).equals(pod)) signals[s] = series;
        Detector detector = DetectorRegistry.create(DetectorSpec.parse("classifier:model=" + file), 1);
        Map<Long, Double> scores = new TreeMap<>();
        long[] times = signals[FailureFeatures.READY].times();
        for (long t : times) {
            double[] values = new double[signals.length];
            for (int s = 0; s < signals.length; s++) values[s] = valueAt(signals[s], t);
            scores.put(t, detector.observe(t, values).score());
        }
        int checked = 0;
        for (LabelledWindow w : exported) {
            if (!w.pod().equals(pod)) continue;
            double[] p = trained.model().predict(w.features()).probabilities();
            double failure = 0;
            for (int k = 0; k < p.length; k++) if (!trained.model().classes().get(k).equals("normal")) failure = Math.max(failure, p[k]);
            assertThat(scores.get(w.endMillis())).as("score at " + w.endMillis()).isEqualTo(failure);
            checked++;
        }
        assertThat(checked).isGreaterThan(50);
    }

    private static double valueAt(Series s, long t) {
        if (s == null) return Double.NaN;
        int i = java.util.Arrays.binarySearch(s.times(), t);
        return i >= 0 ? s.values()[i] : Double.NaN;
    }

    @Test
    void sameSeed_sameModelBytes() {
        List<LabelledWindow> some = training.subList(0, 600);
        var a = Trainer.train(some, new Trainer.Options(10, 9, 0), "a");
        var b = Trainer.train(some, new Trainer.Options(10, 9, 0), "b");
        assertThat(a.model().toBytes()).isEqualTo(b.model().toBytes());
        assertThat(FailureModel.fromBytes(a.model().toBytes(), "a").info()).containsEntry("seed", "9").containsEntry("trees", "10");
    }

    @Test
    void oneClassOnly_isRejectedNamingTheSource() {
        List<LabelledWindow> normal = training.stream().filter(w -> w.label().equals("normal")).limit(50).toList();
        assertThatThrownBy(() -> Trainer.train(normal, new Trainer.Options(5, 1, 0), "--from runs/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--from runs/: every window is labelled 'normal'; a classifier needs at least two classes");
    }
}
