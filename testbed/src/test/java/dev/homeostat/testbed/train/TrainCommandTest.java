package dev.homeostat.testbed.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.detectors.FailureModel;
import dev.homeostat.testbed.cli.Homeostat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command through the real root (`Homeostat.execute`): exit codes and messages as a user sees them. */
class TrainCommandTest {
    @TempDir Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Homeostat.execute(new PrintWriter(out, true), new PrintWriter(err, true), Stream.concat(Stream.of("train"), Stream.of(args)).toArray(String[]::new));
    }

    @Test
    void fromFolders_trainsPrintsConfusionAndWritesALoadableModel() {
        WindowExporter.write(TrainingFixtures.windowsOf("leak", TrainingFixtures.memoryLeak(), 1), dir.resolve("runs/a/leak-seed1.windows.csv"));
        WindowExporter.write(TrainingFixtures.windowsOf("leak", TrainingFixtures.memoryLeak(), 2), dir.resolve("runs/b/leak-seed2.windows.csv"));
        Path model = dir.resolve("models/failure.bin");

        int code = run("--from", dir.resolve("runs").toString(), "--out", model.toString(), "--trees", "10", "--seed", "3");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("windows: ").contains("from 2 runs").contains("2 folds by seed")
                .contains("(1) app/memory-leak").contains("out-of-bag accuracy").contains("classifier:model=" + model);
        FailureModel loaded = FailureModel.load(model);
        assertThat(loaded.classes()).containsExactly("app/memory-leak", "normal");
        assertThat(loaded.windowLength()).isEqualTo(WindowSpec.DEFAULT.length());
        assertThat(loaded.info()).containsEntry("trees", "10").containsEntry("runs", "2");
    }

    @Test
    void fromScenarios_runsThemAndExportsTheWindows() throws Exception {
        Files.writeString(dir.resolve("policy.yaml"), "# not read while training\n");
        Files.writeString(dir.resolve("leak.yaml"), """
                apiVersion: homeostat.dev/v1alpha1
                kind: Scenario
                metadata: {name: leak}
                spec:
                  duration: 25m
                  cluster:
                    nodePool: {count: 1, cpu: 4, memory: 16Gi}
                    deployments:
                      - {name: web, replicas: 2}
                    services:
                      - {name: web, requestsPerSecond: 40}
                  faults:
                    - {type: memory-leak, target: {deployment: web}, at: 10m, duration: 10m, rate: 256Ki}
                  engine: {policy: policy.yaml}
                """);
        Path model = dir.resolve("m.bin");

        int code = run("--scenarios", dir.resolve("leak.yaml").toString(), "--seeds", "2", "--export", dir.resolve("windows").toString(),
                "--out", model.toString(), "--trees", "5");

        assertThat(code).as(err.toString()).isZero();
        assertThat(Files.exists(dir.resolve("windows/leak-seed1.windows.csv"))).isTrue();
        assertThat(Files.exists(dir.resolve("windows/leak-seed2.windows.csv"))).isTrue();
        assertThat(FailureModel.load(model).classes()).containsExactly("app/memory-leak", "normal");
    }

    @Test
    void badInput_exits2NamingTheFolderOrFile() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        assertThat(run("--from", dir.resolve("empty").toString(), "--out", dir.resolve("m.bin").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--from " + dir.resolve("empty") + ": no *.windows.csv files in this folder");

        Path bad = dir.resolve("bad/x.windows.csv");
        Files.createDirectories(bad.getParent());
        Files.writeString(bad, "pod,label\n");
        assertThat(run("--from", bad.getParent().toString(), "--out", dir.resolve("m.bin").toString())).isEqualTo(2);
        assertThat(err.toString()).contains(bad + ":1: header 'pod,label' differs");

        List<LabelledWindow> normal = TrainingFixtures.windowsOf("leak", TrainingFixtures.memoryLeak(), 1).stream()
                .filter(w -> w.label().equals("normal")).toList();
        WindowExporter.write(normal, dir.resolve("normal/n.windows.csv"));
        assertThat(run("--from", dir.resolve("normal").toString(), "--out", dir.resolve("m.bin").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("every window is labelled 'normal'");

        assertThat(run("--out", dir.resolve("m.bin").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("give --from DIR (exported windows) or --scenarios DIR");
        assertThat(Files.exists(dir.resolve("m.bin"))).isFalse();
    }
}
