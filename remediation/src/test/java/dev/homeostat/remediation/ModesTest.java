package dev.homeostat.remediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homeostat.remediation.fakes.FakeCluster;
import dev.homeostat.remediation.fakes.Harness;
import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.EngineEvent;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.policy.Mode;
import dev.homeostat.remediation.router.PendingApproval;
import org.junit.jupiter.api.Test;

/** The phased-in modes: recommend pages and applies nothing; approve waits for a human. */
class ModesTest {
    private static Target pod(String name) { return new Target(Target.Kind.POD, FakeCluster.NS, name); }

    private static Harness harness(String mode) {
        var h = new Harness("""
                  rules:
                    - name: restart-leaking-pod
                      match: {signals: [mem]}
                      actions: [restart-pod, page]
                      verifyAfter: 1m
                      mode: %s
                  guards: {cooldown: 0s}
                """.formatted(mode));
        h.cluster.deployment("checkout", 3);
        return h;
    }

    @Test
    void policyLoader_readsRecommendAndApprove_andListsEveryModeForAnUnknownOne() {
        assertThat(harness("recommend").policy.rules().getFirst().mode()).isEqualTo(Mode.RECOMMEND);
        assertThat(harness("approve").policy.rules().getFirst().mode()).isEqualTo(Mode.APPROVE);
        assertThatThrownBy(() -> harness("manual")).hasMessageContaining("unknown mode 'manual'")
                .hasMessageContaining("auto, observe, recommend, approve");
    }

    @Test
    void recommend_pagesTheRecommendation_appliesNothing_thenEscalatesWhileStillAnomalous() {
        var h = harness("recommend");
        for (long s = 15; s <= 75; s += 15) {
            h.clock.set(s * 1000);
            h.sampleAndTick("mem_ratio", Harness.pod("checkout-0"), 0.99);
        }
        assertThat(h.cluster.executed).extracting(e -> e.action()).allMatch(a -> a instanceof ClusterAction.Page).hasSize(2);
        assertThat(h.cluster.executed.getFirst().time()).isEqualTo(15_000);
        assertThat(((ClusterAction.Page) h.cluster.executed.getFirst().action()).reason())
                .contains("mode recommend").contains("recommended: restart-pod").contains("checkout-0");
        assertThat(h.journal.held()).singleElement().satisfies(e -> {
            assertThat(e.guard()).isEqualTo("mode");
            assertThat(e.detail()).startsWith("recommended: restart-pod").contains("checkout-0");
            assertThat(e.action()).isEqualTo(new ClusterAction.RestartPod(pod("checkout-0")));
        });
        // verified like after an action: still anomalous at 75 s, so the chain's page step runs
        assertThat(h.cluster.executed.get(1).time()).isEqualTo(75_000);
        assertThat(h.journal.of(EngineEvent.Paged.class)).hasSize(1);
        // escalated: it stays, silent, while its page is open
        assertThat(h.engine.incidents()).singleElement().extracting(i -> i.phase().name()).isEqualTo("ESCALATED");
    }

    @Test
    void recommend_resolvesWithoutASecondPage_whenTheAnomalyClears() {
        var h = harness("recommend");
        h.clock.set(15_000);
        h.sampleAndTick("mem_ratio", Harness.pod("checkout-0"), 0.99);
        for (long s = 30; s <= 90; s += 15) {
            h.clock.set(s * 1000);
            h.sampleAndTick("mem_ratio", Harness.pod("checkout-0"), 0.40);
        }
        assertThat(h.cluster.executed).singleElement().satisfies(e -> assertThat(e.action()).isInstanceOf(ClusterAction.Page.class));
        assertThat(h.journal.of(EngineEvent.Paged.class)).isEmpty();
        assertThat(h.engine.incidents()).isEmpty();
    }

    @Test
    void approve_listsAPendingApproval_andAppliesItOnlyAtTheTickAfterApprove() {
        var h = harness("approve");
        h.clock.set(15_000);
        h.sampleAndTick("mem_ratio", Harness.pod("checkout-0"), 0.99);
        assertThat(h.engine.pendingApprovals()).singleElement().isEqualTo(new PendingApproval("1-0", "restart-leaking-pod",
                "checkout", new ClusterAction.RestartPod(pod("checkout-0")), 15_000, 75_000));
        assertThat(h.journal.held()).singleElement()
                .satisfies(e -> assertThat(e.detail()).startsWith("awaiting approval 1-0: restart-pod").contains("checkout-0"));
        h.tickAt(30);
        assertThat(h.cluster.executed).isEmpty();
        assertThat(h.journal.held()).hasSize(1); // waiting is journaled once

        assertThat(h.engine.approve("1-0")).isTrue();
        assertThat(h.cluster.executed).isEmpty();
        h.tickAt(45);
        assertThat(h.cluster.executed).singleElement().satisfies(e -> {
            assertThat(e.time()).isEqualTo(45_000);
            assertThat(e.action()).isEqualTo(new ClusterAction.RestartPod(pod("checkout-0")));
        });
        assertThat(h.engine.pendingApprovals()).isEmpty();
        assertThat(h.engine.approve("1-0")).isFalse();
        assertThat(h.engine.reject("1-0")).isFalse();
    }

    @Test
    void approve_neverAppliesARejectedAction_andTheChainMovesOn() {
        var h = harness("approve");
        h.clock.set(15_000);
        h.sampleAndTick("mem_ratio", Harness.pod("checkout-0"), 0.99);
        assertThat(h.engine.reject("1-0")).isTrue();
        assertThat(h.engine.approve("1-0")).isFalse(); // decided once
        for (long s = 30; s <= 120; s += 15) {
            h.clock.set(s * 1000);
            h.sampleAndTick("mem_ratio", Harness.pod("checkout-0"), 0.99);
        }
        assertThat(h.cluster.executed).extracting(e -> e.action()).noneMatch(a -> a instanceof ClusterAction.RestartPod);
        assertThat(h.cluster.executed.getFirst()).satisfies(e -> {
            assertThat(e.time()).isEqualTo(30_000); // the page step, at once: no need to wait out verifyAfter
            assertThat(e.action()).isInstanceOf(ClusterAction.Page.class);
        });
        assertThat(h.journal.held()).extracting(EngineEvent.ActionTaken::detail)
                .contains("approval 1-0 rejected: restart-pod " + pod("checkout-0").ref());
    }

    @Test
    void approve_expiresAfterVerifyAfter_unanswered_andTheChainMovesOn() {
        var h = harness("approve");
        for (long s = 15; s <= 75; s += 15) {
            h.clock.set(s * 1000);
            h.sampleAndTick("mem_ratio", Harness.pod("checkout-0"), 0.99);
            if (s < 75) assertThat(h.engine.pendingApprovals()).extracting(PendingApproval::id).containsExactly("1-0");
        }
        assertThat(h.engine.pendingApprovals()).isEmpty();
        assertThat(h.engine.approve("1-0")).isFalse();
        assertThat(h.journal.held()).extracting(EngineEvent.ActionTaken::detail)
                .anySatisfy(d -> assertThat(d).startsWith("approval 1-0 expired after 60s unanswered"));
        assertThat(h.cluster.executed).singleElement().satisfies(e -> {
            assertThat(e.time()).isEqualTo(75_000);
            assertThat(e.action()).isInstanceOf(ClusterAction.Page.class); // a page needs no approval
        });
    }
}
