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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One scenario as report.json shows it; the components are the JSON fields, in this order. Metrics are
 * means over seeds (null where undefined on every seed); {@code confidence95} maps each metric name to
 * [low, high]. {@code checks} (every expectation that was set, with its verdict, for junit.xml) is not part of
 * report.json, so that file stays as it was; a report read back from JSON knows only its failed checks.
 */
public record ScenarioReport(String name, List<Long> seeds, Double precision, Double recall, Double f1,
                             Double mttdSeconds, Double mttrSeconds, Double downtimeSecondsBaseline,
                             Double downtimeSecondsEngine, Double downtimeReduction, Double escalationsBaseline,
                             Double escalationsEngine, Double needlessActions, Double falseAlarmsPerDay,
                             boolean passed, List<String> failedExpectations, SortedMap<String, List<Double>> confidence95,
                             SortedMap<String, FaultKindStats> byFaultKind, List<IncidentRow> incidents,
                             @JsonIgnore List<ExpectationCheck> checks) {
    public ScenarioReport {
        Objects.requireNonNull(name, "name");
        seeds = List.copyOf(seeds);
        failedExpectations = List.copyOf(failedExpectations);
        if (passed != failedExpectations.isEmpty()) {
            throw new IllegalArgumentException("scenario " + name + ": passed must be true exactly when "
                    + "failedExpectations is empty (passed " + passed + ", " + failedExpectations.size() + " failed)");
        }
        TreeMap<String, List<Double>> intervals = new TreeMap<>();
        // [low, high] may hold nulls (undefined metric), which List.copyOf refuses.
        confidence95.forEach((k, v) -> intervals.put(k, Collections.unmodifiableList(new ArrayList<>(v))));
        confidence95 = Collections.unmodifiableSortedMap(intervals);
        byFaultKind = Collections.unmodifiableSortedMap(new TreeMap<>(byFaultKind));
        incidents = List.copyOf(incidents);
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

    /** The report without the passed checks (only the failed lines are known), as before checks existed. */
    public ScenarioReport(String name, List<Long> seeds, Double precision, Double recall, Double f1,
                          Double mttdSeconds, Double mttrSeconds, Double downtimeSecondsBaseline,
                          Double downtimeSecondsEngine, Double downtimeReduction, Double escalationsBaseline,
                          Double escalationsEngine, Double needlessActions, Double falseAlarmsPerDay, boolean passed,
                          List<String> failedExpectations, SortedMap<String, List<Double>> confidence95,
                          SortedMap<String, FaultKindStats> byFaultKind, List<IncidentRow> incidents) {
        this(name, seeds, precision, recall, f1, mttdSeconds, mttrSeconds, downtimeSecondsBaseline,
                downtimeSecondsEngine, downtimeReduction, escalationsBaseline, escalationsEngine, needlessActions,
                falseAlarmsPerDay, passed, failedExpectations, confidence95, byFaultKind, incidents, null);
    }

    /** The report of {@code result} judged against {@code expectations}. */
    public static ScenarioReport of(ScenarioResult result, Expectations expectations) {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(expectations, "expectations");
        List<ExpectationCheck> checks = expectations.evaluate(result);
        List<String> failed = checks.stream().filter(c -> !c.passed()).map(ExpectationCheck::failure).toList();
        Map<String, Estimate> metrics = new TreeMap<>();
        metrics.put("precision", result.precision());
        metrics.put("recall", result.recall());
        metrics.put("f1", result.f1());
        metrics.put("mttdSeconds", result.mttdSeconds());
        metrics.put("mttrSeconds", result.mttrSeconds());
        metrics.put("downtimeSecondsBaseline", result.downtimeSecondsBaseline());
        metrics.put("downtimeSecondsEngine", result.downtimeSecondsEngine());
        metrics.put("downtimeReduction", result.downtimeReduction());
        metrics.put("escalationsBaseline", result.escalationsBaseline());
        metrics.put("escalationsEngine", result.escalationsEngine());
        metrics.put("needlessActions", result.needlessActions());
        metrics.put("falseAlarmsPerDay", result.falseAlarmsPerDay());
        SortedMap<String, List<Double>> confidence = new TreeMap<>();
        metrics.forEach((metric, estimate) -> confidence.put(metric, Arrays.asList(estimate.low(), estimate.high())));
        List<IncidentRow> incidents = new ArrayList<>();
        for (RunScore run : result.runs()) {
            run.incidents().forEach(incident -> incidents.add(IncidentRow.of(run.seed(), incident)));
        }
        return new ScenarioReport(result.scenario(), result.seeds(), result.precision().mean(),
                result.recall().mean(), result.f1().mean(), result.mttdSeconds().mean(), result.mttrSeconds().mean(),
                result.downtimeSecondsBaseline().mean(), result.downtimeSecondsEngine().mean(),
                result.downtimeReduction().mean(), result.escalationsBaseline().mean(),
                result.escalationsEngine().mean(), result.needlessActions().mean(), result.falseAlarmsPerDay().mean(),
                failed.isEmpty(), failed,
                confidence, result.byFaultKind(), incidents, checks);
    }
}
