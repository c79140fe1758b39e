package dev.homeostat.testbed.bench;

import dev.homeostat.remediation.policy.Policy;
import dev.homeostat.remediation.policy.PolicyException;
import dev.homeostat.remediation.policy.PolicyLoader;
import dev.homeostat.reports.score.RunScore;
import dev.homeostat.reports.score.ScenarioResult;
import dev.homeostat.testbed.run.SuiteRunner;
import dev.homeostat.testbed.scenario.Scenario;
import dev.homeostat.testbed.scenario.ScenarioException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs the detector × policy grid over one suite: every configuration on the same scenarios and the same
 * seeds (each seed's baseline run is the same for every configuration, so differences are the engine's).
 * All policies are loaded and overridden before the first run, so bad input never wastes a run.
 */
public final class Bench {
    private Bench() { }

    /** A finished seed run, for progress lines: the configuration, scenario and seed. */
    public record Progress(String configuration, String scenario, long seed) { }

    public static BenchResult run(String suite, List<Scenario> scenarios, List<BenchConfig> configs, int threads,
                                  Consumer<Progress> onDone) {
        if (scenarios.isEmpty()) throw new IllegalArgumentException("bench: no scenario to run");
        if (configs.isEmpty()) throw new IllegalArgumentException("bench: no configuration to run");
        var policiesByConfig = new LinkedHashMap<BenchConfig, Map<Scenario, Policy>>();
        var loaded = new LinkedHashMap<Path, Policy>();
        for (BenchConfig config : configs) policiesByConfig.put(config, policies(config, scenarios, loaded));

        var rows = new ArrayList<BenchRow>();
        policiesByConfig.forEach((config, policies) -> {
            var runs = new SuiteRunner(threads, run -> onDone.accept(new Progress(config.name(), run.scenario().name(), run.seed())))
                    .run(scenarios, policies);
            rows.add(row(config, scenarios, runs));
        });
        List<Boolean> front = Pareto.front(rows.stream().map(BenchRow::point).toList());
        int best = best(rows, front);
        var marked = new ArrayList<BenchRow>();
        for (int i = 0; i < rows.size(); i++) marked.add(rows.get(i).marked(front.get(i), i == best));
        var seeds = new TreeSet<Long>();
        scenarios.forEach(s -> seeds.addAll(s.seeds()));
        return new BenchResult(suite, scenarios.stream().map(Scenario::name).toList(), List.copyOf(seeds), marked,
                marked.get(best).configuration(), BenchResult.BEST_RULE);
    }

    /** The index of the best row by {@link BenchResult#BEST_RULE}. */
    static int best(List<BenchRow> rows, List<Boolean> front) {
        Comparator<BenchRow> order = Comparator
                .comparingDouble((BenchRow r) -> -nullAs(r.f1(), 0))
                .thenComparingDouble(BenchRow::needlessActions)
                .thenComparingDouble(r -> nullAs(r.mttrSeconds(), 0))
                .thenComparingDouble(r -> -nullAs(r.downtimeReduction(), Double.NEGATIVE_INFINITY));
        int best = -1;
        for (int i = 0; i < rows.size(); i++) {
            if (!front.get(i)) continue;
            // Strictly better only: on a full tie the earlier row (grid order) stays.
            if (best < 0 || order.compare(rows.get(i), rows.get(best)) < 0) best = i;
        }
        return best;
    }

    private static double nullAs(Double v, double undefined) {
        return v == null ? undefined : v;
    }

    private static Map<Scenario, Policy> policies(BenchConfig config, List<Scenario> scenarios, Map<Path, Policy> loaded) {
        var policies = new LinkedHashMap<Scenario, Policy>();
        for (Scenario s : scenarios) {
            Policy policy;
            if (config.policyFile() == null) {
                try {
                    policy = loaded.computeIfAbsent(s.policy(), PolicyLoader::load);
                } catch (PolicyException e) {
                    throw new ScenarioException(s.source(), 0, "spec.engine.policy", e.getMessage());
                }
            } else {
                try {
                    policy = loaded.computeIfAbsent(config.policyFile(), PolicyLoader::load);
                } catch (PolicyException e) {
                    throw new IllegalArgumentException("--policies: " + e.getMessage(), e);
                }
            }
            policies.put(s, config.detector() == null ? policy : DetectorOverride.apply(policy, config.detector()));
        }
        return policies;
    }

    private static BenchRow row(BenchConfig config, List<Scenario> scenarios, List<SuiteRunner.SeedRun> runs) {
        var byScenario = new LinkedHashMap<String, List<RunScore>>();
        for (Scenario s : scenarios) byScenario.put(s.name(), new ArrayList<>());
        for (var run : runs) byScenario.get(run.scenario().name()).add(run.score());
        var scenarioRows = new ArrayList<ScenarioRow>();
        byScenario.forEach((name, scores) -> scenarioRows.add(ScenarioRow.of(ScenarioResult.of(name, scores))));
        List<RunScore> all = runs.stream().map(SuiteRunner.SeedRun::score).toList();
        return new BenchRow(config.name(), config.policyLabel(),
                config.detector() == null ? BenchConfig.AS_WRITTEN : config.detector().toString(), all.size(),
                mean(all, RunScore::f1), mean(all, RunScore::precision), mean(all, RunScore::recall),
                seconds(mean(all, RunScore::mttdMillis)), seconds(mean(all, RunScore::mttrMillis)),
                mean(all, RunScore::downtimeReduction),
                mean(all, r -> (double) r.needlessActions().size()), mean(all, r -> (double) r.pagesEngine()),
                false, false, scenarioRows);
    }

    /** Mean over the runs where the metric is defined; null when it is defined on none. */
    private static Double mean(List<RunScore> runs, Function<RunScore, Double> metric) {
        double[] xs = runs.stream().map(metric).filter(Objects::nonNull).mapToDouble(Double::doubleValue).toArray();
        if (xs.length == 0) return null;
        double sum = 0;
        for (double x : xs) sum += x;
        return sum / xs.length;
    }

    private static Double seconds(Double millis) {
        return millis == null ? null : millis / 1000.0;
    }
}
