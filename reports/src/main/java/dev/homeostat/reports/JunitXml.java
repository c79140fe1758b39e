package dev.homeostat.reports;

import dev.homeostat.reports.score.ExpectationCheck;

import java.util.List;

/**
 * junit.xml, the format CI servers read: one {@code <testsuite>} for the suite; per scenario a {@code run} test
 * case (so a scenario without expectations still shows, with its metrics in {@code system-out}) and one test
 * case per expectation ({@code minF1 0.5}), failed when the expectation failed; the {@code run} case of a scenario
 * without expectations is skipped, saying so. Each case carries the scenario's {@code file}. Class name
 * {@code homeostat.<suite>.<scenario>}. No timestamps, host names or durations ({@code time="0"}): the same
 * report gives the same bytes.
 */
final class JunitXml {
    private JunitXml() { }

    static String render(SuiteReport suite) {
        int tests = 0;
        int failures = 0;
        int skipped = 0;
        for (ScenarioReport s : suite.scenarios()) {
            tests += 1 + s.checks().size();
            failures += (int) s.checks().stream().filter(c -> !c.passed()).count();
            if (s.noExpectations()) skipped++;
        }
        String suiteName = "homeostat." + suite.suite();
        StringBuilder x = new StringBuilder(4096);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<testsuites name=\"homeostat\" tests=\"").append(tests).append("\" failures=\"").append(failures)
                .append("\" errors=\"0\" skipped=\"").append(skipped).append("\" time=\"0\">\n");
        x.append("  <testsuite name=\"").append(attr(suiteName)).append("\" tests=\"").append(tests)
                .append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"").append(skipped)
                .append("\" time=\"0\">\n");
        for (ScenarioReport s : suite.scenarios()) {
            String className = attr(suiteName + "." + s.name());
            // the scenario file, where CI annotations (GitHub, GitLab, Jenkins) point a failure
            String file = s.file() == null ? "" : " file=\"" + attr(s.file()) + "\"";
            x.append("    <testcase classname=\"").append(className).append("\" name=\"run\"").append(file).append(" time=\"0\">\n");
            if (s.noExpectations()) x.append("      <skipped message=\"no expectations: the scenario checks nothing\"/>\n");
            x.append("      <system-out>").append(text(runSummary(s))).append("</system-out>\n")
                    .append("    </testcase>\n");
            for (ExpectationCheck c : s.checks()) {
                x.append("    <testcase classname=\"").append(className).append("\" name=\"").append(attr(c.name()))
                        .append("\"").append(file).append(" time=\"0\"");
                if (c.passed()) {
                    x.append("/>\n");
                } else {
                    x.append(">\n      <failure message=\"").append(attr(c.failure()))
                            .append("\" type=\"expectation\">").append(text(c.failure())).append("</failure>\n")
                            .append("    </testcase>\n");
                }
            }
        }
        x.append("  </testsuite>\n</testsuites>\n");
        return x.toString();
    }

    /** The scenario's row of summary.md as {@code column: value} pairs. */
    private static String runSummary(ScenarioReport s) {
        List<String> cells = ReportWriter.row(s, "->");
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < cells.size(); i++) {
            out.append(i > 1 ? ", " : "").append(ReportWriter.COLUMNS.get(i).replace("→", "->")).append(": ")
                    .append(cells.get(i));
        }
        return out.toString();
    }

    private static String attr(String s) {
        return text(s).replace("\"", "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;");
    }

    /** Escapes markup and drops characters XML 1.0 cannot carry. */
    private static String text(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\r' || c == '\t') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
