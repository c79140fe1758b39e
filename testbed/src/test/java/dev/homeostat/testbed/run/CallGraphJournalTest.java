package dev.homeostat.testbed.run;

import dev.homeostat.remediation.policy.PolicyLoader;
import dev.homeostat.reports.journal.JournalEvent;
import dev.homeostat.reports.journal.JournalIo;
import dev.homeostat.reports.score.RunScore;
import dev.homeostat.reports.score.Scorer;
import dev.homeostat.simulator.events.SimEvent;
import dev.homeostat.testbed.scenario.Scenario;
import dev.homeostat.testbed.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** frontend → checkout → payments (scenarios/examples/call-graph.yaml): the journal knows who is upstream of a fault. */
class CallGraphJournalTest {
    private static Scenario scenario;

    @BeforeAll
    static void load() {
        scenario = new ScenarioLoader().load(Path.of("../scenarios/examples/call-graph.yaml"));
    }

    private static JournalEvent.FaultStarted injectedInto(String service) {
        var recorder = new JournalRecorder(scenario.simulation().cluster(), scenario.simulation().faults(), null);
        recorder.on(new SimEvent.FaultStarted(1_000, "f", "app/dependency-slowdown", 2_000, List.of(), List.of(),
                List.of(service), true, List.of()));
        return (JournalEvent.FaultStarted) recorder.events().getFirst();
    }

    @Test
    void faultOnTheDeepestService_listsEveryTransitiveCaller_sorted() {
        assertThat(injectedInto("default/payments").upstream())
                .containsExactly("service/default/checkout", "service/default/frontend");
        assertThat(injectedInto("default/checkout").upstream()).containsExactly("service/default/frontend");
    }

    @Test
    void faultOnTheEntryService_hasNoUpstream() {
        assertThat(injectedInto("default/frontend").upstream()).isEmpty();
    }

    @Test
    void dependencySlowdown_callerAlertsAreSymptoms_andTheEngineRestartsNoCaller() {
        var policy = PolicyLoader.load(scenario.policy());
        long seed = scenario.seeds().getFirst();
        var baseline = ScenarioRunner.runRecorded(scenario, seed, null, null).journal();
        var engine = ScenarioRunner.runRecorded(scenario, seed, policy, ScenarioRunner.noOpFaults(baseline)).journal();
        RunScore score = Scorer.score(engine, baseline, scenario.scoring());

        assertThat(score.recall()).isEqualTo(1.0);
        assertThat(score.precision()).isGreaterThanOrEqualTo(0.8);
        assertThat(score.needlessActions()).isEmpty();
        // same seed, same bytes
        var again = ScenarioRunner.runRecorded(scenario, seed, policy, Set.copyOf(ScenarioRunner.noOpFaults(baseline))).journal();
        assertThat(JournalIo.toJsonLines(again)).isEqualTo(JournalIo.toJsonLines(engine));
    }
}
