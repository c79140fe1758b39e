package dev.homeostat.testbed.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.policy.PolicyLoader;
import dev.homeostat.testbed.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Timing the engine's ticks for {@code homeostat perf --engine} changes nothing of the run it times. */
class EnginePerfTest {
    @Test
    void timedTicks_leaveTheEngineJournalAsAnUntimedRunWritesIt() {
        var scenario = new ScenarioLoader().loadAll(Path.of("..", "scenarios", "ci")).getFirst();
        var policy = PolicyLoader.load(scenario.policy());
        long seed = scenario.seeds().getFirst();
        var ticks = new EngineTicks();
        var baseline = ScenarioRunner.runRecorded(scenario, seed, null, null);
        var timed = ScenarioRunner.runRecorded(scenario, seed, policy, ScenarioRunner.noOpFaults(baseline.journal()), ticks);
        assertThat(timed.journal()).isEqualTo(ScenarioRunner.run(scenario, seed, policy));
        assertThat(ticks.ticks()).isPositive().isLessThanOrEqualTo(scenario.simulation().duration().toMillis() / policy.evaluationInterval().toMillis());
        assertThat(ticks.meanSeries()).isPositive();

        var pair = EnginePerf.measure(scenario, seed, policy);
        assertThat(pair.journalEvents()).isEqualTo(timed.journal().events().size());
        assertThat(pair.simulatedMillis()).isEqualTo(scenario.simulation().duration().toMillis());
        // the process's clock brackets the thread's, so it counts the pair and whatever ran beside it (Linux reads it
        // in 10 ms ticks, hence the margin)
        assertThat(pair.processCpuNanos()).isGreaterThanOrEqualTo(pair.pairCpuNanos() - 20_000_000);
    }
}
