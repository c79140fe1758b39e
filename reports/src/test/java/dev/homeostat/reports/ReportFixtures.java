package dev.homeostat.reports;

import dev.homeostat.reports.journal.Journal;

import java.util.List;
import java.util.Map;

import static dev.homeostat.reports.Journals.WEB;
import static dev.homeostat.reports.Journals.WEB_POD;

/** A suite with a timeline for its "demo" scenario: hand-made journals and series. */
final class ReportFixtures {
    private ReportFixtures() { }

    static Journal baselineJournal() {
        return Journals.baseline(1).fault("web-kill", "PodKill", 600, 1200, WEB_POD, WEB)
                .violated(610, WEB).restored(1500, WEB, "kubernetes").end(2400);
    }

    static Journal engineJournal() {
        return Journals.engine(1).fault("web-kill", "PodKill", 600, 1200, WEB_POD, WEB)
                .violated(610, WEB).alert(640, WEB_POD, WEB).alert(655, WEB_POD, WEB)
                .action(660, WEB_POD, WEB, true, true).restored(720, WEB, "engine")
                .action(2000, WEB_POD, WEB, true, false).end(2400);
    }

    /** A step series: {@code low} outside [from, to) seconds, {@code high} inside, one sample per 15 s. */
    static TimelineSeries step(String name, double low, double high, int from, int to) {
        int n = 2400 / 15 + 1;
        long[] times = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = i * 15_000L;
            int s = i * 15;
            values[i] = s >= from && s < to ? high : low + 0.001 * (i % 3);
        }
        return new TimelineSeries(name, times, values);
    }

    static ScenarioTimeline timeline() {
        return ScenarioTimeline.from(baselineJournal(), engineJournal(),
                List.of(step("web error ratio", 0.002, 0.4, 610, 1500), step("web p99 latency (s)", 0.08, 1.9, 610, 1500)),
                List.of(step("web error ratio", 0.002, 0.4, 610, 720), step("web p99 latency (s)", 0.08, 1.9, 610, 720)));
    }

    /** {@code s} under another name, everything else the same. */
    static ScenarioReport renamed(ScenarioReport s, String name) {
        return new ScenarioReport(name, s.file(), s.seeds(), s.status(), s.noFault(), s.durationSeconds(), s.precision(), s.recall(),
                s.f1(), s.mttdSeconds(), s.mttrSeconds(), s.mttrSecondsBaseline(), s.downtimeSecondsBaseline(),
                s.downtimeSecondsEngine(), s.downtimeReduction(), s.pagesBaseline(), s.pagesEngine(), s.enginePagesSent(),
                s.pageReduction(), s.incidentsEscalatedBaseline(), s.incidentsEscalatedEngine(), s.needlessActions(),
                s.falseAlarmsPerDay(), s.escalationsBaseline(), s.escalationsEngine(), s.passed(), s.failedExpectations(),
                s.confidence95(), s.byFaultKind(), s.incidents(), s.needless(), s.checks());
    }

    static Map<String, ScenarioTimeline> timelines() {
        return Map.of("demo", timeline());
    }
}
