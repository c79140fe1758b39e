package dev.homeostat.testbed.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.policy.PolicyLoader;
import dev.homeostat.reports.journal.JournalEvent;
import dev.homeostat.testbed.scenario.Scenario;
import dev.homeostat.testbed.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The holdout's lost 4-core node (tight-node-failure-large): the two small nodes cannot hold every evicted pod, so a
 * scale-up of checkout waits Pending and is taken back. The engine does not scale checkout again while the node is
 * out (the room guard), and does once it is back.
 */
class NoRoomScaleUpsTest {
    @Test
    void aScaleUpTakenBackForWantOfRoom_isNotRepeatedUntilTheLostNodeIsBack() {
        Scenario scenario = new ScenarioLoader().load(Path.of("../scenarios/generalization/holdout/tight-node-failure-large.yaml"));
        long seed = scenario.seeds().getFirst();
        var baseline = ScenarioRunner.runRecorded(scenario, seed, null, null).journal();
        var engine = ScenarioRunner.runRecorded(scenario, seed, PolicyLoader.load(scenario.policy()),
                ScenarioRunner.noOpFaults(baseline)).journal();
        long faultStart = engine.events().stream().filter(e -> e instanceof JournalEvent.FaultStarted).mapToLong(JournalEvent::t).min().orElseThrow();
        long faultEnd = engine.events().stream().filter(e -> e instanceof JournalEvent.FaultEnded).mapToLong(JournalEvent::t).max().orElseThrow();
        List<JournalEvent.ActionTaken> checkout = engine.events().stream()
                .filter(e -> e instanceof JournalEvent.ActionTaken a && a.target().equals("deployment/default/checkout"))
                .map(e -> (JournalEvent.ActionTaken) e).toList();

        List<JournalEvent.ActionTaken> trims = checkout.stream()
                .filter(a -> a.action().equals("lift") && a.detail().contains("no node has room")).toList();
        assertThat(trims).as("checkout's first scale-up waits Pending and is taken back").hasSize(1);
        long trimmed = trims.getFirst().t();
        assertThat(checkout).as("no scale-up of checkout runs after the trim while the node is out")
                .noneMatch(a -> a.action().equals("scale-up") && a.outcome() == JournalEvent.Outcome.APPLIED
                        && a.t() > trimmed && a.t() < faultEnd);
        assertThat(checkout).as("held by the room guard, saying why")
                .anyMatch(a -> a.action().equals("scale-up") && "room".equals(a.guard()) && a.detail().contains("no node has become schedulable"));
        assertThat(trimmed).isBetween(faultStart, faultEnd);
    }
}
