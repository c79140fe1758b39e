package dev.homeostat.testbed.run;

import dev.homeostat.reports.ReportWriter;
import dev.homeostat.reports.ScenarioReport;
import dev.homeostat.reports.SuiteReport;
import dev.homeostat.reports.journal.JournalIo;
import dev.homeostat.reports.score.RunScore;
import dev.homeostat.reports.score.ScenarioResult;
import dev.homeostat.testbed.scenario.Scenario;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The layout of a suite's output folder and the one way a report is built from seed runs. {@code run}
 * and {@code report merge} both go through here, which is what keeps a merged report byte-identical to
 * an unsharded one.
 */
public final class SuiteOutput {
    public static final String JOURNALS = "journals";

    private SuiteOutput() { }

    /** {@code outDir/journals/<scenario>/seed-<seed>.<baseline|engine>.jsonl}. */
    public static Path journal(Path outDir, String scenario, long seed, boolean engine) {
        return outDir.resolve(JOURNALS).resolve(scenario).resolve("seed-" + seed + (engine ? ".engine" : ".baseline") + ".jsonl");
    }

    /** Writes both journals of every run, each atomically. */
    public static void writeJournals(List<SuiteRunner.SeedRun> runs, Path outDir) {
        for (var run : runs) {
            JournalIo.write(run.baseline(), journal(outDir, run.scenario().name(), run.seed(), false));
            JournalIo.write(run.engine(), journal(outDir, run.scenario().name(), run.seed(), true));
        }
    }

    /**
     * The suite report: each scenario's scores in the order of {@code runs} (suite order), aggregated over
     * its seeds and judged by its expectations. Scenarios keep the order of {@code scenarios}.
     */
    public static SuiteReport report(String suite, List<Scenario> scenarios, List<SuiteRunner.SeedRun> runs) {
        var byScenario = new LinkedHashMap<String, List<RunScore>>();
        for (Scenario s : scenarios) byScenario.put(s.name(), new ArrayList<>());
        for (var run : runs) {
            List<RunScore> scores = byScenario.get(run.scenario().name());
            if (scores == null) throw new IllegalArgumentException("run of scenario " + run.scenario().name() + " is not in suite " + suite);
            scores.add(run.score());
        }
        var reports = new ArrayList<ScenarioReport>();
        for (Scenario s : scenarios)
            reports.add(ScenarioReport.of(ScenarioResult.of(s.name(), byScenario.get(s.name())), s.expectations()));
        return SuiteReport.of(suite, reports);
    }

    /** Builds the report ({@link #report}) and writes report.json and summary.md into {@code outDir}. */
    public static SuiteReport writeReport(String suite, List<Scenario> scenarios, List<SuiteRunner.SeedRun> runs, Path outDir) {
        SuiteReport report = report(suite, scenarios, runs);
        ReportWriter.write(report, outDir);
        return report;
    }

    /** What {@code run} and {@code report merge} print on stdout: the table, then where the report went. */
    public static void printTable(PrintWriter out, SuiteReport report, Path outDir) {
        out.print(ReportWriter.table(report));
        out.println();
        out.println("report:  " + outDir.resolve(ReportWriter.REPORT_JSON));
        out.println("summary: " + outDir.resolve(ReportWriter.SUMMARY_MD));
        out.flush();
    }
}
