package dev.homeostat.testbed.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homeostat.reports.OutPaths;
import dev.homeostat.testbed.cli.Homeostat;
import dev.homeostat.testbed.run.SuiteOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs checked before work, I/O failures with their own exit code, and one-line messages across commands (issue 18). */
class OutputAndMessagesTest {
    @TempDir Path dir;

    private Path scenario() {
        return Cli.write(dir.resolve("tiny.yaml"), Cli.TINY);
    }

    @Test void outPointingAtAFile_isBadInput_beforeAnySimulation() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Cli.run("run", scenario().toString(), "--out", file.toString(), "-q").refusedInOneLine()
                .errContains("--out " + file + ": is a file, not a folder");
        Cli.run("run", scenario().toString(), "--out", file.resolve("sub").toString(), "-q").refusedInOneLine()
                .errContains("--out " + file.resolve("sub") + ": cannot create the folder");
        assertThat(Files.readString(file)).isEqualTo("x");
    }

    @Test void aWriteThatFailsAtTheEnd_exits3_inOneLine_andLeavesNoStagingBehind() throws IOException {
        Path out = dir.resolve("out");
        // a non-empty folder where report.json goes: the run succeeds, moving its report into place cannot
        Files.createDirectories(out.resolve("report.json").resolve("in-the-way"));
        var r = Cli.run("run", scenario().toString(), "--out", out.toString(), "-q");
        assertThat(r.exit()).as(r.err()).isEqualTo(Homeostat.EXIT_IO);
        Cli.assertCleanLine(r.err());
        assertThat(r.err()).contains("cannot write " + out.resolve("report.json"));
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".homeostat-staging-"));
        }
    }

    @Test void aSuccessfulRun_publishesEverything_andNoStagingFolder() throws IOException {
        Path out = dir.resolve("out");
        var r = Cli.run("run", scenario().toString(), "--out", out.toString(), "-q");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(out.resolve("report.json")).isRegularFile();
        assertThat(SuiteOutput.journal(out, "tiny", 1, true)).isRegularFile();
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
        }
    }

    @Test void aPathBuiltFromAName_cannotLeaveItsFolder() {
        Path out = dir.resolve("out");
        assertThatThrownBy(() -> SuiteOutput.journal(out, "../..", 1, true)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one path segment");
        assertThatThrownBy(() -> SuiteOutput.journal(out, "a/b", 1, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OutPaths.inside(out, out.resolve("x/../../y"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside");
        assertThat(OutPaths.child(out, "ok.json")).isEqualTo(out.resolve("ok.json"));
    }

    @Test void help_listsTheExitCodes_includingIo() {
        var r = Cli.run("--help");
        assertThat(r.out()).contains("Exit codes:", "0   every scenario", "1   an expectation failed", "2   bad input", "3   an I/O failure");
        assertThat(Cli.run("run", "--help").out()).contains("3   an I/O failure");
        assertThat(Cli.run("report", "merge", "--help").out()).contains("3   an I/O failure");
    }

    @Test void versionHelp_exits0() {
        var r = Cli.run("version", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Usage: homeostat version");
    }

    @Test void chaosValidate_onAFolderWithoutManifests_isBadInput() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Cli.run("chaos", "validate", empty.toString()).refusedInOneLine().errContains("no *.yaml, *.yml or *.json manifests");
    }

    @Test void compare_onReportsWithBrokenScenarios_saysWhatIsWrong_inWords() throws IOException {
        Path noName = Files.writeString(dir.resolve("a.json"), "{\"schemaVersion\": \"2\", \"suite\": \"x\", \"scenarios\": [{\"name\": \"a\"}]}");
        Cli.run("compare", noName.toString(), noName.toString()).refusedInOneLine().errContains("scenarios[0]: a required field is missing or null");
        Path wrongType = Files.writeString(dir.resolve("b.json"), "{\"schemaVersion\": \"2\", \"suite\": \"x\", \"scenarios\": [1]}");
        Cli.run("compare", wrongType.toString(), wrongType.toString()).refusedInOneLine().errContains("scenarios[0]: a value of the wrong type");
        Path truncated = Files.writeString(dir.resolve("c.json"), "[1");
        Cli.run("compare", truncated.toString(), truncated.toString()).refusedInOneLine().errContains("line 1, column 3: unexpected end of input");
        Path binary = Files.write(dir.resolve("d.json"), new byte[] {(byte) 0xff, (byte) 0xfe});
        Cli.run("compare", binary.toString(), binary.toString()).refusedInOneLine().errContains("not UTF-8 text");
    }

    @Test void compareOut_thatCannotBeWritten_isRefusedBeforeReading() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Path report = dir.resolve("out");
        assertThat(Cli.run("run", scenario().toString(), "--out", report.toString(), "-q").exit()).isZero();
        Cli.run("compare", report.toString(), report.toString(), "--out", file.resolve("x.md").toString())
                .refusedInOneLine().errContains("--out " + file.resolve("x.md") + ": cannot write there");
    }

    @Test void policyErrors_carryTheirLine_andYamlSyntaxIsOneLine() {
        Path bad = Cli.write(dir.resolve("p.yaml"), "apiVersion: homeostat.dev/v1alpha1\nkind: RemediationPolicy\nmetadata: {name: p}\nspec:\n  signals:\n    - name: s\n      metric: m\n      target: pods\n");
        Cli.run("run", scenario().toString(), "--policy", bad.toString(), "--out", dir.resolve("out").toString(), "-q")
                .refusedInOneLine().errContains(bad + ":8: spec.signals[0].target: unknown target 'pods'");
        Path syntax = Cli.write(dir.resolve("q.yaml"), "apiVersion: [1\n");
        Cli.run("run", scenario().toString(), "--policy", syntax.toString(), "--out", dir.resolve("out").toString(), "-q")
                .refusedInOneLine().errContains(syntax + ":2:1: YAML syntax: ");
        assertThat(Cli.filesUnder(dir.resolve("out"))).isZero();
    }
}
