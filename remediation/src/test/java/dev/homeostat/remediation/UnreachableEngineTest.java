package dev.homeostat.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.fakes.FakeCluster;
import dev.homeostat.remediation.fakes.Harness;
import dev.homeostat.remediation.guard.CallGraph;
import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.Target;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * orders and users call config; their calls to it fail in the network while config's own signals stay quiet. The
 * callers' anomalies are config's incident: its pod that receives nothing is restarted, and only it; when none stands
 * out, one page for config and nothing restarted, no retries cut.
 */
class UnreachableEngineTest {
    private static final String RULES = """
              rules:
                - name: relieve-failing-dependency
                  match: {diagnoses: [dependency]}
                  actions: [limit-retries, page]
                  verifyAfter: 1m
                - name: restart-unreachable-pod
                  match: {diagnoses: [unreachable]}
                  actions: [restart-pod, page]
                  verifyAfter: 1m
                - name: restart-bad-pod
                  match: {diagnoses: [pod-local]}
                  actions: [restart-pod, page]
                  verifyAfter: 1m
                - name: page-if-it-persists
                  match: {diagnoses: [unknown]}
                  actions: [wait, page]
                  verifyAfter: 1m
            """;
    private static final long FAULT = 600_000;

    private static Map<String, String> edge(String from, String code) {
        return Map.of("reporter", "source", "source_workload", from, "source_workload_namespace", FakeCluster.NS,
                "destination_service_name", "config", "destination_service_namespace", FakeCluster.NS,
                "destination_workload", "config", "response_code", code);
    }

    /** Every 15 s up to {@code toSeconds}: the counters (a third of the callers' calls fail from the fault on), the callers' burn. */
    private static void run(Harness h, double[] configPerScrape, long toSeconds) {
        double ok = 0, failed = 0;
        double[] received = new double[3];
        for (long t = 15_000; t <= toSeconds * 1000; t += 15_000) {
            boolean fault = t >= FAULT;
            ok += fault ? 67 : 100;
            failed += fault ? 33 : 0;
            for (String caller : List.of("orders", "users")) {
                h.metrics.add(CallGraph.MESH_REQUESTS, edge(caller, "200"), t, ok);
                h.metrics.add(CallGraph.MESH_REQUESTS, edge(caller, "504"), t, failed);
                h.metrics.add("svc_errors", Harness.service(caller), t, fault ? 0.9 : 0.1);
            }
            for (int i = 0; i < 3; i++) {
                // a restarted pod's replacement is out of the partition: it receives its share again
                String pod = h.cluster.has("config-" + i) ? "config-" + i : null;
                received[i] += fault && pod != null ? configPerScrape[i] : 130;
                if (pod != null) h.metrics.add("http_requests_total", Map.of("namespace", FakeCluster.NS, "service", "config", "pod", pod, "code", "200"), t, received[i]);
            }
            h.clock.set(t);
            h.engine.tick();
        }
    }

    private static Harness cluster() {
        var h = new Harness(RULES);
        h.cluster.deployment("orders", 3).deployment("users", 3).deployment("config", 3);
        return h;
    }

    @Test
    void theConfigPodReceivingNothing_isTheOneRestarted_theCallersAreLeftAlone() {
        var h = cluster();
        run(h, new double[] {200, 200, 0}, 780);

        List<ClusterAction> actions = h.cluster.executed.stream().map(FakeCluster.Executed::action).toList();
        assertThat(actions).filteredOn(a -> a instanceof ClusterAction.RestartPod).extracting(ClusterAction::target)
                .containsExactly(new Target(Target.Kind.POD, FakeCluster.NS, "config-2"));
        assertThat(actions).noneMatch(a -> a instanceof ClusterAction.LimitRetries || a instanceof ClusterAction.ScaleDeployment);
    }

    @Test
    void noConfigPodStandingOut_pagesOnceForConfig_onceTheCallsFailedForOverAMinute_andRestartsNothing() {
        var h = cluster();
        run(h, new double[] {130, 130, 130}, 900);

        List<FakeCluster.Executed> executed = h.cluster.executed;
        // the fault's first failures were scraped at 600 s: the incident opened then waits (a node's lost pod fails calls
        // so for seconds), and pages at 660 s, when the minute before the last one holds them too
        assertThat(executed).singleElement().extracting(FakeCluster.Executed::time).isEqualTo(660_000L);
        List<ClusterAction> actions = executed.stream().map(FakeCluster.Executed::action).toList();
        assertThat(actions).singleElement().isInstanceOfSatisfying(ClusterAction.Page.class, page -> {
            assertThat(page.target()).isEqualTo(new Target(Target.Kind.SERVICE, FakeCluster.NS, "config"));
            assertThat(page.reason()).contains("calls from [default/orders, default/users] to default/config");
        });
    }
}
