package dev.homeostat.testbed.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.policy.Policy;
import dev.homeostat.remediation.policy.PolicyLoader;
import dev.homeostat.reports.ReportWriter;
import dev.homeostat.reports.ScenarioReport;
import dev.homeostat.reports.SuiteReport;
import dev.homeostat.reports.score.RunScore;
import dev.homeostat.reports.score.ScenarioResult;
import dev.homeostat.testbed.cli.Homeostat;
import dev.homeostat.testbed.run.SuiteRunner;
import dev.homeostat.testbed.scenario.Scenario;
import dev.homeostat.testbed.scenario.ScenarioLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate end to end: the CI suite run with the default policy and with an observe-only one, then compared. */
class CompareCommandTest {
    private static final Path CI = Path.of("..", "scenarios", "ci");
    private static final Path OBSERVE_ONLY = Path.of("..", "scenarios", "policies", "observe-only.yaml");

    @TempDir static Path dir;
    static Path defaultReport;
    static Path observeReport;

    record Result(int exit, String out, String err) { }

    @BeforeAll
    static void runTheCiSuiteWithBothPolicies() {
        List<Scenario> scenarios = new ScenarioLoader().loadAll(CI);
        defaultReport = runSuite(scenarios, s -> PolicyLoader.load(s.policy()), dir.resolve("default"));
        Policy observe = PolicyLoader.load(OBSERVE_ONLY);
        observeReport = runSuite(scenarios, s -> observe, dir.resolve("observe-only"));
    }

    private static Path runSuite(List<Scenario> scenarios, Function<Scenario, Policy> policy, Path out) {
        var policies = new LinkedHashMap<Scenario, Policy>();
        scenarios.forEach(s -> policies.put(s, policy.apply(s)));
        var runs = new SuiteRunner(2, r -> { }).run(scenarios, policies);
        var reports = new ArrayList<ScenarioReport>();
        for (Scenario s : scenarios) {
            List<RunScore> scores = runs.stream().filter(r -> r.scenario().equals(s)).map(SuiteRunner.SeedRun::score).toList();
            reports.add(ScenarioReport.of(ScenarioResult.of(s.name(), scores), s.expectations(), s.source().toString()));
        }
        ReportWriter.write(SuiteReport.of("ci", reports), out);
        return out.resolve(ReportWriter.REPORT_JSON);
    }

    private static Result compare(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int exit = Homeostat.execute(new PrintWriter(out, true), new PrintWriter(err, true), Stream.concat(Stream.of("compare"), Stream.of(args)).toArray(String[]::new));
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void identicalReports_exit0() {
        var r = compare(defaultReport.toString(), defaultReport.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("no regression (").doesNotContain("REGRESSION");
    }

    @Test
    void observeOnlyPolicy_againstTheDefault_exit1_namingDowntimeReduction() {
        var r = compare(defaultReport.toString(), observeReport.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("REGRESSION memory-leak-checkout: downtimeReduction 1.000 → 0.000");
        // The other way round the engine got better: no regression in downtime reduction.
        var back = compare(observeReport.toString(), defaultReport.toString());
        assertThat(back.out()).doesNotContain("REGRESSION memory-leak-checkout: downtimeReduction");
    }

    @Test
    void out_writesTheComparisonAsMarkdown() throws Exception {
        Path md = dir.resolve("cmp/compare.md");
        var r = compare(defaultReport.toString(), observeReport.toString(), "--out", md.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(Files.readString(md)).startsWith("# homeostat compare: REGRESSION")
                .contains("## scenario memory-leak-checkout (seeds 3 → 3)", "| downtimeReduction | 1.000 | 0.000 | -1.000 |");
        assertThat(Files.list(md.getParent())).containsExactly(md);
    }

    @Test
    void aFolder_isReadAsItsReportJson() {
        assertThat(compare(defaultReport.getParent().toString(), defaultReport.toString()).exit()).isZero();
    }

    @Test
    void missingFile_exit2_namingSideAndFile() {
        var r = compare(dir.resolve("nope.json").toString(), defaultReport.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("BASE ", "nope.json: file not found; give the report.json");
    }

    @Test
    void notJson_notAReport_andOtherSchema_exit2() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.json"), "{not json");
        Path other = Files.writeString(dir.resolve("other.json"), "{\"suite\": \"x\"}");
        Path v3 = Files.writeString(dir.resolve("v3.json"), Files.readString(defaultReport).replace("\"schemaVersion\": \"2\"", "\"schemaVersion\": \"3\""));
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"schemaVersion\": \"2\", \"suite\": \"ci\", \"scenarios\": [{\"nme\": 1}]}");
        assertThat(compare(defaultReport.toString(), garbage.toString()).err()).contains("NEW ", "garbage.json: not JSON");
        assertThat(compare(other.toString(), defaultReport.toString()).err()).contains("not a report.json (no schemaVersion field)");
        var r = compare(defaultReport.toString(), v3.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("schemaVersion \"3\", but this build compares schemas \"1\" and \"2\"");
        var b = compare(defaultReport.toString(), broken.toString());
        assertThat(b.exit()).isEqualTo(2);
        assertThat(b.err()).contains("NEW ", "broken.json");
    }

    @Test
    void badFlags_exit2_namingTheFlag() {
        var r = compare(defaultReport.toString(), defaultReport.toString(), "--max-mttr-increase", "1 minute");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--max-mttr-increase: '1 minute' is not a duration");
        assertThat(compare(defaultReport.toString(), defaultReport.toString(), "--alpha", "0").err()).contains("--alpha: must be in (0, 1)");
    }
}
