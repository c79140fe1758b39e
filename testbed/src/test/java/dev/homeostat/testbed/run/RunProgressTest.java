package dev.homeostat.testbed.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.testbed.cli.Homeostat;
import dev.homeostat.testbed.scenario.Scenario;
import dev.homeostat.testbed.scenario.ScenarioLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunProgressTest {
    static final Path POD_KILL = Path.of("..", "scenarios", "ci", "pod-kill.yaml");

    @Property
    void quietAlwaysWins_andOnlyAnInteractiveTerminalOutsideCiGetsTheBar(@ForAll boolean quiet, @ForAll boolean terminal, @ForAll boolean ci) {
        Map<String, String> env = ci ? Map.of("CI", "true") : Map.of("HOME", "/root");
        var mode = RunProgress.Mode.choose(quiet, terminal, env);

        var expected = quiet ? RunProgress.Mode.QUIET : (terminal && !ci) ? RunProgress.Mode.BAR : RunProgress.Mode.LINES;
        assertThat(mode).isEqualTo(expected);
    }

    @Test
    void lines_printOneNumberedLinePerFinishedRun() {
        Scenario scenario = new ScenarioLoader().load(POD_KILL);
        var err = new StringWriter();
        try (var progress = RunProgress.open(RunProgress.Mode.LINES, "ci", 3, new PrintWriter(err))) {
            for (long seed = 1; seed <= 3; seed++) progress.done(new SuiteRunner.SeedRun(scenario, seed, null, null, null));
        }

        assertThat(err.toString().lines().toList()).containsExactly(
                "[1/3] pod-kill-frontend seed 1 done",
                "[2/3] pod-kill-frontend seed 2 done",
                "[3/3] pod-kill-frontend seed 3 done");
    }

    @Test
    void quiet_printsNothing() {
        Scenario scenario = new ScenarioLoader().load(POD_KILL);
        var err = new StringWriter();
        try (var progress = RunProgress.open(RunProgress.Mode.QUIET, "ci", 1, new PrintWriter(err))) {
            progress.done(new SuiteRunner.SeedRun(scenario, 1, null, null, null));
        }

        assertThat(err.toString()).isEmpty();
    }

    @Test
    void run_withoutATerminal_printsOneProgressLinePerRunOnStderr_andOnlyTheTableOnStdout(@TempDir Path out) {
        // Surefire's forked JVM has no terminal, so the run picks plain lines by itself.
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Homeostat.execute(new PrintWriter(stdout, true), new PrintWriter(stderr, true),
                "run", POD_KILL.toString(), "--seeds", "2", "--threads", "2", "--out", out.toString());

        assertThat(code).as(stdout + "" + stderr).isLessThan(2);
        assertThat(stderr.toString().lines().filter(l -> l.matches("\\[[12]/2] pod-kill-frontend seed [12] done"))).hasSize(2);
        assertThat(stdout.toString()).doesNotContain("/2]").contains("pod-kill-frontend").contains("report.json");
    }

    @Test
    void run_quiet_printsNoProgressAtAll(@TempDir Path out) {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Homeostat.execute(new PrintWriter(stdout, true), new PrintWriter(stderr, true),
                "run", POD_KILL.toString(), "--seeds", "1", "--quiet", "--out", out.toString());

        assertThat(code).as(stdout + "" + stderr).isLessThan(2);
        assertThat(stderr.toString()).isEmpty();
        assertThat(stdout.toString()).contains("pod-kill-frontend").doesNotContain(" done");
    }
}
