package dev.homeostat.detectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailureModelTest {
    @TempDir Path dir;

    @Test
    void trainedModel_tellsTheSyntheticModesApart() {
        FailureModel model = FailureFixtures.model(1, 30);
        var r = new SplittableRandom(7);
        int right = 0, total = 0;
        for (String mode : FailureFixtures.MODES) {
            for (int n = 0; n < 20; n++) {
                double[][] rows = new double[FailureFixtures.WINDOW][];
                for (int i = 0; i < rows.length; i++) rows[i] = FailureFixtures.observation(mode, n + i, r);
                if (model.predict(FailureFeatures.of(rows)).label().equals(mode)) right++;
                total++;
            }
        }
        assertThat(model.classes()).containsExactly("StressChaos/cpu", "app/memory-leak", "normal");
        assertThat((double) right / total).isGreaterThan(0.9);
        assertThat(model.outOfBagAccuracy()).isGreaterThan(0.9);
    }

    @Test
    void sameSeed_sameBytes_otherSeed_otherBytes() {
        byte[] a = FailureFixtures.model(5, 20).toBytes();
        byte[] b = FailureFixtures.model(5, 20).toBytes();
        byte[] c = FailureFixtures.model(6, 20).toBytes();
        assertThat(a).isEqualTo(b);
        assertThat(Arrays.equals(a, c)).isFalse();
    }

    @Test
    void bytesRoundTrip_keepsMetadataAndPredictions() throws Exception {
        FailureModel model = FailureFixtures.model(3, 20);
        Path file = dir.resolve("m.bin");
        Files.write(file, model.toBytes());

        FailureModel back = FailureModel.load(file);

        assertThat(back.windowLength()).isEqualTo(FailureFixtures.WINDOW);
        assertThat(back.features()).isEqualTo(FailureFeatures.NAMES);
        assertThat(back.classes()).isEqualTo(model.classes());
        assertThat(back.info()).containsEntry("source", "fixtures");
        assertThat(back.toBytes()).isEqualTo(model.toBytes());
        double[] probe = {0.7, 0.02, 0.2, 0.2, 0, 0, 0.025, 0.03, 0, 1};
        assertThat(back.predict(probe).probabilities()).containsExactly(model.predict(probe).probabilities());
    }

    @Test
    void oneClassOnly_isRejected() {
        assertThatThrownBy(() -> FailureModel.train(List.of("a"), new double[][] {{1}, {2}}, List.of("normal", "normal"), 4, 5, 1, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one class only (normal)");
    }

    @Test
    void badFiles_areNamedWithTheFix() throws Exception {
        Path missing = dir.resolve("nope.bin");
        assertThatThrownBy(() -> FailureModel.load(missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope.bin: no such model file; train one with 'homeostat train --out");
        Path text = dir.resolve("text.bin");
        Files.writeString(text, "hello");
        assertThatThrownBy(() -> FailureModel.load(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("text.bin: not a Homeostat failure model");
        byte[] good = FailureFixtures.model(3, 5).toBytes();
        Path cut = dir.resolve("cut.bin");
        Files.write(cut, Arrays.copyOf(good, good.length / 2));
        assertThatThrownBy(() -> FailureModel.load(cut)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cut.bin: truncated or corrupt model file");
    }
}
