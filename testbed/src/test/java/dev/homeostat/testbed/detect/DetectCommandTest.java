package dev.homeostat.testbed.detect;

import static dev.homeostat.testbed.detect.NabFixtures.tinyCorpus;
import static dev.homeostat.testbed.detect.NabFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homeostat.testbed.cli.Homeostat;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command through the real root (`Homeostat.execute`): exit codes, tables and the export as a user sees them. */
class DetectCommandTest {
    @TempDir Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Homeostat.execute(new PrintWriter(out, true), new PrintWriter(err, true), Stream.concat(Stream.of("detect"), Stream.of(args)).toArray(String[]::new));
    }

    private String[] eval(String... more) {
        return Stream.concat(Stream.of("eval", "--data", dir.resolve("data").toString(), "--labels", dir.resolve("labels.json").toString()),
                Stream.of(more)).toArray(String[]::new);
    }

    @Test
    void eval_printsNabsTableWithTheThreeProfilesAndTheBaselines() throws IOException {
        tinyCorpus(dir);

        assertThat(run(eval("--detector", "mad", "--seed", "5", "--random-seeds", "2"))).isZero();

        String text = out.toString();
        assertThat(text).contains("2 files in 2 categories (1 windows, 1 anomaly-free files), 80 rows; seed 5.")
                .contains("| detector | standard | reward_low_FP_rate | reward_low_FN_rate | threshold (standard) | windows detected | FP rows |")
                .contains("| null | 0.0 | 0.0 | 0.0 | 1.10000 | 0/1 | 0 |")
                .containsPattern("\\| mad \\| -?[0-9.]+ \\| ").containsPattern("\\| random \\| ").containsPattern("\\| windowedGaussian \\| ")
                .containsPattern("\\| random \\(mean of seeds 1–2\\) \\| -?[0-9.]+ \\| -?[0-9.]+ \\| -?[0-9.]+ \\| n/a \\| n/a \\| n/a \\|")
                .contains("## Standard score per category").contains("## The engine's view");
    }

    @Test
    void eval_isDeterministicAndWritesTheSameMarkdownToOut() throws IOException {
        tinyCorpus(dir);
        Path report = dir.resolve("reports/nab.md");
        String[] args = eval("--detector", "cad-ose", "--random-seeds", "0", "--out", report.toString());

        assertThat(run(args)).isZero();
        String first = out.toString();
        out.getBuffer().setLength(0);
        assertThat(run(args)).isZero();

        assertThat(out.toString()).isEqualTo(first);
        assertThat(first).startsWith(Files.readString(report)).contains("report: " + report);
        assertThat(Files.list(report.getParent())).containsExactly(report); // no temporary file left behind
    }

    @Test
    void export_writesNabsResultsLayoutAndThresholds() throws IOException {
        tinyCorpus(dir);
        Path results = dir.resolve("results");

        assertThat(run(eval("--detector", "mad:k=5.5", "--random-seeds", "0", "--export", results.toString()))).isZero();

        Path mad = results.resolve("mad-k-5p5/a/mad-k-5p5_with.csv");
        List<String> lines = Files.readAllLines(mad);
        assertThat(lines).hasSize(41).first().isEqualTo("timestamp,value,anomaly_score,label");
        assertThat(lines.get(1)).startsWith("2014-04-01 00:00:00,0.0,");
        assertThat(lines.get(21)).startsWith("2014-04-01 01:40:00,20.0,").endsWith(",1");  // first row of the window
        assertThat(lines.get(25)).endsWith(",0");
        for (String name : List.of("null/a/null_with.csv", "null/b/null_clean.csv", "random/b/random_clean.csv", "windowedGaussian/a/windowedGaussian_with.csv")) {
            assertThat(results.resolve(name)).isRegularFile();
        }
        JsonNode thresholds = new ObjectMapper().readTree(results.resolve("thresholds.json").toFile());
        assertThat(thresholds.path("null").path("standard").path("threshold").asDouble()).isEqualTo(1.1);
        assertThat(thresholds.path("mad-k-5p5").path("reward_low_FN_rate").has("score")).isTrue();
        try (Stream<Path> files = Files.list(results)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".export-"));
        }
        assertThat(out.toString()).contains("export: " + results);
    }

    @Test
    void exportOntoAFile_isBadInputAndWritesNothing() throws IOException {
        tinyCorpus(dir);
        write(dir.resolve("taken"), "x");

        assertThat(run(eval("--detector", "mad", "--random-seeds", "0", "--export", dir.resolve("taken").toString()))).isEqualTo(2);
        assertThat(err.toString()).contains("--export").contains("not a folder");
        assertThat(Files.readString(dir.resolve("taken"))).isEqualTo("x");
    }

    @Test
    void missingLabelsFlag_isBadInput() throws IOException {
        tinyCorpus(dir);

        assertThat(run("eval", "--data", dir.resolve("data").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--labels");
    }

    @Test
    void badDataFile_exitsTwoWithOneLineNamingFileAndLine() throws IOException {
        tinyCorpus(dir);
        write(dir.resolve("data/a/with.csv"), "timestamp,value\n2014-04-01 00:00:00,x\n");

        assertThat(run(eval("--detector", "mad"))).isEqualTo(2);
        assertThat(err.toString()).contains("with.csv:2:").contains("'x' is not a number").doesNotContain("\tat ");
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void malformedLabels_exitTwoWithOneLine() throws IOException {
        tinyCorpus(dir);
        write(dir.resolve("labels.json"), "{\"a/with.csv\": [[\"2014-04-01 01:40:00\", 5]], \"b/clean.csv\": []}");

        assertThat(run(eval("--detector", "mad"))).isEqualTo(2);
        assertThat(err.toString()).contains("labels.json:1:").contains("a/with.csv").doesNotContain("\tat ");
    }

    @Test
    void malformedDetectorSpec_exitsTwoNamingTheFlag() throws IOException {
        tinyCorpus(dir);

        assertThat(run(eval("--detector", "mad:window"))).isEqualTo(2);
        assertThat(err.toString()).contains("--detector mad:window").contains("not key=value");
    }

    @Test
    void detectWithoutSubcommand_isBadInput() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("detect eval");
    }
}
