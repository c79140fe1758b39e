package dev.homeostat.testbed.detect;

import static dev.homeostat.testbed.detect.NabFixtures.tinyCorpus;
import static dev.homeostat.testbed.detect.NabFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.testbed.cli.Homeostat;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command through the real root (`Homeostat.execute`): exit codes and messages as a user sees them. */
class DetectCommandTest {
    @TempDir Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Homeostat.execute(new PrintWriter(out, true), new PrintWriter(err, true), Stream.concat(Stream.of("detect"), Stream.of(args)).toArray(String[]::new));
    }

    @Test
    void eval_printsPerFileTablesAndOverallRowsForBothBaselines() throws IOException {
        tinyCorpus(dir);

        int code = run("eval", "--data", dir.resolve("data").toString(), "--labels", dir.resolve("labels.json").toString(), "--seed", "5");

        assertThat(code).isZero();
        String text = out.toString();
        assertThat(text).contains("2 files (1 labelled windows; 1 anomaly-free files), 80 points; seed 5.")
                .contains("## Per file: random").contains("## Per file: always")
                .contains("| file | points | windows | alarms | TP | FP | FN | precision | recall | F1 | delay median (min) | delay p90 (min) |")
                .contains("| detector | precision | recall | F1 | delay median (min) | delay p90 (min) | FA/day (clean) | alarm % | NAB standard | NAB low FP | NAB low FN |");
        // always: in a/with.csv (40 rows, probation 6) one event that covers the window (rows 20–23); delay 0.
        assertThat(text).contains("| a/with.csv | 40 | 1 | 1 | 1 | 0 | 0 | 1.000 | 1.000 | 1.000 | 0.0 | 0.0 |");
        assertThat(text).containsPattern("\\| always \\| 0\\.500 \\| 1\\.000 \\| 0\\.667 \\| 0\\.0 \\| 0\\.0 \\| [0-9.]+ \\| 100\\.00 \\| ");
        assertThat(text).containsPattern("\\| random \\| ");
    }

    @Test
    void eval_isDeterministicAndWritesTheSameMarkdownToOut() throws IOException {
        tinyCorpus(dir);
        Path report = dir.resolve("reports/nab.md");
        String[] args = {"eval", "--data", dir.resolve("data").toString(), "--labels", dir.resolve("labels.json").toString(), "--out", report.toString()};

        assertThat(run(args)).isZero();
        String first = out.toString();
        out.getBuffer().setLength(0);
        assertThat(run(args)).isZero();

        assertThat(out.toString()).isEqualTo(first);
        assertThat(first).startsWith(Files.readString(report)).contains("report: " + report);
        assertThat(Files.list(report.getParent())).containsExactly(report); // no temporary file left behind
    }

    @Test
    void missingLabelsFlag_isBadInput() throws IOException {
        tinyCorpus(dir);

        assertThat(run("eval", "--data", dir.resolve("data").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--labels");
    }

    @Test
    void badDataFile_exitsTwoNamingFileAndLine() throws IOException {
        tinyCorpus(dir);
        write(dir.resolve("data/a/with.csv"), "timestamp,value\n2014-04-01 00:00:00,x\n");

        assertThat(run("eval", "--data", dir.resolve("data").toString(), "--labels", dir.resolve("labels.json").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("with.csv line 2").contains("'x' is not a number");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void malformedDetectorSpec_exitsTwoNamingTheFlag() throws IOException {
        tinyCorpus(dir);

        assertThat(run("eval", "--data", dir.resolve("data").toString(), "--labels", dir.resolve("labels.json").toString(),
                "--detector", "mad:window")).isEqualTo(2);
        assertThat(err.toString()).contains("--detector mad:window").contains("not key=value");
    }

    @Test
    void detectWithoutSubcommand_isBadInput() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("detect eval");
    }
}
