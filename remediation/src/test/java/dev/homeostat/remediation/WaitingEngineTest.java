package dev.homeostat.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.diagnosis.Diagnoser;
import dev.homeostat.remediation.fakes.FakeCluster;
import dev.homeostat.remediation.fakes.Harness;
import dev.homeostat.remediation.guard.CallGraph;
import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.Target;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * gateway calls db; from the fault on db answers four times slower (not busy: its CPU low), both burn, and gateway's
 * pods hold requests ten times as long. gateway's workers are what holds it back: its Deployment grows, past the dependency
 * guard, while db's own incident cuts the retries toward it and pages. The incident of the waiting caller never pages
 * itself, not even when its chain ends with gateway still burning (the step did not help here: it is not repeated):
 * its page is db's.
 */
class WaitingEngineTest {
    private static final String RULES = """
              rules:
                - name: relieve-failing-dependency
                  match: {diagnoses: [dependency]}
                  actions: [limit-retries, page]
                  verifyAfter: 1m
                - name: add-workers-for-slow-dependency
                  match: {diagnoses: [waiting]}
                  actions: [scale-up]
                  verifyAfter: 1m
                  scale: {by: 1, maxFactor: 2}
            """;
    private static final long FAULT = 600_000;

    @Test
    void theWaitingCallerGrows_theDependencysIncidentPages_andNoPageNamesTheCaller() {
        var h = new Harness(RULES);
        h.cluster.deployment("gateway", 3).deployment("db", 3);
        for (long t = 15_000; t <= 1_500_000; t += 15_000) {
            boolean fault = t >= FAULT;
            h.metrics.add(CallGraph.MESH_REQUESTS, Map.of("reporter", "source", "source_workload", "gateway", "source_workload_namespace",
                    FakeCluster.NS, "destination_service_name", "db", "destination_service_namespace", FakeCluster.NS,
                    "destination_workload", "db", "response_code", "200"), t, t / 15_000 * 100.0);
            h.metrics.add("svc_errors", Harness.service("gateway"), t, fault ? 0.9 : 0.1);
            h.metrics.add("svc_errors", Harness.service("db"), t, fault ? 0.9 : 0.1);
            for (int i = 0; i < 3; i++) {
                h.metrics.add("pod:http_request_duration_seconds:mean_rate1m", Harness.pod("gateway-" + i), t, fault ? 0.2 : 0.02);
                h.metrics.add(Diagnoser.BUSY, Harness.pod("db-" + i), t, 0.3);
                h.metrics.add("pod:http_request_duration_seconds:mean_rate1m", Harness.pod("db-" + i), t, fault ? 0.02 : 0.005);
            }
            h.clock.set(t);
            h.engine.tick();
        }

        List<ClusterAction> actions = h.cluster.executed.stream().map(FakeCluster.Executed::action).toList();
        var gateway = new Target(Target.Kind.DEPLOYMENT, FakeCluster.NS, "gateway");
        assertThat(actions).filteredOn(a -> a instanceof ClusterAction.ScaleDeployment).extracting(ClusterAction::target)
                .isNotEmpty().containsOnly(gateway);
        assertThat(actions).filteredOn(a -> a instanceof ClusterAction.ScaleDeployment).extracting(a -> ((ClusterAction.ScaleDeployment) a).replicas())
                .as("one step: the burn did not fall after it, so it is not repeated").containsExactly(4);
        assertThat(actions).anyMatch(a -> a instanceof ClusterAction.LimitRetries l && l.target().name().equals("db"));
        assertThat(actions).filteredOn(a -> a instanceof ClusterAction.Page).singleElement()
                .satisfies(page -> assertThat(page.target()).isEqualTo(new Target(Target.Kind.SERVICE, FakeCluster.NS, "db")));
    }
}
