package dev.homeostat.testbed.compare;

import java.util.ArrayList;
import java.util.List;

/** Renders a {@link Comparison} as an aligned terminal table and as Markdown, both from the same cells. */
public final class ComparisonText {
    private static final List<String> HEADER = List.of("metric", "base", "new", "delta", "p", "verdict");

    private ComparisonText() { }

    /** The terminal text: one table per scenario, then the scenarios found on one side, then the verdict. */
    public static String table(Comparison c, String basePath, String newPath) {
        var out = new StringBuilder();
        out.append("base: ").append(basePath).append(" (suite ").append(c.baseSuite()).append(")\n");
        out.append("new:  ").append(newPath).append(" (suite ").append(c.newSuite()).append(")\n");
        for (ScenarioComparison s : c.scenarios()) {
            out.append('\n').append(heading(s)).append('\n');
            List<List<String>> rows = new ArrayList<>();
            rows.add(HEADER);
            for (MetricComparison m : s.metrics()) rows.add(cells(m, c.thresholds()));
            int[] widths = new int[HEADER.size()];
            for (List<String> row : rows) for (int i = 0; i < row.size(); i++) widths[i] = Math.max(widths[i], row.get(i).length());
            for (List<String> row : rows) {
                var line = new StringBuilder("  ");
                for (int i = 0; i < row.size(); i++) {
                    String cell = row.get(i);
                    // Numbers right-aligned, words left-aligned.
                    line.append(i == 0 || i == row.size() - 1 ? pad(cell, widths[i]) : padLeft(cell, widths[i])).append("  ");
                }
                out.append(line.toString().stripTrailing()).append('\n');
            }
        }
        out.append('\n').append(footer(c, ""));
        return out.toString();
    }

    /** The Markdown written by {@code --out}. */
    public static String markdown(Comparison c, String basePath, String newPath) {
        var out = new StringBuilder();
        out.append("# homeostat compare: ").append(c.hasRegression() ? "REGRESSION" : "no regression").append("\n\n");
        out.append("- base: `").append(basePath).append("` (suite ").append(c.baseSuite()).append(")\n");
        out.append("- new: `").append(newPath).append("` (suite ").append(c.newSuite()).append(")\n");
        Thresholds t = c.thresholds();
        var limits = new ArrayList<String>();
        for (Metric m : Metric.values()) limits.add(Thresholds.flag(m) + " " + m.format(t.limit(m)));
        out.append("- thresholds: ").append(String.join(", ", limits)).append("; --alpha ").append(t.alpha())
                .append(t.requireSignificance() ? ", significance required" : ", significance not required").append('\n');
        for (ScenarioComparison s : c.scenarios()) {
            out.append("\n## ").append(heading(s)).append("\n\n");
            out.append("| ").append(String.join(" | ", HEADER)).append(" |\n");
            out.append("|---|---:|---:|---:|---:|---|\n");
            for (MetricComparison m : s.metrics()) out.append("| ").append(String.join(" | ", cells(m, t))).append(" |\n");
        }
        out.append("\n## Verdict\n\n").append(footer(c, "- "));
        return out.toString();
    }

    private static String heading(ScenarioComparison s) {
        return "scenario " + s.scenario() + " (seeds " + s.baseSeeds().size() + " → " + s.newSeeds().size() + ")";
    }

    private static List<String> cells(MetricComparison m, Thresholds t) {
        Metric metric = m.metric();
        String p = Comparison.formatP(m.pValue());
        if (m.pValue() != null && m.pValue() < t.alpha()) p += "*";
        String verdict = m.judgement().label() + (m.reason().isEmpty() ? "" : " (" + m.reason() + ")");
        return List.of(metric.field(), metric.format(m.base()), metric.format(m.next()), metric.formatDelta(m.delta()), p, verdict);
    }

    private static String footer(Comparison c, String bullet) {
        var out = new StringBuilder();
        for (String name : c.onlyInBase()) out.append(bullet).append("missing from the new report (a regression): ").append(name).append('\n');
        for (String name : c.onlyInNew()) out.append(bullet).append("only in new (not compared): ").append(name).append('\n');
        List<String> regressions = c.regressions();
        if (regressions.isEmpty()) {
            out.append(bullet).append("no regression (").append(c.scenarios().size()).append(" scenario")
                    .append(c.scenarios().size() == 1 ? "" : "s").append(" compared)\n");
        } else {
            for (String r : regressions) out.append(bullet).append("REGRESSION ").append(r).append('\n');
        }
        return out.toString();
    }

    private static String pad(String s, int width) { return s + " ".repeat(width - s.length()); }

    private static String padLeft(String s, int width) { return " ".repeat(width - s.length()) + s; }
}
