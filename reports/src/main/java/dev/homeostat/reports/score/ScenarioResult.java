package dev.homeostat.reports.score;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One scenario over all its seeds: each metric as the mean over the seeds where it is defined, with its
 * 95% confidence interval; durations in seconds. {@code runs} are sorted by seed. Field meanings: {@link RunScore}.
 */
public record ScenarioResult(String scenario, List<RunScore> runs, Estimate precision, Estimate recall, Estimate f1,
                             Estimate mttdSeconds, Estimate mttrSeconds, Estimate mttrSecondsBaseline,
                             Estimate downtimeSecondsBaseline, Estimate downtimeSecondsEngine, Estimate downtimeReduction,
                             Estimate pagesBaseline, Estimate pagesEngine, Estimate enginePagesSent, Estimate pageReduction,
                             Estimate incidentsEscalatedBaseline, Estimate incidentsEscalatedEngine,
                             Estimate needlessActions, Estimate falseAlarmsPerDay,
                             Estimate escalationsBaseline, Estimate escalationsEngine,
                             SortedMap<String, FaultKindStats> byFaultKind) {
    public ScenarioResult {
        runs = List.copyOf(runs);
        byFaultKind = Collections.unmodifiableSortedMap(new TreeMap<>(byFaultKind));
    }

    /** Aggregates the runs of one scenario (one per seed). */
    public static ScenarioResult of(String scenario, List<RunScore> runs) {
        Objects.requireNonNull(scenario, "scenario");
        if (runs == null || runs.isEmpty()) {
            throw new IllegalArgumentException("scenario " + scenario + ": runs is empty; score at least one seed");
        }
        var seen = new HashSet<Long>();
        for (RunScore run : runs) {
            if (!scenario.equals(run.scenario())) {
                throw new IllegalArgumentException("scenario " + scenario + ": got a run of scenario "
                        + run.scenario() + "; aggregate each scenario's runs separately");
            }
            if (!seen.add(run.seed())) {
                throw new IllegalArgumentException("scenario " + scenario + ": seed " + run.seed()
                        + " appears twice; give each run its own seed");
            }
        }
        List<RunScore> sorted = runs.stream().sorted(Comparator.comparingLong(RunScore::seed)).toList();
        return new ScenarioResult(scenario, sorted,
                estimate(sorted, RunScore::precision),
                estimate(sorted, RunScore::recall),
                estimate(sorted, RunScore::f1),
                estimate(sorted, r -> seconds(r.mttdMillis())),
                estimate(sorted, r -> seconds(r.mttrMillis())),
                estimate(sorted, r -> seconds(r.mttrMillisBaseline())),
                estimate(sorted, r -> r.downtimeMillisBaseline() / 1000.0),
                estimate(sorted, r -> r.downtimeMillisEngine() / 1000.0),
                estimate(sorted, RunScore::downtimeReduction),
                estimate(sorted, r -> (double) r.pagesBaseline()),
                estimate(sorted, r -> (double) r.pagesEngine()),
                estimate(sorted, r -> (double) r.enginePagesSent()),
                estimate(sorted, RunScore::pageReduction),
                estimate(sorted, r -> (double) r.incidentsEscalatedBaseline()),
                estimate(sorted, r -> (double) r.incidentsEscalatedEngine()),
                estimate(sorted, r -> (double) r.needlessActions().size()),
                estimate(sorted, RunScore::falseAlarmsPerDay),
                estimate(sorted, r -> (double) r.escalationsBaseline()),
                estimate(sorted, r -> (double) r.escalationsEngine()),
                byFaultKind(sorted));
    }

    /** No fault took effect on any seed: a control scenario, whose alerts are all false alarms. */
    public boolean noFault() {
        return runs.stream().allMatch(RunScore::noFault);
    }

    /** The mean run length, seconds. */
    public double durationSeconds() {
        return runs.stream().mapToLong(RunScore::runMillis).average().orElse(0) / 1000.0;
    }

    public List<Long> seeds() {
        return runs.stream().map(RunScore::seed).toList();
    }

    private static Estimate estimate(List<RunScore> runs, Function<RunScore, Double> metric) {
        List<Double> values = new ArrayList<>(runs.size());
        for (RunScore run : runs) {
            values.add(metric.apply(run));
        }
        return Estimate.of(values);
    }

    private static Double seconds(Double millis) {
        return millis == null ? null : millis / 1000.0;
    }

    private static SortedMap<String, FaultKindStats> byFaultKind(List<RunScore> runs) {
        Map<String, List<IncidentScore>> byKind = new TreeMap<>();
        for (RunScore run : runs) {
            for (IncidentScore incident : run.scoredIncidents()) {
                byKind.computeIfAbsent(incident.kind(), k -> new ArrayList<>()).add(incident);
            }
        }
        SortedMap<String, FaultKindStats> stats = new TreeMap<>();
        byKind.forEach((kind, incidents) -> {
            int detected = (int) incidents.stream().filter(IncidentScore::detected).count();
            OptionalDouble mttd = incidents.stream().filter(IncidentScore::detected)
                    .mapToLong(IncidentScore::mttdMillis).average();
            OptionalDouble mttr = incidents.stream().filter(IncidentScore::impact)
                    .mapToLong(IncidentScore::mttrMillis).average();
            stats.put(kind, new FaultKindStats(incidents.size(), detected, (double) detected / incidents.size(),
                    mttd.isPresent() ? mttd.getAsDouble() / 1000.0 : null,
                    mttr.isPresent() ? mttr.getAsDouble() / 1000.0 : null));
        });
        return stats;
    }
}
