package dev.homeostat.detectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifierDetectorTest {
    @TempDir static Path dir;
    static Path modelFile;

    @BeforeAll
    static void trainModel() throws Exception {
        modelFile = dir.resolve("failure.bin");
        Files.write(modelFile, FailureFixtures.model(1, 30).toBytes());
    }

    private static Detector create(String params) {
        return DetectorRegistry.create(DetectorSpec.parse("classifier:model=" + modelFile + params), 1);
    }

    private static List<Verdict> feed(Detector d, String mode, int n) {
        var r = new SplittableRandom(11);
        var out = new ArrayList<Verdict>();
        for (int i = 0; i < n; i++) out.add(d.observe(i * 15_000L, FailureFixtures.observation(mode, i, r)));
        return out;
    }

    @Test
    void warmUp_isNormalUntilTheWindowIsFull() {
        List<Verdict> verdicts = feed(create(""), "app/memory-leak", FailureFixtures.WINDOW - 1);
        assertThat(verdicts).allMatch(v -> !v.anomalous() && v.score() == 0 && v.threshold() == 0.6);
    }

    @Test
    void leakingPod_isNamedWithItsFailureModeAndProbability() {
        List<Verdict> verdicts = feed(create(",minProbability=0.5"), "app/memory-leak", 12);
        Verdict last = verdicts.getLast();
        assertThat(last.anomalous()).isTrue();
        assertThat(last.score()).isBetween(0.5, 1.0);
        assertThat(last.explanation()).startsWith("failure mode app/memory-leak with probability ").contains("≥ 0.5");
    }

    @Test
    void healthyPod_neverAlarms() {
        assertThat(feed(create(""), "normal", 40)).noneMatch(Verdict::anomalous);
    }

    @Test
    void servingFeatures_equalTheBatchFeatures_soTrainingAndServingAgree() {
        var model = FailureModel.load(modelFile);
        Detector d = create(",minProbability=1");
        var r = new SplittableRandom(3);
        double[][] rows = new double[FailureFixtures.WINDOW][];
        Verdict v = null;
        for (int i = 0; i < rows.length; i++) {
            rows[i] = FailureFixtures.observation("StressChaos/cpu", i, r);
            v = d.observe(i, rows[i]);
        }
        var p = model.predict(FailureFeatures.of(rows));
        int cpu = model.classes().indexOf("StressChaos/cpu");
        assertThat(v.score()).isEqualTo(p.probabilities()[cpu]);
    }

    @Test
    void missingValues_neverThrowOrGiveNonFiniteScores() {
        Detector d = create("");
        double nan = Double.NaN;
        assertThat(d.observe(0, null).anomalous()).isFalse();
        assertThat(d.observe(0, new double[0]).anomalous()).isFalse();
        for (int i = 0; i < 20; i++) {
            Verdict v = d.observe(i, i % 3 == 0 ? new double[] {nan, nan} : new double[] {0.4, nan, nan, nan, 0, 1});
            assertThat(v.score()).isFinite();
        }
    }

    @Test
    void badSpecs_nameTheParameterAndTheFix() throws Exception {
        assertThatThrownBy(() -> DetectorRegistry.validate(DetectorSpec.parse("classifier")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("detector 'classifier': parameter 'model' is required");
        assertThatThrownBy(() -> DetectorRegistry.validate(DetectorSpec.parse("classifier:model=" + dir.resolve("none.bin"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parameter 'model': cannot read").hasMessageContaining("homeostat train --out");
        assertThatThrownBy(() -> DetectorRegistry.validate(DetectorSpec.parse("classifier:model=" + modelFile + ",minProbability=2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parameter 'minProbability' must be a number in (0, 1]");
        Path junk = dir.resolve("junk.bin");
        Files.writeString(junk, "not a model");
        assertThatThrownBy(() -> DetectorRegistry.validate(DetectorSpec.parse("classifier:model=" + junk)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("junk.bin: not a Homeostat failure model");
    }
}
