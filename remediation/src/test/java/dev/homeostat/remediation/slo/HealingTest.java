package dev.homeostat.remediation.slo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.guard.CallGraph;
import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.EngineEvent;
import dev.homeostat.remediation.model.Target;
import org.junit.jupiter.api.Test;

/** Which services' SLO pages the engine holds back, healing them or paged about them: the source of the SLO page inhibition. */
class HealingTest {
    private static final String CHECKOUT = "service/shop/checkout";
    private static final long MIN = 60_000;
    private static final Target POD = new Target(Target.Kind.POD, "shop", "checkout-0");

    private static EngineEvent.ActionTaken action(long t, EngineEvent.Outcome outcome) {
        // the engine labels an action with the service's bare name, in the target's namespace
        return new EngineEvent.ActionTaken(t, new ClusterAction.RestartPod(POD), "r", "checkout", outcome,
                outcome == EngineEvent.Outcome.HELD ? "cooldown" : null, "");
    }

    @Test
    void anAppliedAction_healsItsServiceForTheWindow_heldAndRefusedOnesDoNot() {
        var healing = new Healing();
        healing.on(action(0, EngineEvent.Outcome.HELD));
        healing.on(action(0, EngineEvent.Outcome.REFUSED));
        assertThat(healing.healing(CHECKOUT, 0)).isFalse();

        healing.on(action(MIN, EngineEvent.Outcome.APPLIED));
        assertThat(healing.healing(CHECKOUT, MIN)).isTrue();
        assertThat(healing.healing(CHECKOUT, MIN + Healing.WINDOW.toMillis() - 1)).isTrue();
        assertThat(healing.healing(CHECKOUT, MIN + Healing.WINDOW.toMillis())).isFalse();
        assertThat(healing.healing("service/shop/cart", MIN)).isFalse();
        assertThat(healing.healing(MIN)).containsExactly(CHECKOUT);
    }

    @Test
    void actionsInAStreak_extendTheWindow_butNeverPastTheCap() {
        var healing = new Healing();
        for (long t = 0; t <= 60 * MIN; t += 5 * MIN) healing.on(action(t, EngineEvent.Outcome.APPLIED));
        assertThat(healing.healing(CHECKOUT, Healing.CAP.toMillis() - 1)).isTrue();
        assertThat(healing.healing(CHECKOUT, Healing.CAP.toMillis())).as("an engine acting without effect holds pages back 30 minutes at most").isFalse();
    }

    @Test
    void anActionOnACallee_healsItsCallers_upTheMeshGraph() {
        // frontend → checkout → payments, and cart alone; the engine acts on payments
        var graph = new CallGraph(
                java.util.Map.of("shop/frontend", new java.util.TreeSet<>(java.util.List.of("shop/checkout")),
                        "shop/checkout", new java.util.TreeSet<>(java.util.List.of("shop/payments"))),
                // as the mesh counts it: nobody calls frontend, so no workload is known behind it
                java.util.Map.of("shop/checkout", new java.util.TreeSet<>(java.util.List.of("shop/checkout")),
                        "shop/payments", new java.util.TreeSet<>(java.util.List.of("shop/payments")),
                        "shop/cart", new java.util.TreeSet<>(java.util.List.of("shop/cart"))));
        var healing = new Healing().useCallGraph(t -> graph);
        healing.on(new EngineEvent.ActionTaken(MIN, new ClusterAction.ScaleDeployment(new Target(Target.Kind.DEPLOYMENT, "shop", "payments"), 4),
                "scale", "payments", EngineEvent.Outcome.APPLIED, null, ""));
        assertThat(healing.healing(MIN)).containsExactly("service/shop/checkout", "service/shop/frontend", "service/shop/payments");

        // the engine gives up on payments and pages: its page stands for its callers' too, until it resolves
        healing.on(new EngineEvent.Paged(5 * MIN, new Target(Target.Kind.SERVICE, "shop", "payments"), null, "p#1", EngineEvent.PageState.FIRING, ""));
        assertThat(healing.healing(20 * MIN)).containsExactly("service/shop/checkout", "service/shop/frontend", "service/shop/payments");
        healing.on(new EngineEvent.Paged(21 * MIN, new Target(Target.Kind.SERVICE, "shop", "payments"), null, "p#1", EngineEvent.PageState.RESOLVED, ""));
        assertThat(healing.healing(21 * MIN + Healing.AFTER_PAGE.toMillis() - 1)).hasSize(3);
        assertThat(healing.healing(21 * MIN + Healing.AFTER_PAGE.toMillis())).isEmpty();
    }

    @Test
    void aCallGraphThatCannotBeRead_healsTheActedOnServiceAlone() {
        var healing = new Healing().useCallGraph(t -> { throw new IllegalStateException("prometheus unreachable"); });
        healing.on(action(MIN, EngineEvent.Outcome.APPLIED));
        assertThat(healing.healing(MIN)).containsExactly(CHECKOUT);
    }

    @Test
    void theEnginesOwnPage_endsTheStreak_andHoldsTheSloPageItselfUntilResolved_orTheCapAfterItsLastNews() {
        var healing = new Healing();
        var checkout = new Target(Target.Kind.SERVICE, "shop", "checkout");
        healing.on(action(0, EngineEvent.Outcome.APPLIED));
        healing.on(new EngineEvent.Paged(3 * MIN, checkout, null, CHECKOUT + "#1", EngineEvent.PageState.FIRING, "still anomalous after restart-pod"));
        // the streak would have ended at 10 min; the page holds past it
        assertThat(healing.healing(CHECKOUT, 12 * MIN)).isTrue();
        assertThat(healing.healing(CHECKOUT, 3 * MIN + Healing.PAGE_CAP.toMillis())).as("a page without news holds 2 hours at most").isFalse();
        healing.on(new EngineEvent.Paged(20 * MIN, checkout, null, CHECKOUT + "#1", EngineEvent.PageState.UPDATE, "a new turn"));
        assertThat(healing.healing(CHECKOUT, 3 * MIN + Healing.PAGE_CAP.toMillis())).as("news extends it").isTrue();
        healing.on(new EngineEvent.Paged(25 * MIN, checkout, null, CHECKOUT + "#1", EngineEvent.PageState.RESOLVED, "quiet"));
        // the team's burn-rate alerts lag the recovery by their short window (30 min): held that long after
        assertThat(Healing.AFTER_PAGE).isEqualTo(java.time.Duration.ofMinutes(30));
        assertThat(healing.healing(CHECKOUT, 54 * MIN)).isTrue();
        assertThat(healing.healing(CHECKOUT, 55 * MIN)).isFalse();

        healing.on(action(60 * MIN, EngineEvent.Outcome.APPLIED));
        assertThat(healing.healing(CHECKOUT, 65 * MIN)).isTrue();
    }

    private static EngineEvent.AnomalyRaised anomaly(long t) {
        return new EngineEvent.AnomalyRaised(t, new dev.homeostat.remediation.model.Anomaly(t, "slo-burn", "threshold",
                new Target(Target.Kind.SERVICE, "shop", "checkout"), "checkout", 20, ""));
    }

    @Test
    void aServiceThatWentQuietWhileItsStreakHeld_isHealed_untilTheAlertsLagAfterItsLastAnomalyHasPassed() {
        var healing = new Healing();
        healing.on(anomaly(0));
        healing.on(action(MIN, EngineEvent.Outcome.APPLIED));
        healing.on(anomaly(2 * MIN)); // the last: the action worked
        long lag = Healing.AFTER_PAGE.toMillis();
        assertThat(healing.healing(CHECKOUT, MIN + Healing.WINDOW.toMillis() + 1)).as("past the streak, the alerts still lag").isTrue();
        assertThat(healing.healing(CHECKOUT, 2 * MIN + lag - 1)).isTrue();
        assertThat(healing.healing(CHECKOUT, 2 * MIN + lag)).isFalse();
        assertThat(healing.healing(2 * MIN + lag - 1)).containsExactly(CHECKOUT);

        healing.on(anomaly(20 * MIN)); // a second incident after the streak: it pages as it would
        assertThat(healing.healing(CHECKOUT, 20 * MIN)).isFalse();
    }

    @Test
    void aServiceStillAnomalousPastItsStreak_isNotHealed_andALiftOpensNoStreak() {
        var healing = new Healing();
        healing.on(action(0, EngineEvent.Outcome.APPLIED));
        for (long t = 0; t <= 15 * MIN; t += MIN) healing.on(anomaly(t));
        assertThat(healing.healing(CHECKOUT, 15 * MIN)).as("the action did not work within its window").isFalse();

        var lifted = new Healing();
        lifted.on(new EngineEvent.ActionTaken(0, new ClusterAction.Lift(new ClusterAction.ScaleDeployment(
                new Target(Target.Kind.DEPLOYMENT, "shop", "checkout"), 2)), "r", "checkout", EngineEvent.Outcome.APPLIED, null, ""));
        assertThat(lifted.healing(CHECKOUT, 0)).isFalse();
    }

    @Test
    void anUpdateAboutAnotherService_joinsItToTheEnginesPage() {
        var healing = new Healing();
        healing.on(new EngineEvent.Paged(0, new Target(Target.Kind.SERVICE, "shop", "payments"), null, "node/n1#1", EngineEvent.PageState.FIRING, ""));
        assertThat(healing.healing(MIN)).containsExactly("service/shop/payments");
        healing.on(new EngineEvent.Paged(MIN, new Target(Target.Kind.SERVICE, "shop", "tax"), null, "node/n1#1", EngineEvent.PageState.UPDATE, ""));
        assertThat(healing.healing(2 * MIN)).containsExactly("service/shop/payments", "service/shop/tax");
    }
}
