package dev.homeostat.testbed.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homeostat.detectors.FailureFeatures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WindowExporterTest {
    @TempDir Path dir;

    private static final long START = TrainingFixtures.FAULT_AT.toMillis();
    private static final long END = START + TrainingFixtures.FAULT_FOR.toMillis();

    @Test
    void memoryLeak_windowsDuringTheLeakAreLabelledWithIt_beforeItNormal() {
        List<LabelledWindow> windows = TrainingFixtures.windowsOf("leak", TrainingFixtures.memoryLeak(), 1);

        // three pods while it leaks; the fix's rollout at its end replaces them
        assertThat(windows.stream().filter(w -> w.endMillis() < END).map(LabelledWindow::pod).distinct().count()).isEqualTo(3);
        assertThat(windows).filteredOn(w -> w.endMillis() < START).isNotEmpty().allMatch(w -> w.label().equals("normal"));
        assertThat(windows).filteredOn(w -> w.endMillis() >= START && w.endMillis() < END).isNotEmpty()
                .allMatch(w -> w.label().equals("app/memory-leak"));
        assertThat(windows).filteredOn(w -> w.endMillis() >= END).allMatch(w -> w.label().equals("normal"));
        // 8 samples of 15 s: the first window ends at 1m45s, then one every 30 s
        assertThat(windows.stream().mapToLong(LabelledWindow::endMillis).distinct().sorted().limit(2).toArray()).containsExactly(105_000, 135_000);
        // the leak shows in the features: memory rises during the fault, not before
        double slopeBefore = windows.stream().filter(w -> w.endMillis() < START).mapToDouble(w -> w.features()[1]).max().orElseThrow();
        double slopeDuring = windows.stream().filter(w -> w.endMillis() > START + 120_000 && w.endMillis() < END).mapToDouble(w -> w.features()[1]).min().orElseThrow();
        assertThat(slopeDuring).isGreaterThan(slopeBefore);
    }

    @Test
    void podChaosInModeOne_labelsOnlyTheChosenPod() {
        List<LabelledWindow> windows = TrainingFixtures.windowsOf("failure", TrainingFixtures.podFailure(), 1);
        var hit = windows.stream().filter(w -> w.label().equals("PodChaos/pod-failure")).map(LabelledWindow::pod).distinct().toList();
        assertThat(hit).hasSize(1);
        assertThat(windows).filteredOn(w -> !w.pod().equals(hit.getFirst())).allMatch(w -> w.label().equals("normal"));
    }

    @Test
    void csv_roundTrips_andTheSameRunGivesTheSameBytes() throws Exception {
        List<LabelledWindow> windows = TrainingFixtures.windowsOf("leak", TrainingFixtures.memoryLeak(), 2);
        Path a = dir.resolve("a/leak-seed2.windows.csv");
        Path b = dir.resolve("b.windows.csv");
        WindowExporter.write(windows, a);
        WindowExporter.write(TrainingFixtures.windowsOf("leak", TrainingFixtures.memoryLeak(), 2), b);

        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        assertThat(Files.readAllLines(a).getFirst()).isEqualTo("scenario,seed,pod,end_ms,window,label," + String.join(",", FailureFeatures.NAMES));
        assertThat(WindowExporter.read(a)).isEqualTo(windows);
        try (var files = Files.list(a.getParent())) {
            assertThat(files).containsExactly(a);   // no temp file left behind
        }
    }

    @Test
    void badFiles_nameFileAndLine() throws Exception {
        Path header = dir.resolve("h.windows.csv");
        Files.writeString(header, "scenario,seed,pod\n");
        assertThatThrownBy(() -> WindowExporter.read(header)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(header + ":1: header 'scenario,seed,pod' differs").hasMessageEndingWith("export the windows again with this build");
        Path number = dir.resolve("n.windows.csv");
        Files.writeString(number, WindowExporter.header() + "\nx,1,default/web-a,0,8,normal,1,2,3,4,5,6,7,eight,9,10\n");
        assertThatThrownBy(() -> WindowExporter.read(number)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(number + ":2: not a number");
        Path columns = dir.resolve("c.windows.csv");
        Files.writeString(columns, WindowExporter.header() + "\nx,1,default/web-a\n");
        assertThatThrownBy(() -> WindowExporter.read(columns)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(columns + ":2: 3 columns, the header has 16");
    }

    @Test
    void exporterSignals_areTheSimulatorMetricsTheDetectorDocuments() {
        assertThat(WindowExporter.METRICS).isEqualTo(FailureFeatures.SIGNALS);
    }

    @Test
    void deploymentOfPod_followsTheKubernetesNamingConvention() {
        assertThat(WindowExporter.deploymentOf("default/web-abcde")).isEqualTo("default/web");
        assertThat(WindowExporter.deploymentOf("shop/check-out-x1y2z")).isEqualTo("shop/check-out");
    }
}
