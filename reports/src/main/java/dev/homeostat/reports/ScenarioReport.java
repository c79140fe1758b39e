package dev.homeostat.reports;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.homeostat.reports.score.Estimate;
import dev.homeostat.reports.score.ExpectationCheck;
import dev.homeostat.reports.score.Expectations;
import dev.homeostat.reports.score.FaultKindStats;
import dev.homeostat.reports.score.RunScore;
import dev.homeostat.reports.score.ScenarioResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One scenario as report.json shows it; the components are the JSON fields, in this order (reports/README.md
 * describes each). Metrics are means over seeds, null ("n/a") where undefined on every seed; {@code confidence95}
 * maps each metric name to [low, high]. {@code checks} (every expectation that was set, with its verdict, for
 * junit.xml) is not part of report.json; a report read back knows only its failed checks.
 *
 * @param file        the scenario file as the run named it (for CI annotations), null when unknown
 * @param status      {@code pass}, {@code fail}, or {@code no-expectations} (nothing was checked: never a pass)
 * @param noFault     no fault took effect on any seed: a control, whose alerts are all false alarms
 * @param durationSeconds the run's length
 */
public record ScenarioReport(String name, String file, List<Long> seeds, String status, boolean noFault, double durationSeconds,
                             Double precision, Double recall, Double f1, Double mttdSeconds, Double mttrSeconds,
                             Double mttrSecondsBaseline, Double downtimeSecondsBaseline, Double downtimeSecondsEngine,
                             Double downtimeReduction, Double pagesBaseline, Double pagesEngine, Double enginePagesSent,
                             Double pageReduction, Double incidentsEscalatedBaseline, Double incidentsEscalatedEngine,
                             Double needlessActions, Double falseAlarmsPerDay, Double escalationsBaseline,
                             Double escalationsEngine, boolean passed, List<String> failedExpectations,
                             SortedMap<String, List<Double>> confidence95, SortedMap<String, FaultKindStats> byFaultKind,
                             List<IncidentRow> incidents, List<NeedlessRow> needless,
                             @JsonIgnore List<ExpectationCheck> checks) {
    public static final String PASS = "pass", FAIL = "fail", NO_EXPECTATIONS = "no-expectations";

    public ScenarioReport {
        Objects.requireNonNull(name, "name");
        seeds = List.copyOf(seeds);
        failedExpectations = List.copyOf(failedExpectations);
        if (status == null) status = failedExpectations.isEmpty() ? PASS : FAIL;
        if (!List.of(PASS, FAIL, NO_EXPECTATIONS).contains(status)) {
            throw new IllegalArgumentException("scenario " + name + ": status must be pass, fail or no-expectations (got " + status + ")");
        }
        if (status.equals(FAIL) == failedExpectations.isEmpty() || passed != failedExpectations.isEmpty()) {
            throw new IllegalArgumentException("scenario " + name + ": status " + status + " and passed " + passed
                    + " disagree with " + failedExpectations.size() + " failed expectations");
        }
        TreeMap<String, List<Double>> intervals = new TreeMap<>();
        // [low, high] may hold nulls (undefined metric), which List.copyOf refuses.
        if (confidence95 != null) confidence95.forEach((k, v) -> intervals.put(k, Collections.unmodifiableList(new ArrayList<>(v))));
        confidence95 = Collections.unmodifiableSortedMap(intervals);
        byFaultKind = Collections.unmodifiableSortedMap(new TreeMap<>(byFaultKind == null ? Map.of() : byFaultKind));
        incidents = incidents == null ? List.of() : List.copyOf(incidents);
        needless = needless == null ? List.of() : List.copyOf(needless);
        if (checks == null) {
            checks = failedExpectations.stream().map(ExpectationCheck::ofFailure).toList();
        } else {
            checks = List.copyOf(checks);
            List<String> failedChecks = checks.stream().filter(c -> !c.passed()).map(ExpectationCheck::failure).toList();
            if (!failedChecks.equals(failedExpectations)) {
                throw new IllegalArgumentException("scenario " + name + ": the failed checks " + failedChecks
                        + " must be the failedExpectations " + failedExpectations + ", in the same order");
            }
        }
    }

    /** The report of {@code result} judged against {@code expectations}; {@code file} names the scenario file. */
    public static ScenarioReport of(ScenarioResult result, Expectations expectations, String file) {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(expectations, "expectations");
        List<ExpectationCheck> checks = expectations.evaluate(result);
        List<String> failed = checks.stream().filter(c -> !c.passed()).map(ExpectationCheck::failure).toList();
        String status = expectations.isEmpty() ? NO_EXPECTATIONS : failed.isEmpty() ? PASS : FAIL;
        Map<String, Estimate> metrics = metrics(result);
        SortedMap<String, List<Double>> confidence = new TreeMap<>();
        metrics.forEach((metric, estimate) -> confidence.put(metric, Arrays.asList(estimate.low(), estimate.high())));
        List<IncidentRow> incidents = new ArrayList<>();
        List<NeedlessRow> needless = new ArrayList<>();
        for (RunScore run : result.runs()) {
            run.incidents().forEach(incident -> incidents.add(IncidentRow.of(run.seed(), incident)));
            run.needlessActions().forEach(action -> needless.add(NeedlessRow.of(run.seed(), action)));
        }
        return new ScenarioReport(result.scenario(), file, result.seeds(), status, result.noFault(), result.durationSeconds(),
                mean(metrics, "precision"), mean(metrics, "recall"), mean(metrics, "f1"), mean(metrics, "mttdSeconds"),
                mean(metrics, "mttrSeconds"), mean(metrics, "mttrSecondsBaseline"), mean(metrics, "downtimeSecondsBaseline"),
                mean(metrics, "downtimeSecondsEngine"), mean(metrics, "downtimeReduction"), mean(metrics, "pagesBaseline"),
                mean(metrics, "pagesEngine"), mean(metrics, "enginePagesSent"), mean(metrics, "pageReduction"),
                mean(metrics, "incidentsEscalatedBaseline"), mean(metrics, "incidentsEscalatedEngine"),
                mean(metrics, "needlessActions"), mean(metrics, "falseAlarmsPerDay"), mean(metrics, "escalationsBaseline"),
                mean(metrics, "escalationsEngine"), failed.isEmpty(), failed, confidence, result.byFaultKind(), incidents,
                needless, checks);
    }

    /** Every metric of the report by its report.json name, in field order. */
    private static Map<String, Estimate> metrics(ScenarioResult r) {
        Map<String, Estimate> m = new LinkedHashMap<>();
        m.put("precision", r.precision());
        m.put("recall", r.recall());
        m.put("f1", r.f1());
        m.put("mttdSeconds", r.mttdSeconds());
        m.put("mttrSeconds", r.mttrSeconds());
        m.put("mttrSecondsBaseline", r.mttrSecondsBaseline());
        m.put("downtimeSecondsBaseline", r.downtimeSecondsBaseline());
        m.put("downtimeSecondsEngine", r.downtimeSecondsEngine());
        m.put("downtimeReduction", r.downtimeReduction());
        m.put("pagesBaseline", r.pagesBaseline());
        m.put("pagesEngine", r.pagesEngine());
        m.put("enginePagesSent", r.enginePagesSent());
        m.put("pageReduction", r.pageReduction());
        m.put("incidentsEscalatedBaseline", r.incidentsEscalatedBaseline());
        m.put("incidentsEscalatedEngine", r.incidentsEscalatedEngine());
        m.put("needlessActions", r.needlessActions());
        m.put("falseAlarmsPerDay", r.falseAlarmsPerDay());
        m.put("escalationsBaseline", r.escalationsBaseline());
        m.put("escalationsEngine", r.escalationsEngine());
        return m;
    }

    private static Double mean(Map<String, Estimate> metrics, String name) {
        return metrics.get(name).mean();
    }

    /** Nothing was expected of it: reported as such, a failure only under {@code --require-expectations}. */
    public boolean noExpectations() {
        return NO_EXPECTATIONS.equals(status);
    }
}
