package dev.homeostat.testbed.run;

import dev.homeostat.remediation.policy.Policy;
import dev.homeostat.reports.TimelineSeries;
import dev.homeostat.reports.journal.Journal;
import dev.homeostat.reports.score.RunScore;
import dev.homeostat.reports.score.Scorer;
import dev.homeostat.testbed.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs every (scenario, seed) pair of a suite, or a shard's share of them — a baseline run and an engine run
 * each — on a pool of threads, and returns the results in suite order, so the output does not depend on which thread finished first.
 */
public final class SuiteRunner {
    /** One seed of one scenario, both runs and its score. */
    public record SeedRun(Scenario scenario, long seed, Journal baseline, Journal engine, RunScore score,
                          List<TimelineSeries> baselineSeries, List<TimelineSeries> engineSeries) {
        public SeedRun {
            baselineSeries = List.copyOf(baselineSeries);
            engineSeries = List.copyOf(engineSeries);
        }

        /** A run rebuilt from its journals alone (a merge): its series, if any, are in files beside them. */
        public SeedRun(Scenario scenario, long seed, Journal baseline, Journal engine, RunScore score) {
            this(scenario, seed, baseline, engine, score, List.of(), List.of());
        }
    }

    private final int threads;
    private final Consumer<SeedRun> onDone;

    /** {@code onDone} is called once per finished seed run, from worker threads (progress reporting). */
    public SuiteRunner(int threads, Consumer<SeedRun> onDone) {
        if (threads < 1) throw new IllegalArgumentException("--threads: must be >= 1, was " + threads);
        this.threads = threads;
        this.onDone = onDone;
    }

    /** Policies by scenario (loaded and validated before anything runs). Results in scenario, then seed order. */
    public List<SeedRun> run(List<Scenario> scenarios, Map<Scenario, Policy> policies) {
        return runPairs(SuitePair.enumerate(scenarios), policies);
    }

    /** Only the given pairs (a shard of the suite); results in the order of {@code pairs}. */
    public List<SeedRun> runPairs(List<SuitePair> pairs, Map<Scenario, Policy> policies) {
        // runs at once: a single pair runs alone however many threads were asked for
        int parallel = Math.min(threads, Math.max(1, pairs.size()));
        try (var pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("homeostat-run-", 0).daemon().factory())) {
            var futures = new ArrayList<Future<SeedRun>>();
            for (SuitePair pair : pairs) {
                Scenario scenario = pair.scenario();
                long seed = pair.seed();
                Policy policy = policies.get(scenario);
                if (policy == null) throw new IllegalArgumentException(scenario.source() + ": no engine policy loaded for scenario " + scenario.name());
                futures.add(pool.submit(() -> {
                    var baseline = ScenarioRunner.runRecorded(scenario, seed, null, null);
                    BaselineGarbage.collect(parallel);
                    var engine = ScenarioRunner.runRecorded(scenario, seed, policy, ScenarioRunner.noOpFaults(baseline.journal()));
                    var run = new SeedRun(scenario, seed, baseline.journal(), engine.journal(),
                            Scorer.score(engine.journal(), baseline.journal(), scenario.scoring()), baseline.series(), engine.series());
                    onDone.accept(run);
                    return run;
                }));
            }
            var runs = new ArrayList<SeedRun>(futures.size());
            for (var f : futures) runs.add(f.get());
            return runs;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
