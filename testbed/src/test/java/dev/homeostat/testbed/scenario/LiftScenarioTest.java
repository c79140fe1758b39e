package dev.homeostat.testbed.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.policy.PolicyLoader;
import dev.homeostat.reports.journal.JournalEvent;
import dev.homeostat.testbed.run.ScenarioRunner;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine lifts a cordon once its lost node is back, and keeps one whose node never went away, and takes back the
 * replicas it added once their load has gone, in simulation.
 */
class LiftScenarioTest {
    private static List<JournalEvent> engineRun(String scenario) {
        return engineRun(scenario, 1);
    }

    private static List<JournalEvent> engineRun(String scenario, long seed) {
        var s = new ScenarioLoader().load(Path.of("../scenarios/generalization/" + scenario + ".yaml"));
        return ScenarioRunner.run(s, seed, PolicyLoader.load(s.policy())).events();
    }

    private static List<JournalEvent.ActionTaken> actions(List<JournalEvent> events, String action, String target) {
        return events.stream().filter(JournalEvent.ActionTaken.class::isInstance).map(JournalEvent.ActionTaken.class::cast)
                .filter(a -> a.action().equals(action) && a.target().equals(target)).toList();
    }

    private static long when(List<JournalEvent> events, String target, String what) {
        return events.stream().filter(JournalEvent.ClusterEvent.class::isInstance).map(JournalEvent.ClusterEvent.class::cast)
                .filter(e -> e.target().equals(target) && e.what().equals(what)).mapToLong(JournalEvent.ClusterEvent::t)
                .findFirst().orElseThrow(() -> new AssertionError("no '" + what + "' for " + target));
    }

    @Test
    void aLostNodeTheEngineDrained_isUncordonedAsSoonAsItIsReadyAgain_whilePodsWaitForRoom() {
        var events = engineRun("holdout/tight-node-failure-large");

        assertThat(actions(events, "drain-node", "node/large-1")).anySatisfy(a -> assertThat(a.applied()).isTrue());
        long ready = when(events, "node/large-1", "node Ready");
        assertThat(actions(events, "lift", "node/large-1")).singleElement().satisfies(lift -> {
            assertThat(lift.applied()).isTrue();
            assertThat(lift.disruptive()).isFalse();
            assertThat(lift.rule()).isEqualTo("move-off-bad-node");
            // pods wait for room: lifted at the first evaluation that sees it Ready (one interval, 15 s, at most later),
            // not liftAfter (1m) on, which would keep them waiting that minute
            assertThat(lift.t() - ready).isBetween(0L, 15_000L + 1_500L);
        });
        assertThat(when(events, "node/large-1", "node uncordoned")).isGreaterThan(ready);
    }

    @Test
    void aNodeDrainedWhileItStayedReady_staysCordoned_forAHuman() {
        // seed 2: in seeds 1 and 3 the node-local diagnosis lacks evidence about the node (one of the services
        // anomalous on it calls the one diagnosed), and the engine restarts pods instead
        var events = engineRun("fresh/saas-noisy-neighbour-saas-node-2", 2);

        assertThat(actions(events, "drain-node", "node/saas-node-2")).anySatisfy(a -> assertThat(a.applied()).isTrue());
        assertThat(actions(events, "lift", "node/saas-node-2")).isEmpty();
    }

    @Test
    void replicasTheEngineAddedInARetryStorm_areTakenBackToTheOwnersCount_fiveQuietMinutesAfter_andNotAddedAgain() {
        var events = engineRun("tune/gateway-retry-storm-product-db");

        var scaleUps = actions(events, "scale-up", "deployment/shop/product-db").stream().filter(JournalEvent.ActionTaken::applied).toList();
        assertThat(scaleUps).hasSizeGreaterThan(1);
        assertThat(actions(events, "lift", "deployment/shop/product-db")).singleElement().satisfies(lift -> {
            assertThat(lift.applied()).isTrue();
            assertThat(lift.disruptive()).isFalse();
            assertThat(lift.detail()).contains("back to 3 replicas");
            assertThat(lift.t() - scaleUps.getLast().t()).isGreaterThanOrEqualTo(5 * 60_000L);
            assertThat(scaleUps).allSatisfy(up -> assertThat(up.t()).isLessThan(lift.t()));
        });
    }
}
