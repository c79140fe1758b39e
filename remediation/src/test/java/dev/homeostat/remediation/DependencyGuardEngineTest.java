package dev.homeostat.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.fakes.FakeCluster;
import dev.homeostat.remediation.fakes.Harness;
import dev.homeostat.remediation.guard.CallGraph;
import dev.homeostat.remediation.guard.DependencyGuard;
import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.EngineEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** checkout calls payments; payments' errors rise and so do checkout's pods': the engine must not restart checkout. */
class DependencyGuardEngineTest {
    private static final String RESTART_THEN_PAGE = """
              rules:
                - name: restart-erroring-pod
                  match: {signals: [pod-errors], targetKind: pod}
                  actions: [restart-pod, page]
                  verifyAfter: 1m
            """;

    private static Map<String, String> edge(String from, String to) {
        return Map.of("reporter", "source", "source_workload", from, "source_workload_namespace", FakeCluster.NS,
                "destination_service_name", to, "destination_service_namespace", FakeCluster.NS,
                "destination_workload", to, "response_code", "504");
    }

    private static Harness checkoutCallsPayments(String guards) {
        var h = new Harness(RESTART_THEN_PAGE + guards);
        h.cluster.deployment("checkout", 3).deployment("payments", 3);
        h.metrics.fill(CallGraph.MESH_REQUESTS, edge("checkout", "payments"), 0, 600_000, 15_000, 10);
        return h;
    }

    /** Both services alert at {@code seconds}: payments at the service level, checkout-0 on its own errors. */
    private static void bothAlertAt(Harness h, long seconds) {
        h.clock.set(seconds * 1000);
        h.metrics.add("svc_errors", Harness.service("payments"), h.clock.millis(), 0.9);
        h.sampleAndTick("pod_errors", Harness.pod("checkout-0"), 0.9);
    }

    @Test
    void callerOfAnAnomalousService_isNotRestarted_andTheVetoNamesTheCallee_thenAHumanIsPaged() {
        var h = checkoutCallsPayments("");
        for (long s = 15; s <= 90; s += 15) bothAlertAt(h, s);

        assertThat(h.cluster.executed).extracting(e -> e.action()).noneMatch(a -> a instanceof ClusterAction.RestartPod);
        assertThat(h.journal.held()).first().satisfies(e -> {
            assertThat(e.guard()).isEqualTo(DependencyGuard.NAME);
            assertThat(e.timeMillis()).isEqualTo(15_000);
            assertThat(e.detail()).startsWith("checkout calls payments, which is anomalous: acting on the symptom would not help");
        });
        // held back for the whole verifyAfter while still alerting: the chain moves on to the page, which tells
        // the human where to look first
        assertThat(h.cluster.executed).extracting(e -> e.action()).singleElement().isInstanceOfSatisfying(ClusterAction.Page.class,
                page -> assertThat(page.reason()).contains("restart-pod held back by dependency: checkout calls payments, which is anomalous"));
    }

    @Test
    void withDependencyAwareFalse_theCallerIsRestartedAsBefore() {
        var h = checkoutCallsPayments("  guards: {dependencyAware: false}\n");
        bothAlertAt(h, 15);

        assertThat(h.cluster.executed).extracting(e -> e.action()).singleElement().isInstanceOf(ClusterAction.RestartPod.class);
        assertThat(h.journal.held()).isEmpty();
    }

    @Test
    void aCalleeAnomalyOlderThanTheLookback_noLongerHoldsTheCallerBack() {
        var h = checkoutCallsPayments("");
        h.clock.set(15_000);
        h.metrics.add("svc_errors", Harness.service("payments"), 15_000, 0.9);
        h.engine.tick();
        for (long s = 30; s <= 90; s += 15) {
            h.clock.set(s * 1000);
            h.metrics.add("svc_errors", Harness.service("payments"), s * 1000, 0.1);
            h.engine.tick();
        }
        // lookback 1m: payments' anomaly at 15 s is forgotten by 90 s
        h.clock.set(90_000);
        h.sampleAndTick("pod_errors", Harness.pod("checkout-0"), 0.9);

        assertThat(h.cluster.executed).extracting(e -> e.action()).singleElement().isInstanceOf(ClusterAction.RestartPod.class);
    }
}
