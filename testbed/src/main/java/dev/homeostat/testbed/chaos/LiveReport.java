package dev.homeostat.testbed.chaos;

import dev.homeostat.reports.ReportWriter;
import dev.homeostat.reports.ScenarioReport;
import dev.homeostat.reports.ScenarioTimeline;
import dev.homeostat.reports.SuiteReport;
import dev.homeostat.reports.journal.Journal;
import dev.homeostat.reports.score.Expectations;
import dev.homeostat.reports.score.RunScore;
import dev.homeostat.reports.score.ScenarioResult;
import dev.homeostat.reports.score.Scorer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report of {@code homeostat chaos run --live}, written with the reports module's writers as {@code homeostat run}
 * writes its own: report.json, summary.md, junit.xml and index.html with a timeline per manifest (fault windows and
 * the live SLO violations the run journaled). One scenario per manifest file, named after it.
 *
 * <p>A live run has no engine-off twin on the same cluster at the same time: each run is scored as its own baseline,
 * so downtime is the same on both sides and its reduction 0 by construction; MTTR, downtime, fault windows, SLO
 * violations and pages are the live figures. Detection figures are n/a unless the journal carries the engine's
 * anomalies.
 */
public final class LiveReport {
    private LiveReport() { }

    /** Writes the report of {@code results} (those with a journal) into {@code outDir}; returns it, or null when no run journaled. */
    public static SuiteReport write(String suite, List<LiveRunResult> results, Path outDir) {
        var scenarios = new ArrayList<ScenarioReport>();
        Map<String, ScenarioTimeline> timelines = new LinkedHashMap<>();
        for (LiveRunResult r : results) {
            if (r.journal() == null) continue;
            Journal baseline = r.journal();
            Journal observed = new Journal(baseline.scenario(), baseline.seed(), true, baseline.events());
            RunScore score = Scorer.score(observed, baseline);
            String file = r.journalFile() == null ? baseline.scenario() : r.journalFile().getFileName().toString();
            scenarios.add(ScenarioReport.of(ScenarioResult.of(baseline.scenario(), List.of(score)), Expectations.NONE, file));
            timelines.put(baseline.scenario(), ScenarioTimeline.from(baseline, observed, List.of(), List.of()));
        }
        if (scenarios.isEmpty()) return null;
        SuiteReport report = SuiteReport.of(suite, scenarios);
        ReportWriter.write(report, timelines, outDir);
        return report;
    }
}
