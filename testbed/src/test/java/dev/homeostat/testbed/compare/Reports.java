package dev.homeostat.testbed.compare;

import dev.homeostat.reports.ScenarioReport;
import dev.homeostat.reports.SuiteReport;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Hand-made reports for comparison tests: every metric a point value unless set otherwise. */
final class Reports {
    private final String name;
    private final List<Long> seeds;
    private final Map<String, Double[]> metrics = new LinkedHashMap<>();

    private Reports(String name, int seeds) {
        this.name = name;
        this.seeds = java.util.stream.LongStream.rangeClosed(1, seeds).boxed().toList();
        set("precision", 1.0).set("recall", 1.0).set("f1", 1.0).set("mttdSeconds", 30.0).set("mttrSeconds", 60.0)
                .set("downtimeSecondsBaseline", 100.0).set("downtimeSecondsEngine", 10.0).set("downtimeReduction", 0.9)
                .set("pagesBaseline", 1.0).set("pagesEngine", 0.0).set("needlessActions", 0.0);
    }

    static Reports scenario(String name, int seeds) { return new Reports(name, seeds); }

    /** A metric with no spread over seeds (null = undefined). */
    Reports set(String field, Double mean) { return set(field, mean, mean, mean); }

    Reports set(String field, Double mean, Double low, Double high) {
        metrics.put(field, new Double[] {mean, low, high});
        return this;
    }

    ScenarioReport build() {
        var ci = new TreeMap<String, List<Double>>();
        metrics.forEach((k, v) -> ci.put(k, Arrays.asList(v[1], v[2])));
        return new ScenarioReport(name, "scenarios/" + name + ".yaml", seeds, null, false, 3600, m("precision"), m("recall"), m("f1"),
                m("mttdSeconds"), m("mttrSeconds"), null, m("downtimeSecondsBaseline"), m("downtimeSecondsEngine"),
                m("downtimeReduction"), m("pagesBaseline"), m("pagesEngine"), null, null, null, null, m("needlessActions"),
                m("falseAlarmsPerDay"), null, null, true, List.of(), ci, new TreeMap<>(), List.of(), List.of(), null);
    }

    static SuiteReport suite(ScenarioReport... scenarios) {
        return SuiteReport.of("test", List.of(scenarios));
    }

    private Double m(String field) { return metrics.containsKey(field) ? metrics.get(field)[0] : null; }
}
