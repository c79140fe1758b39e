package dev.homeostat.reports;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes report.json and summary.md into a folder, each atomically, and renders the terminal table.
 * The Markdown and the terminal table share one set of columns.
 */
public final class ReportWriter {
    public static final String REPORT_JSON = "report.json";
    public static final String SUMMARY_MD = "summary.md";

    private static final List<String> COLUMNS = List.of("scenario", "seeds", "F1", "precision", "recall", "MTTD",
            "MTTR", "downtime baseline → engine", "reduction", "escalations baseline → engine", "needless", "result");

    private ReportWriter() { }

    /** Writes {@code outDir/report.json} and {@code outDir/summary.md} (creating outDir); returns their paths. */
    public static List<Path> write(SuiteReport report, Path outDir) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(outDir, "outDir");
        Path json = outDir.resolve(REPORT_JSON);
        Path md = outDir.resolve(SUMMARY_MD);
        AtomicFiles.write(json, ReportJson.toJson(report).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(md, markdown(report).getBytes(StandardCharsets.UTF_8));
        return List.of(json, md);
    }

    /** summary.md: a heading with the verdict, the table, and the failed expectations under it. */
    public static String markdown(SuiteReport report) {
        StringBuilder out = new StringBuilder();
        out.append("# Suite ").append(report.suite()).append(": ").append(verdict(report.passed())).append("\n\n");
        out.append("| ").append(String.join(" | ", COLUMNS)).append(" |\n");
        out.append("|").append("---|".repeat(COLUMNS.size())).append('\n');
        for (ScenarioReport s : report.scenarios()) {
            out.append("| ").append(String.join(" | ", row(s, "→").stream()
                    .map(cell -> cell.replace("|", "\\|")).toList())).append(" |\n");
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

    private static List<String> row(ScenarioReport s, String arrow) {
        return List.of(s.name(), Integer.toString(s.seeds().size()), ratio(s.f1()), ratio(s.precision()),
                ratio(s.recall()), seconds(s.mttdSeconds()), seconds(s.mttrSeconds()),
                seconds(s.downtimeSecondsBaseline()) + " " + arrow + " " + seconds(s.downtimeSecondsEngine()),
                percent(s.downtimeReduction()),
                count(s.escalationsBaseline()) + " " + arrow + " " + count(s.escalationsEngine()),
                count(s.needlessActions()), verdict(s.passed()));
    }

    private static List<String> failures(SuiteReport report) {
        List<String> lines = new ArrayList<>();
        for (ScenarioReport s : report.scenarios()) {
            s.failedExpectations().forEach(f -> lines.add(s.name() + ": " + f));
        }
        return lines;
    }

    private static String verdict(boolean passed) {
        return passed ? "PASS" : "FAIL";
    }

    static String ratio(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }

    static String percent(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.0f%%", v * 100);
    }

    static String seconds(Double v) {
        if (v == null) {
            return "n/a";
        }
        String s = String.format(Locale.ROOT, "%.1f", v);
        return (s.endsWith(".0") ? s.substring(0, s.length() - 2) : s) + "s";
    }

    static String count(Double v) {
        if (v == null) {
            return "n/a";
        }
        return v == Math.rint(v) ? Long.toString(v.longValue()) : String.format(Locale.ROOT, "%.1f", v);
    }
}
