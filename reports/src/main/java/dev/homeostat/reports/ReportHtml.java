package dev.homeostat.reports;

import dev.homeostat.reports.score.ExpectationCheck;
import dev.homeostat.reports.score.FaultKindStats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * index.html: one self-contained page (inline CSS and script, charts as PNG files beside it referenced by
 * relative paths), readable from {@code file://} with no network. No timestamps or host names, so the same
 * report gives the same bytes.
 */
final class ReportHtml {
    /** A chart file of the page: path relative to index.html, its pixel size and its alt text. */
    record Chart(String file, int width, int height, String alt) { }

    private static final String CSS = """
            :root{--pass:#1a7f37;--fail:#cf222e;--muted:#59636e;--line:#d1d9e0;--head:#f6f8fa;--bad:#ffebe9}
            *{box-sizing:border-box}
            body{font:13px/1.45 system-ui,-apple-system,"Segoe UI","DejaVu Sans",sans-serif;color:#1f2328;
            margin:0 auto;max-width:1160px;padding:20px 24px 40px}
            h1{font-size:21px;margin:0 0 2px}
            h2{font-size:17px;margin:30px 0 8px;padding-bottom:4px;border-bottom:1px solid var(--line)}
            h3{font-size:12px;margin:14px 0 4px;color:var(--muted);text-transform:uppercase;letter-spacing:.05em}
            p{margin:4px 0}
            a{color:#0969da;text-decoration:none} a:hover{text-decoration:underline}
            table{border-collapse:collapse;font-variant-numeric:tabular-nums;margin:2px 0 10px}
            th,td{border:1px solid var(--line);padding:2px 8px;text-align:right;white-space:nowrap;vertical-align:top}
            th{background:var(--head);font-weight:600;white-space:normal;vertical-align:bottom}
            th:first-child,td:first-child,.l{text-align:left}
            td.wrap{white-space:normal;max-width:460px}
            tr.bad td{background:var(--bad)}
            .badge{display:inline-block;padding:0 8px;border-radius:9px;color:#fff;font-size:11px;font-weight:600;
            line-height:18px;vertical-align:2px}
            .pass{background:var(--pass)} .fail{background:var(--fail)} .none{background:var(--muted)}
            tr.total td{font-weight:600;background:var(--head)}
            .muted{color:var(--muted)}
            .row{display:flex;flex-wrap:wrap;gap:10px 28px;align-items:flex-start}
            .charts{display:flex;flex-wrap:wrap;gap:10px}
            img{max-width:100%;height:auto;border:1px solid var(--line);border-radius:3px}
            ul.failures{margin:4px 0 10px;padding-left:20px;color:var(--fail)}
            footer{margin-top:36px;color:var(--muted);font-size:12px}
            """;

    private static final String SCRIPT = """
            window.addEventListener('load', function () {
              var imgs = Array.prototype.slice.call(document.images);
              var loaded = imgs.filter(function (i) { return i.complete && i.naturalWidth > 0; }).length;
              document.body.dataset.chartsLoaded = loaded + '/' + imgs.length;
            });
            """;

    private ReportHtml() { }

    static String render(SuiteReport suite, List<Chart> suiteCharts, Map<String, Chart> timelineCharts,
                         Map<String, ScenarioTimeline> timelines) {
        Map<String, String> ids = ids(suite);
        long failedScenarios = suite.scenarios().stream().filter(s -> !s.passed()).count();
        long unchecked = suite.scenarios().stream().filter(ScenarioReport::noExpectations).count();
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Homeostat: suite ").append(esc(suite.suite())).append(' ')
                .append(ReportWriter.verdict(suite.passed())).append("</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n");
        h.append("<header>\n<h1>Suite ").append(esc(suite.suite())).append(' ').append(badge(suite.passed()))
                .append("</h1>\n<p class=\"muted\">").append(suite.scenarios().size()).append(" scenario")
                .append(suite.scenarios().size() == 1 ? "" : "s").append(", ").append(failedScenarios)
                .append(" failed").append(unchecked > 0 ? ", " + unchecked + " without expectations" : "")
                .append(". Every scenario runs twice per seed: with the engine, and as the baseline ")
                .append("(plain Kubernetes, engine off). Metrics are means over seeds.</p>\n</header>\n");

        h.append("<section id=\"suite\">\n<h2>Scenarios</h2>\n<table class=\"suite\">\n<thead><tr>");
        ReportWriter.COLUMNS.forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
        h.append("</tr></thead>\n<tbody>\n");
        for (ScenarioReport s : suite.scenarios()) {
            List<String> cells = ReportWriter.row(s, "→");
            h.append(s.passed() ? "<tr>" : "<tr class=\"bad\">");
            h.append("<td><a href=\"#").append(ids.get(s.name())).append("\">").append(esc(cells.getFirst()))
                    .append("</a></td>");
            for (int i = 1; i < cells.size() - 1; i++) {
                h.append("<td>").append(esc(cells.get(i))).append("</td>");
            }
            h.append("<td>").append(badge(s)).append("</td></tr>\n");
        }
        if (suite.scenarios().size() > 1) {
            h.append("<tr class=\"total\">");
            ReportWriter.totalRow(suite.totals(), "→").forEach(c -> h.append("<td>").append(esc(c)).append("</td>"));
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");
        List<String> failures = suite.scenarios().stream()
                .flatMap(s -> s.failedExpectations().stream().map(f -> s.name() + ": " + f)).toList();
        if (!failures.isEmpty()) {
            h.append("<h3>Failed expectations</h3>\n<ul class=\"failures\">\n");
            failures.forEach(f -> h.append("<li>").append(esc(f)).append("</li>\n"));
            h.append("</ul>\n");
        }
        if (!suiteCharts.isEmpty()) {
            h.append("<div class=\"charts\">\n");
            suiteCharts.forEach(c -> img(h, c));
            h.append("</div>\n");
            h.append("<p class=\"muted\">Bars: mean over seeds; whiskers: 95% confidence interval.</p>\n");
        }
        h.append("</section>\n");

        for (ScenarioReport s : suite.scenarios()) {
            scenario(h, s, ids.get(s.name()), timelineCharts.get(s.name()), timelines.get(s.name()));
        }
        h.append("<footer>Homeostat report, schema ").append(esc(suite.schemaVersion()))
                .append(". Data: <a href=\"report.json\">report.json</a>, <a href=\"summary.md\">summary.md</a>, ")
                .append("<a href=\"junit.xml\">junit.xml</a>.</footer>\n");
        h.append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void scenario(StringBuilder h, ScenarioReport s, String id, Chart timelineChart,
                                 ScenarioTimeline timeline) {
        h.append("<section class=\"scenario\" id=\"").append(id).append("\">\n<h2>").append(esc(s.name()))
                .append(' ').append(badge(s)).append("</h2>\n<p class=\"muted\">")
                .append(s.file() == null ? "" : esc(s.file()) + " · ").append("seeds ")
                .append(esc(String.join(", ", s.seeds().stream().map(String::valueOf).toList())))
                .append("</p>\n<div class=\"row\">\n<div>\n<h3>Metrics</h3>\n")
                .append("<table class=\"metrics\">\n<thead><tr><th>metric</th><th>mean</th><th>95% CI</th></tr></thead>\n<tbody>\n");
        metric(h, s, "F1", "f1", s.f1(), Format.RATIO);
        metric(h, s, "precision", "precision", s.precision(), Format.RATIO);
        metric(h, s, "recall", "recall", s.recall(), Format.RATIO);
        metric(h, s, "MTTD", "mttdSeconds", s.mttdSeconds(), Format.SECONDS);
        metric(h, s, "MTTR baseline", "mttrSecondsBaseline", s.mttrSecondsBaseline(), Format.SECONDS);
        metric(h, s, "MTTR engine", "mttrSeconds", s.mttrSeconds(), Format.SECONDS);
        metric(h, s, "downtime baseline", "downtimeSecondsBaseline", s.downtimeSecondsBaseline(), Format.SECONDS);
        metric(h, s, "downtime engine", "downtimeSecondsEngine", s.downtimeSecondsEngine(), Format.SECONDS);
        metric(h, s, "downtime reduction", "downtimeReduction", s.downtimeReduction(), Format.PERCENT);
        metric(h, s, "pages baseline (SLO alerts)", "pagesBaseline", s.pagesBaseline(), Format.COUNT);
        metric(h, s, "pages engine (sent + SLO alerts)", "pagesEngine", s.pagesEngine(), Format.COUNT);
        metric(h, s, "pages sent by the engine", "enginePagesSent", s.enginePagesSent(), Format.COUNT);
        metric(h, s, "page reduction", "pageReduction", s.pageReduction(), Format.PERCENT);
        metric(h, s, "incidents escalated baseline", "incidentsEscalatedBaseline", s.incidentsEscalatedBaseline(), Format.COUNT);
        metric(h, s, "incidents escalated engine", "incidentsEscalatedEngine", s.incidentsEscalatedEngine(), Format.COUNT);
        metric(h, s, "needless actions", "needlessActions", s.needlessActions(), Format.COUNT);
        metric(h, s, "false alarms per day", "falseAlarmsPerDay", s.falseAlarmsPerDay(), Format.COUNT);
        h.append("</tbody>\n</table>\n</div>\n<div>\n");

        expectationsAndKinds(h, s);
        h.append("</div>\n</div>\n");

        if (timelineChart != null) {
            h.append("<h3>Timeline, seed ").append(timeline.seed()).append("</h3>\n");
            img(h, timelineChart);
            h.append("\n<p class=\"muted\">").append(timeline.faults().size()).append(" fault window(s); SLO violated ")
                    .append(timeline.sloViolationsBaseline().size()).append("× in the baseline, ")
                    .append(timeline.sloViolationsEngine().size()).append("× with the engine; ")
                    .append(timeline.anomalies().size()).append(" anomalies; actions: ").append(timeline.actionCount(ScenarioTimeline.APPLIED))
                    .append(" applied, ").append(timeline.actionCount(ScenarioTimeline.HELD)).append(" held back, ")
                    .append(timeline.actionCount(ScenarioTimeline.REFUSED)).append(" refused or not applied.</p>\n");
        }

        incidents(h, s);
        needless(h, s);
        h.append("</section>\n");
    }

    /** The expectations checked and the incidents grouped by fault kind (the right-hand column). */
    private static void expectationsAndKinds(StringBuilder h, ScenarioReport s) {
        long failed = s.checks().stream().filter(c -> !c.passed()).count();
        h.append("<h3>Expectations").append(failed > 0 ? " (" + failed + " failed)" : "").append("</h3>\n");
        if (s.checks().isEmpty()) {
            h.append("<p class=\"muted\">none set: this scenario checks nothing, so it is not a pass</p>\n");
        } else {
            // The failure column only when something failed, so a passing scenario's table stays narrow.
            h.append("<table class=\"expectations\">\n<thead><tr><th>expectation</th><th>result</th>")
                    .append(failed > 0 ? "<th class=\"l\">failure</th>" : "").append("</tr></thead>\n<tbody>\n");
            for (ExpectationCheck c : s.checks()) {
                h.append(c.passed() ? "<tr>" : "<tr class=\"bad\">").append("<td>").append(esc(c.name()))
                        .append("</td><td>").append(badge(c.passed())).append("</td>");
                if (failed > 0) {
                    h.append("<td class=\"l wrap\">").append(c.passed() ? "" : esc(c.failure())).append("</td>");
                }
                h.append("</tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }
        h.append("<h3>By fault kind</h3>\n");
        SortedMap<String, FaultKindStats> kinds = s.byFaultKind();
        if (kinds.isEmpty()) {
            h.append("<p class=\"muted\">no scored incident</p>\n");
        } else {
            h.append("<table class=\"kinds\">\n<thead><tr><th>kind</th><th>incidents</th><th>detected</th>")
                    .append("<th>recall</th><th>MTTD</th><th>MTTR</th></tr></thead>\n<tbody>\n");
            kinds.forEach((kind, k) -> h.append("<tr><td>").append(esc(kind)).append("</td><td>").append(k.incidents())
                    .append("</td><td>").append(k.detected()).append("</td><td>").append(ReportWriter.ratio(k.recall()))
                    .append("</td><td>").append(ReportWriter.seconds(k.mttdSeconds())).append("</td><td>")
                    .append(ReportWriter.seconds(k.mttrSeconds())).append("</td></tr>\n"));
            h.append("</tbody>\n</table>\n");
        }
    }

    private static void incidents(StringBuilder h, ScenarioReport s) {
        h.append("<h3>Incidents</h3>\n");
        if (s.incidents().isEmpty()) {
            h.append("<p class=\"muted\">no fault injected</p>\n");
        } else {
            h.append("<table class=\"incidents\">\n<thead><tr><th>seed</th><th class=\"l\">fault</th>")
                    .append("<th class=\"l\">kind</th><th>start</th><th>end</th><th>detected at</th><th>MTTD</th>")
                    .append("<th>restored at</th><th>MTTR</th><th>MTTR baseline</th><th class=\"l\">fixed by</th><th>paged</th><th>paged baseline</th>")
                    .append("<th>no-op</th></tr></thead>\n<tbody>\n");
            for (IncidentRow i : s.incidents()) {
                boolean missed = !i.noOp() && i.detectedAt() == null;
                h.append(missed ? "<tr class=\"bad\">" : "<tr>").append("<td>").append(i.seed())
                        .append("</td><td class=\"l\">").append(esc(i.fault())).append("</td><td class=\"l\">")
                        .append(esc(i.kind())).append("</td><td>").append(clock(i.start())).append("</td><td>")
                        .append(clock(i.end())).append("</td><td>")
                        .append(i.detectedAt() == null ? (i.noOp() ? "" : "missed") : clock(i.detectedAt()))
                        .append("</td><td>").append(i.mttd() == null ? "" : ReportWriter.seconds(i.mttd()))
                        .append("</td><td>").append(i.restoredAt() == null ? "" : clock(i.restoredAt()))
                        .append("</td><td>").append(i.mttr() == null ? "" : ReportWriter.seconds(i.mttr()))
                        .append("</td><td>").append(i.mttrBaseline() == null ? "" : ReportWriter.seconds(i.mttrBaseline()))
                        .append("</td><td class=\"l\">").append(i.fixedBy() == null ? "" : esc(i.fixedBy()))
                        .append("</td><td>").append(i.paged() ? "yes" : "").append("</td><td>").append(i.pagedBaseline() ? "yes" : "")
                        .append("</td><td>")
                        .append(i.noOp() ? "yes" : "").append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n<p class=\"muted\">Times are minutes:seconds since the run started; ")
                    .append("MTTD and MTTR count from the fault's start.</p>\n");
        }
    }

    private static void needless(StringBuilder h, ScenarioReport s) {
        if (s.needless().isEmpty()) return;
        h.append("<h3>Needless actions</h3>\n<table class=\"needless\">\n<thead><tr><th>seed</th><th>at</th>")
                .append("<th class=\"l\">action</th><th class=\"l\">target</th><th class=\"l\">rule</th>")
                .append("<th class=\"l\">why needless</th></tr></thead>\n<tbody>\n");
        for (NeedlessRow n : s.needless()) {
            h.append("<tr class=\"bad\"><td>").append(n.seed()).append("</td><td>").append(clock(n.t()))
                    .append("</td><td class=\"l\">").append(esc(n.action())).append("</td><td class=\"l\">")
                    .append(esc(n.target())).append("</td><td class=\"l\">").append(esc(n.rule() == null ? "" : n.rule()))
                    .append("</td><td class=\"l wrap\">").append(esc(n.reason())).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    private enum Format { RATIO, SECONDS, PERCENT, COUNT }

    private static void metric(StringBuilder h, ScenarioReport s, String label, String key, Double mean, Format f) {
        List<Double> ci = s.confidence95().get(key);
        String interval = ci == null || ci.size() != 2 || ci.get(0) == null || ci.get(1) == null
                || ci.get(0).equals(ci.get(1)) ? "—" : "[" + format(ci.get(0), f) + ", " + format(ci.get(1), f) + "]";
        h.append("<tr><td>").append(esc(label)).append("</td><td>").append(format(mean, f)).append("</td><td>")
                .append(esc(interval)).append("</td></tr>\n");
    }

    private static String format(Double v, Format f) {
        return switch (f) {
            case RATIO -> ReportWriter.ratio(v);
            case SECONDS -> ReportWriter.seconds(v);
            case PERCENT -> ReportWriter.percent(v);
            case COUNT -> v == null ? "n/a" : String.format(Locale.ROOT, v == Math.rint(v) ? "%.0f" : "%.2f", v);
        };
    }

    /** Seconds since the run started as m:ss (h:mm:ss past an hour), tenths when not whole. */
    static String clock(double seconds) {
        long tenths = Math.round(seconds * 10);
        long whole = tenths / 10;
        String s = whole >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", whole / 3600, whole / 60 % 60, whole % 60)
                : String.format(Locale.ROOT, "%d:%02d", whole / 60, whole % 60);
        return tenths % 10 == 0 ? s : s + "." + (tenths % 10);
    }

    private static void img(StringBuilder h, Chart c) {
        h.append("<img src=\"").append(esc(c.file())).append("\" width=\"").append(c.width()).append("\" height=\"")
                .append(c.height()).append("\" alt=\"").append(esc(c.alt())).append("\">\n");
    }

    private static String badge(ScenarioReport s) {
        return s.noExpectations() ? "<span class=\"badge none\">NO EXPECTATIONS</span>" : badge(s.passed());
    }

    private static String badge(boolean passed) {
        return passed ? "<span class=\"badge pass\">PASS</span>" : "<span class=\"badge fail\">FAIL</span>";
    }

    /** Section ids and chart file stems: the name lower-cased to [a-z0-9-], numbered when two collide. */
    static Map<String, String> ids(SuiteReport suite) {
        Map<String, String> ids = new LinkedHashMap<>();
        TreeSet<String> taken = new TreeSet<>();
        for (ScenarioReport s : suite.scenarios()) {
            String base = "scenario-" + slug(s.name());
            String id = base;
            for (int n = 2; !taken.add(id); n++) {
                id = base + "-" + n;
            }
            ids.put(s.name(), id);
        }
        return ids;
    }

    static String slug(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "x" : s;
    }

    static String esc(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
