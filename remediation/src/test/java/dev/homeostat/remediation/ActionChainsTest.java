package dev.homeostat.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.fakes.FakeCluster;
import dev.homeostat.remediation.fakes.Harness;
import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.EngineEvent;
import dev.homeostat.remediation.model.Target;
import org.junit.jupiter.api.Test;

/** The new actions through the whole engine (router, guards, journal) over the fake cluster. */
class ActionChainsTest {
    private static Target pod(String name) { return new Target(Target.Kind.POD, FakeCluster.NS, name); }

    @Test
    void isolatedPod_keepsAlerting_butIsNotEvidence_soTheIncidentResolvesWithoutAPage() {
        var h = new Harness("""
                  rules:
                    - name: isolate-bad-pod
                      match: {signals: [pod-errors]}
                      actions: [isolate-pod, page]
                      verifyAfter: 1m
                """);
        h.cluster.deployment("checkout", 3);
        h.clock.set(15_000);
        h.sampleAndTick("pod_errors", Harness.pod("checkout-0"), 0.9);
        for (long s = 30; s <= 90; s += 15) {
            h.clock.set(s * 1000);
            h.sampleAndTick("pod_errors", Harness.pod("checkout-0"), 0.9); // the isolated pod still fails, out of service
        }

        assertThat(h.cluster.executed).extracting(FakeCluster.Executed::action)
                .containsExactly(new ClusterAction.IsolatePod(pod("checkout-0")));
        assertThat(h.journal.of(EngineEvent.Paged.class)).isEmpty();
        assertThat(h.engine.incidents()).isEmpty();
    }

    @Test
    void scaleUp_growsTheDeploymentOfTheAlertingPod_byTheRulesStep() {
        var h = new Harness("""
                  rules:
                    - name: add-capacity
                      match: {signals: [pod-errors]}
                      actions: [scale-up]
                      scale: {by: 2, maxReplicas: 8}
                """);
        h.cluster.deployment("checkout", 3);
        h.clock.set(15_000);
        h.sampleAndTick("pod_errors", Harness.pod("checkout-1"), 0.9);

        assertThat(h.cluster.executed).extracting(FakeCluster.Executed::action)
                .containsExactly(new ClusterAction.ScaleDeployment(new Target(Target.Kind.DEPLOYMENT, FakeCluster.NS, "checkout"), 5));
        assertThat(h.cluster.deployments()).singleElement().satisfies(d -> assertThat(d.replicas()).isEqualTo(5));
    }

    @Test
    void scaleUp_thatHelpedWithoutBeingEnough_addsAgain_thenPagesWhenMoreStopsHelping() {
        var h = addCapacityToCheckout("by: 2, maxReplicas: 8");
        var checkout = new Target(Target.Kind.DEPLOYMENT, FakeCluster.NS, "checkout");
        h.clock.set(15_000);
        h.sampleAndTick("pod_errors", Harness.pod("checkout-1"), 0.9);   // score 0.4: scale to 5
        // better (score 0.2 <= 0.8 × 0.4), not good; then no better than at the second scale-up
        h.sampleEvery15s("pod_errors", Harness.pod("checkout-1"), 30, 240, 0.7);

        // each scale-up is judged once its new pods are ready (30 s) and a rate window (60 s) has seen them serve,
        // which is later than its verifyAfter (1m)
        assertThat(h.cluster.executed).extracting(FakeCluster.Executed::time, e -> e.action().kind())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(15_000L, "scale-up"), org.assertj.core.groups.Tuple.tuple(105_000L, "scale-up"),
                        org.assertj.core.groups.Tuple.tuple(195_000L, "page"));
        assertThat(h.cluster.executed.get(1).action()).isEqualTo(new ClusterAction.ScaleDeployment(checkout, 7));
        // the second scale-up within the cooldown grows the Deployment further, so the cooldown lets it through
        assertThat(h.journal.held()).isEmpty();
    }

    @Test
    void scaleUp_withAMaxFactor_isCappedRelativeToTheReplicasBeforeTheEngineFirstScaledIt_notToTheGrownCount() {
        var h = addCapacityToCheckout("by: 2, maxFactor: 2");
        var checkout = new Target(Target.Kind.DEPLOYMENT, FakeCluster.NS, "checkout");
        h.clock.set(15_000);
        h.sampleAndTick("pod_errors", Harness.pod("checkout-1"), 0.9);
        h.sampleEvery15s("pod_errors", Harness.pod("checkout-1"), 30, 240, 0.7);

        // 3 → 5, then 2 × 3 = 6 (not 2 × 5); no more: its ceiling is reached
        assertThat(h.cluster.executed).extracting(FakeCluster.Executed::action).filteredOn(a -> a instanceof ClusterAction.ScaleDeployment)
                .containsExactly(new ClusterAction.ScaleDeployment(checkout, 5), new ClusterAction.ScaleDeployment(checkout, 6));
    }

    @Test
    void scaleUp_withAMaxFactor_doesNotCompoundOverSuccessiveIncidents_untilItsOwnersScaleItBack() {
        var h = addCapacityToCheckout("by: 2, maxFactor: 2");
        var checkout = new Target(Target.Kind.DEPLOYMENT, FakeCluster.NS, "checkout");
        for (long t = 15; t < 3 * 855; t += 855) {
            h.sampleEvery15s("pod_errors", Harness.pod("checkout-1"), t, t + 240, 0.7);
            h.sampleEvery15s("pod_errors", Harness.pod("checkout-1"), t + 255, t + 840, 0.0); // quiet: the incident and its page end
        }
        // three incidents, one ceiling: twice the 3 replicas it had before the engine first scaled it
        assertThat(h.cluster.executed).extracting(FakeCluster.Executed::action).filteredOn(a -> a instanceof ClusterAction.ScaleDeployment)
                .containsExactly(new ClusterAction.ScaleDeployment(checkout, 5), new ClusterAction.ScaleDeployment(checkout, 6));

        h.cluster.deployment("checkout", 3); // its owners scale it back
        h.sampleEvery15s("pod_errors", Harness.pod("checkout-1"), 3 * 855 + 15, 3 * 855 + 135, 0.7);
        assertThat(h.cluster.executed).extracting(FakeCluster.Executed::action).filteredOn(a -> a instanceof ClusterAction.ScaleDeployment)
                .last().isEqualTo(new ClusterAction.ScaleDeployment(checkout, 5));
    }

    @Test
    void scaleUp_whoseNewPodsStayPending_isNotRepeated_thePageFollows_andThePendingReplicasAreTakenBack() {
        var h = new Harness("""
                  rules:
                    - name: add-capacity
                      match: {diagnoses: [saturation]}
                      actions: [scale-up, page]
                      verifyAfter: 1m
                      scale: {by: 2, maxReplicas: 20}
                """);
        h.cluster.podsPerNode = 3; // one node, full: the scheduler has no room for another pod
        h.cluster.deployment("checkout", 3);
        var checkout = new Target(Target.Kind.DEPLOYMENT, FakeCluster.NS, "checkout");
        for (long s = 15; s <= 300; s += 15) {
            h.clock.set(s * 1000);
            for (int i = 0; i < 3; i++) h.metrics.add(dev.homeostat.remediation.diagnosis.Diagnoser.BUSY, Harness.pod("checkout-" + i), s * 1000, 0.95);
            h.sampleAndTick("svc_errors", Harness.service("checkout"), 0.9); // saturated, and it stays so
        }

        // the first scale-up's pods wait unscheduled: adding more would only add more Pending pods, so the next step
        // pages; two minutes on, the replicas no node has room for are taken back
        assertThat(h.cluster.executed).extracting(e -> e.action().kind()).containsExactly("scale-up", "page", "lift");
        assertThat(h.cluster.executed.getFirst().action()).isEqualTo(new ClusterAction.ScaleDeployment(checkout, 5));
        assertThat(h.cluster.executed.getLast().action()).isInstanceOfSatisfying(ClusterAction.Lift.class, lift -> {
            assertThat(lift.measure()).isEqualTo(new ClusterAction.ScaleDeployment(checkout, 3));
            assertThat(lift.why()).isEqualTo("taking back the replicas no node has room for: 2 of its pods waited unscheduled for 120 s");
        });
        assertThat(h.cluster.executed.getLast().time() - h.cluster.executed.getFirst().time()).isEqualTo(Measures.UNSCHEDULED_MILLIS);
        assertThat(h.journal.of(EngineEvent.Paged.class)).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("no node has room"));
    }

    /** A 3-replica checkout whose pod errors the rule add-capacity meets with scale-up, then page; {@code scale}: its step and ceiling. */
    private static Harness addCapacityToCheckout(String scale) {
        var h = new Harness("""
                  rules:
                    - name: add-capacity
                      match: {signals: [pod-errors]}
                      actions: [scale-up, page]
                      verifyAfter: 1m
                      scale: {%s}
                """.formatted(scale));
        h.cluster.deployment("checkout", 3);
        return h;
    }
}
