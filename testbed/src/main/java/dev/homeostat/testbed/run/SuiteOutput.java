package dev.homeostat.testbed.run;

import dev.homeostat.reports.OutPaths;
import dev.homeostat.reports.ReportWriter;
import dev.homeostat.reports.ScenarioTimeline;
import dev.homeostat.reports.ScenarioReport;
import dev.homeostat.reports.SuiteReport;
import dev.homeostat.reports.journal.JournalIo;
import dev.homeostat.reports.score.RunScore;
import dev.homeostat.reports.score.ScenarioResult;
import dev.homeostat.testbed.scenario.Scenario;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
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

    /** {@code outDir/journals/<scenario>/seed-<seed>.<baseline|engine>.jsonl}; a scenario name that is not one plain segment is refused. */
    public static Path journal(Path outDir, String scenario, long seed, boolean engine) {
        return OutPaths.child(OutPaths.child(outDir, JOURNALS), scenario).resolve("seed-" + seed + (engine ? ".engine" : ".baseline") + ".jsonl");
    }

    /** {@code outDir/journals/<scenario>/seed-<seed>.<baseline|engine>.series.json}: the run's timeline series. */
    public static Path series(Path outDir, String scenario, long seed, boolean engine) {
        return OutPaths.child(OutPaths.child(outDir, JOURNALS), scenario).resolve("seed-" + seed + (engine ? ".engine" : ".baseline") + ".series.json");
    }

    /**
     * Writes both journals of every run and their timeline series, each atomically. The series live
     * beside the journals so that a merge of shards, which copies this folder, rebuilds the same report.
     */
    public static void writeJournals(List<SuiteRunner.SeedRun> runs, Path outDir) {
        for (var run : runs) {
            JournalIo.write(run.baseline(), journal(outDir, run.scenario().name(), run.seed(), false));
            JournalIo.write(run.engine(), journal(outDir, run.scenario().name(), run.seed(), true));
            TimelineFiles.write(run.baselineSeries(), series(outDir, run.scenario().name(), run.seed(), false));
            TimelineFiles.write(run.engineSeries(), series(outDir, run.scenario().name(), run.seed(), true));
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
            reports.add(ScenarioReport.of(ScenarioResult.of(s.name(), byScenario.get(s.name())), s.expectations(),
                    s.source() == null ? null : s.source().toString().replace('\\', '/')));
        return SuiteReport.of(suite, reports);
    }

    /**
     * Builds the report ({@link #report}) and writes it into {@code outDir} with a timeline for each
     * scenario's first seed; the timeline series are read back from the journals folder
     * ({@link #writeJournals} or a merge's copy), so run and merge draw the same charts.
     */
    public static SuiteReport writeReport(String suite, List<Scenario> scenarios, List<SuiteRunner.SeedRun> runs, Path outDir) {
        SuiteReport report = report(suite, scenarios, runs);
        var timelines = new LinkedHashMap<String, ScenarioTimeline>();
        for (Scenario s : scenarios) {
            runs.stream().filter(r -> r.scenario().name().equals(s.name()))
                    .min(Comparator.comparingLong(SuiteRunner.SeedRun::seed))
                    .ifPresent(first -> timelines.put(s.name(), ScenarioTimeline.from(first.baseline(), first.engine(),
                            TimelineFiles.read(series(outDir, s.name(), first.seed(), false)),
                            TimelineFiles.read(series(outDir, s.name(), first.seed(), true)))));
        }
        ReportWriter.write(report, timelines, outDir);
        return report;
    }

    /** What {@code run} and {@code report merge} print on stdout: the table, then where the report went. */
    public static void printTable(PrintWriter out, SuiteReport report, Path outDir) {
        out.print(ReportWriter.table(report));
        out.println();
        out.println("report:  " + outDir.resolve(ReportWriter.REPORT_JSON));
        out.println("summary: " + outDir.resolve(ReportWriter.SUMMARY_MD));
        out.println("html:    " + outDir.resolve(ReportWriter.INDEX_HTML));
        out.println("junit:   " + outDir.resolve(ReportWriter.JUNIT_XML));
        out.flush();
    }
}
