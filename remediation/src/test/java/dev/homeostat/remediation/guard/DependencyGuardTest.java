package dev.homeostat.remediation.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homeostat.remediation.fakes.FakeMetrics;
import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.policy.Mode;
import dev.homeostat.remediation.port.ClusterView;
import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.remediation.port.PodInfo;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** frontend → checkout → payments in namespace shop, as Istio's sidecars count the calls. */
class DependencyGuardTest {
    private static final long NOW = 600_000;
    private static final ClusterView CLUSTER = new ClusterView() {
        @Override public List<PodInfo> pods() {
            return List.of(new PodInfo("shop", "frontend-a", "frontend", "n1", true, 0, 0),
                    new PodInfo("shop", "checkout-a", "checkout", "n1", true, 0, 0),
                    new PodInfo("shop", "payments-a", "payments", "n1", true, 0, 0),
                    new PodInfo("shop", "orphan", null, "n1", true, 0, 0));
        }

        @Override public List<DeploymentInfo> deployments() { return List.of(); }
    };

    private final FakeMetrics metrics = new FakeMetrics();
    private final DependencyGuard guard = new DependencyGuard(metrics, Duration.ofMinutes(5));

    private static Map<String, String> edge(String from, String to, String code) {
        var labels = new HashMap<String, String>();
        labels.put("reporter", "source");
        labels.put("source_workload", from);
        labels.put("source_workload_namespace", "shop");
        labels.put("destination_service_name", to);
        labels.put("destination_service_namespace", "shop");
        labels.put("destination_workload", to);
        labels.put("response_code", code);
        return labels;
    }

    private void meshOfThree() {
        metrics.add(CallGraph.MESH_REQUESTS, edge("frontend", "checkout", "200"), NOW - 30_000, 100);
        metrics.add(CallGraph.MESH_REQUESTS, edge("checkout", "payments", "200"), NOW - 30_000, 100);
        metrics.add(CallGraph.MESH_REQUESTS, edge("checkout", "payments", "504"), NOW - 15_000, 7);
    }

    private static GuardContext anomalous(String... refs) {
        return new GuardContext(NOW, "r", Mode.AUTO, CLUSTER, false, new TreeSet<>(Set.of(refs)));
    }

    private static Target pod(String name) { return new Target(Target.Kind.POD, "shop", name); }

    private static Target deployment(String name) { return new Target(Target.Kind.DEPLOYMENT, "shop", name); }

    @Test
    void restartOfACaller_isVetoed_whileTheServiceItCallsIsAnomalous_namingTheCallee() {
        meshOfThree();

        assertThat(guard.veto(new ClusterAction.RestartPod(pod("checkout-a")), anomalous("service/shop/payments", "service/shop/checkout")))
                .hasValueSatisfying(r -> assertThat(r)
                        .startsWith("checkout calls payments, which is anomalous: acting on the symptom would not help")
                        .contains("restart-pod waits").contains("dependencyAware: false"));
    }

    @Test
    void aTransitiveCallee_isNamedWithThePathToIt() {
        meshOfThree();

        assertThat(guard.veto(new ClusterAction.RestartPod(pod("frontend-a")), anomalous("deployment/shop/payments")))
                .hasValueSatisfying(r -> assertThat(r).startsWith("frontend calls payments (via checkout), which is anomalous"));
        // the nearest anomalous callee is the one named
        assertThat(guard.veto(new ClusterAction.RestartPod(pod("frontend-a")), anomalous("service/shop/payments", "service/shop/checkout")))
                .hasValueSatisfying(r -> assertThat(r).startsWith("frontend calls checkout, which is anomalous"));
    }

    @Test
    void rollbackScaleIsolateAndCircuitBreak_areHeldBackLikeARestart() {
        meshOfThree();
        GuardContext paymentsDown = anomalous("service/shop/payments");

        assertThat(guard.veto(new ClusterAction.RollbackDeployment(deployment("checkout")), paymentsDown)).isPresent();
        assertThat(guard.veto(new ClusterAction.ScaleDeployment(deployment("checkout"), 5), paymentsDown)).isPresent();
        assertThat(guard.veto(new ClusterAction.IsolatePod(pod("checkout-a")), paymentsDown)).isPresent();
        assertThat(guard.veto(new ClusterAction.CircuitBreak(new Target(Target.Kind.SERVICE, "shop", "checkout")), paymentsDown))
                .hasValueSatisfying(r -> assertThat(r).startsWith("checkout calls payments"));
    }

    @Test
    void aScaleUpOfACallerWaitingOnItsDependency_isNotHeldBack_butTheSameRuleMatchingASymptomToo_is() {
        meshOfThree();
        var paymentsDown = new TreeSet<>(Set.of("service/shop/payments"));
        var scale = new ClusterAction.ScaleDeployment(deployment("checkout"), 5);

        assertThat(guard.veto(scale, new GuardContext(NOW, "r", Mode.AUTO, CLUSTER, false, paymentsDown, List.of("waiting")))).isEmpty();
        assertThat(guard.veto(scale, new GuardContext(NOW, "r", Mode.AUTO, CLUSTER, false, paymentsDown, List.of("waiting", "saturation"))))
                .isPresent();
    }

    @Test
    void theAnomalousServiceItself_pagesAndNodeActions_areNeverHeldBack() {
        meshOfThree();
        GuardContext paymentsDown = anomalous("service/shop/payments", "deployment/shop/payments");

        assertThat(guard.veto(new ClusterAction.RestartPod(pod("payments-a")), paymentsDown)).isEmpty();
        assertThat(guard.veto(new ClusterAction.Page(pod("checkout-a"), "x"), paymentsDown)).isEmpty();
        assertThat(guard.veto(new ClusterAction.DrainNode(new Target(Target.Kind.NODE, null, "n1")), paymentsDown)).isEmpty();
        assertThat(guard.veto(new ClusterAction.CordonNode(new Target(Target.Kind.NODE, null, "n1")), paymentsDown)).isEmpty();
        assertThat(guard.veto(new ClusterAction.RestartPod(pod("orphan")), paymentsDown)).isEmpty();
    }

    @Test
    void healthyCallees_orOnlyTheCallerItselfAnomalous_allowTheAction() {
        meshOfThree();

        assertThat(guard.veto(new ClusterAction.RestartPod(pod("checkout-a")), anomalous("service/shop/checkout", "deployment/shop/checkout"))).isEmpty();
        assertThat(guard.veto(new ClusterAction.RestartPod(pod("checkout-a")), anomalous("service/shop/frontend"))).isEmpty();
    }

    @Test
    void withoutTheMeshMetric_thereAreNoEdges_andTheGuardNeverVetoes() {
        assertThat(guard.veto(new ClusterAction.RestartPod(pod("checkout-a")), anomalous("service/shop/payments"))).isEmpty();
    }

    @Test
    void edgesOlderThanTheLookback_andDestinationReportedSeries_areNotEdges() {
        metrics.add(CallGraph.MESH_REQUESTS, edge("checkout", "payments", "200"), NOW - 360_000, 100); // 6 min ago
        var fromDestination = new HashMap<>(edge("checkout", "payments", "200"));
        fromDestination.put("reporter", "destination");
        metrics.add(CallGraph.MESH_REQUESTS, fromDestination, NOW - 15_000, 100);

        assertThat(guard.veto(new ClusterAction.RestartPod(pod("checkout-a")), anomalous("service/shop/payments"))).isEmpty();
    }

    @Test
    void theMeshIsAskedOncePerEvaluation_andNotAtAllWhileNothingIsAnomalous() {
        meshOfThree();
        GuardContext quiet = anomalous();
        guard.veto(new ClusterAction.RestartPod(pod("checkout-a")), quiet);
        assertThat(metrics.queries).isEmpty();

        GuardContext paymentsDown = anomalous("service/shop/payments");
        guard.veto(new ClusterAction.RestartPod(pod("checkout-a")), paymentsDown);
        guard.veto(new ClusterAction.RestartPod(pod("frontend-a")), paymentsDown);
        assertThat(metrics.queries).extracting(q -> q[0], q -> q[1])
                .containsExactly(org.assertj.core.groups.Tuple.tuple(NOW - 300_000, NOW));
    }

    @Test
    void callGraph_readsIstioLabels_withDefaultNamespaceAndUnknownWorkloadsSkipped() {
        var graph = CallGraph.fromMesh(List.of(
                new dev.homeostat.remediation.port.MetricSeries(Map.of("source_workload", "web", "destination_service_name", "db",
                        "destination_workload", "unknown"), new long[] {1}, new double[] {1}),
                new dev.homeostat.remediation.port.MetricSeries(Map.of("source_workload", "web"), new long[] {1}, new double[] {1})));

        assertThat(graph.callees("default/web")).containsExactly("default/db");
        assertThat(graph.workloadsBehind("default/db")).isEmpty();
    }

    @Test
    void lookback_mustBePositive() {
        assertThatThrownBy(() -> new DependencyGuard(metrics, Duration.ZERO)).hasMessageContaining("lookback");
    }
}
