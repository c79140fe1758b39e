package dev.homeostat.reports;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Writes the report folder, every file atomically: report.json, summary.md, junit.xml, index.html and the PNG
 * charts under charts/; and renders the terminal table. The Markdown, the HTML suite table and the terminal
 * table share one set of columns.
 */
public final class ReportWriter {
    public static final String REPORT_JSON = "report.json";
    public static final String SUMMARY_MD = "summary.md";
    public static final String JUNIT_XML = "junit.xml";
    public static final String INDEX_HTML = "index.html";
    /** Folder of the PNG charts, beside index.html, which refers to them relatively. */
    public static final String CHARTS_DIR = "charts";

    static final List<String> COLUMNS = List.of("scenario", "seeds", "F1", "precision", "recall", "MTTD",
            "MTTR baseline → engine", "downtime baseline → engine", "reduction", "pages baseline → engine", "needless",
            "false alarms/day", "result");

    private ReportWriter() { }

    /**
     * Writes {@code report.json}, {@code summary.md}, {@code junit.xml}, the suite charts under {@code charts/}
     * and {@code index.html} into {@code outDir} (creating it); returns their paths in that order.
     */
    public static List<Path> write(SuiteReport report, Path outDir) {
        return write(report, Map.of(), outDir);
    }

    /**
     * As {@link #write(SuiteReport, Path)}, plus a timeline chart in index.html for each scenario named in
     * {@code timelinesByScenario} (one seed each). report.json, summary.md and junit.xml do not depend on the
     * timelines.
     *
     * @throws IllegalArgumentException when a timeline is keyed by a scenario the suite does not have, or by
     *                                  another name than its own {@code scenario}
     */
    public static List<Path> write(SuiteReport report, Map<String, ScenarioTimeline> timelinesByScenario,
                                   Path outDir) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(timelinesByScenario, "timelinesByScenario");
        Objects.requireNonNull(outDir, "outDir");
        Map<String, ScenarioTimeline> timelines = new TreeMap<>(timelinesByScenario);
        List<String> names = report.scenarios().stream().map(ScenarioReport::name).toList();
        timelines.forEach((name, timeline) -> {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("timeline for scenario " + name + ": suite " + report.suite()
                        + " has no such scenario; known: " + names);
            }
            if (!name.equals(timeline.scenario())) {
                throw new IllegalArgumentException("timeline keyed " + name + " is of scenario " + timeline.scenario()
                        + "; key each timeline by its own scenario name");
            }
        });

        List<Path> written = new ArrayList<>();
        Path json = outDir.resolve(REPORT_JSON);
        Path md = outDir.resolve(SUMMARY_MD);
        AtomicFiles.write(json, ReportJson.toJson(report).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(md, markdown(report).getBytes(StandardCharsets.UTF_8));
        written.add(json);
        written.add(md);
        Path junit = outDir.resolve(JUNIT_XML);
        AtomicFiles.write(junit, junitXml(report).getBytes(StandardCharsets.UTF_8));
        written.add(junit);

        // Charts before the page, so index.html never refers to a file that is not there yet.
        List<ReportHtml.Chart> suiteCharts = new ArrayList<>();
        if (!report.scenarios().isEmpty()) {
            suiteCharts.add(chart(outDir, written, "suite-f1.png", ReportCharts.BAR_WIDTH, ReportCharts.BAR_HEIGHT,
                    "F1 per scenario", ReportCharts.suiteBars(report, "Detection F1", "F1", "f1",
                            ScenarioReport::f1, true)));
            suiteCharts.add(chart(outDir, written, "suite-mttr.png", ReportCharts.BAR_WIDTH, ReportCharts.BAR_HEIGHT,
                    "MTTR per scenario", ReportCharts.suiteBars(report, "MTTR (engine run)", "seconds",
                            "mttrSeconds", ScenarioReport::mttrSeconds, false)));
            suiteCharts.add(chart(outDir, written, "suite-downtime-reduction.png", ReportCharts.BAR_WIDTH,
                    ReportCharts.BAR_HEIGHT, "Downtime reduction per scenario",
                    ReportCharts.suiteBars(report, "Downtime reduction vs baseline", "1 − engine / baseline",
                            "downtimeReduction", ScenarioReport::downtimeReduction, true)));
        }
        Map<String, String> ids = ReportHtml.ids(report);
        Map<String, ReportHtml.Chart> timelineCharts = new LinkedHashMap<>();
        for (ScenarioReport s : report.scenarios()) {
            ScenarioTimeline timeline = timelines.get(s.name());
            if (timeline != null) {
                String file = "timeline-" + ids.get(s.name()).substring("scenario-".length()) + ".png";
                timelineCharts.put(s.name(), chart(outDir, written, file, ReportCharts.TIMELINE_WIDTH,
                        ReportCharts.timelineHeight(timeline), "timeline of " + s.name() + ", seed " + timeline.seed(),
                        ReportCharts.timeline(timeline)));
            }
        }
        Path html = outDir.resolve(INDEX_HTML);
        AtomicFiles.write(html, ReportHtml.render(report, suiteCharts, timelineCharts, timelines)
                .getBytes(StandardCharsets.UTF_8));
        written.add(html);
        return List.copyOf(written);
    }

    private static ReportHtml.Chart chart(Path outDir, List<Path> written, String file, int width, int height,
                                          String alt, byte[] png) {
        Path path = OutPaths.child(outDir.resolve(CHARTS_DIR), file);
        AtomicFiles.write(path, png);
        written.add(path);
        return new ReportHtml.Chart(CHARTS_DIR + "/" + file, width, height, alt);
    }

    /** junit.xml: per scenario a {@code run} test case and one per expectation, failed when it failed. */
    public static String junitXml(SuiteReport report) {
        return JunitXml.render(Objects.requireNonNull(report, "report"));
    }

    /** summary.md: a heading with the verdict, the table, and the failed expectations under it. */
    public static String markdown(SuiteReport report) {
        StringBuilder out = new StringBuilder();
        out.append("# Suite ").append(report.suite()).append(": ").append(verdict(report.passed())).append("\n\n");
        out.append("| ").append(String.join(" | ", COLUMNS)).append(" |\n");
        out.append("|").append("---|".repeat(COLUMNS.size())).append('\n');
        List<List<String>> rows = new ArrayList<>();
        report.scenarios().forEach(s -> rows.add(row(s, "→")));
        if (report.scenarios().size() > 1) rows.add(totalRow(report.totals(), "→"));
        for (List<String> row : rows) {
            out.append("| ").append(String.join(" | ", row.stream().map(cell -> cell.replace("|", "\\|")).toList())).append(" |\n");
        }
        List<String> failures = failures(report);
        if (!failures.isEmpty()) {
            out.append("\n## Failed expectations\n\n");
            failures.forEach(line -> out.append("- ").append(line).append('\n'));
        }
        return out.toString();
    }

    /** A plain-text table aligned with spaces, for the terminal; failed expectations follow it. */
    public static String table(SuiteReport report) {
        List<String> header = COLUMNS.stream().map(c -> c.replace("→", "->")).toList();
        List<List<String>> rows = new ArrayList<>();
        rows.add(header);
        report.scenarios().forEach(s -> rows.add(row(s, "->")));
        if (report.scenarios().size() > 1) rows.add(totalRow(report.totals(), "->"));
        int[] widths = new int[header.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            out.append(line(rows.get(r), widths));
            if (r == 0) {
                List<String> rule = new ArrayList<>();
                for (int width : widths) {
                    rule.add("-".repeat(width));
                }
                out.append(line(rule, widths));
            }
        }
        failures(report).forEach(f -> out.append("FAILED ").append(f).append('\n'));
        out.append("suite ").append(report.suite()).append(": ").append(verdict(report.passed())).append('\n');
        return out.toString();
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append("  ");
            }
            out.append(cells.get(i)).append(i == cells.size() - 1 ? "" : " ".repeat(widths[i] - cells.get(i).length()));
        }
        return out.toString().stripTrailing() + "\n";
    }

    static List<String> row(ScenarioReport s, String arrow) {
        return List.of(s.name(), Integer.toString(s.seeds().size()), ratio(s.f1()), ratio(s.precision()),
                ratio(s.recall()), seconds(s.mttdSeconds()),
                seconds(s.mttrSecondsBaseline()) + " " + arrow + " " + seconds(s.mttrSeconds()),
                seconds(s.downtimeSecondsBaseline()) + " " + arrow + " " + seconds(s.downtimeSecondsEngine()),
                percent(s.downtimeReduction()),
                count(s.pagesBaseline()) + " " + arrow + " " + count(s.pagesEngine()),
                count(s.needlessActions()), perDay(s.falseAlarmsPerDay()), verdict(s));
    }

    /** The suite's totals under the scenarios: sums, reductions of the sums, false alarms per day over the controls. */
    static List<String> totalRow(SuiteTotals t, String arrow) {
        return List.of("total (" + t.scenarios() + " scenarios)", "", "", "", "", "", "",
                seconds(t.downtimeSecondsBaseline()) + " " + arrow + " " + seconds(t.downtimeSecondsEngine()),
                percent(t.downtimeReduction()), count(t.pagesBaseline()) + " " + arrow + " " + count(t.pagesEngine()),
                count(t.needlessActions()), t.falseAlarmsPerDayNoFault() == null ? "n/a" : perDay(t.falseAlarmsPerDayNoFault()) + " (controls)",
                t.failed() + " failed" + (t.noExpectations() > 0 ? ", " + t.noExpectations() + " without expectations" : ""));
    }

    private static List<String> failures(SuiteReport report) {
        List<String> lines = new ArrayList<>();
        for (ScenarioReport s : report.scenarios()) {
            s.failedExpectations().forEach(f -> lines.add(s.name() + ": " + f));
        }
        return lines;
    }

    static String verdict(boolean passed) {
        return passed ? "PASS" : "FAIL";
    }

    /** PASS, FAIL, or "no expectations" for a scenario that checked nothing. */
    static String verdict(ScenarioReport s) {
        return s.noExpectations() ? "no expectations" : verdict(s.passed());
    }

    static String perDay(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.1f", v);
    }

    /** A ratio as the table shows it ({@code 0.67}, {@code n/a}); {@code chaos run --simulate} prints its headline figures with these. */
    public static String ratio(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }

    static String percent(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.0f%%", v * 100);
    }

    /** Seconds as the table shows them ({@code 31.2s}, {@code 75s}, {@code n/a}). */
    public static String seconds(Double v) {
        if (v == null) {
            return "n/a";
        }
        String s = String.format(Locale.ROOT, "%.1f", v);
        return (s.endsWith(".0") ? s.substring(0, s.length() - 2) : s) + "s";
    }

    /** A count as the table shows it ({@code 2}, a mean over seeds {@code 1.5}, {@code n/a}). */
    public static String count(Double v) {
        if (v == null) {
            return "n/a";
        }
        return v == Math.rint(v) ? Long.toString(v.longValue()) : String.format(Locale.ROOT, "%.1f", v);
    }
}
