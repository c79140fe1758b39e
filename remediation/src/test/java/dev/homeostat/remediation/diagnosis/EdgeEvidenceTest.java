package dev.homeostat.remediation.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.fakes.FakeMetrics;
import dev.homeostat.remediation.guard.CallGraph;
import dev.homeostat.remediation.guard.MeshGraph;
import dev.homeostat.remediation.model.Anomaly;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.port.ClusterView;
import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.remediation.port.MetricSeries;
import dev.homeostat.remediation.port.PodInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Calls that fail on the network between services: orders and users (3 pods each) call config (3 pods), whose own
 * signals stay quiet; the mesh's counters of the callers' calls are the evidence.
 */
class EdgeEvidenceTest {
    private static final String NS = "default";
    private static final long NOW = 3_600_000;
    private static final long ONSET = NOW - 120_000;
    private static final long STEP = 15_000;

    private final FakeMetrics metrics = new FakeMetrics();

    private final ClusterView cluster = new ClusterView() {
        @Override public List<PodInfo> pods() {
            List<PodInfo> pods = new ArrayList<>();
            for (String d : List.of("orders", "users", "config"))
                for (int i = 0; i < 3; i++) pods.add(new PodInfo(NS, d + "-" + i, d, "node-" + i, true, 0, 0));
            return pods;
        }

        @Override public List<DeploymentInfo> deployments() {
            return List.of(new DeploymentInfo(NS, "orders", 3, 3), new DeploymentInfo(NS, "users", 3, 3), new DeploymentInfo(NS, "config", 3, 3));
        }
    };

    private Diagnoser diagnoser() {
        return new Diagnoser(cluster, metrics, new MeshGraph(metrics, Duration.ofMinutes(5)), Duration.ofMinutes(15), Duration.ofMinutes(5), 0.85);
    }

    /** A counter rising by {@code before} per scrape until the onset, by {@code after} from then on. */
    private void counter(String metric, Map<String, String> labels, double before, double after) {
        double v = 0;
        for (long t = NOW - 600_000; t <= NOW; t += STEP) {
            v += t < ONSET ? before : after;
            metrics.add(metric, labels, t, v);
        }
    }

    private static Map<String, String> edge(String from, String to, String code) {
        return Map.of("reporter", "source", "source_workload", from, "source_workload_namespace", NS, "destination_service_name", to,
                "destination_service_namespace", NS, "destination_workload", to, "response_code", code);
    }

    /** {@code caller} calls config 100 times a scrape; from the onset {@code failing} of them time out (504). */
    private void calls(String caller, double failing) {
        counter(CallGraph.MESH_REQUESTS, edge(caller, "config", "200"), 100, 100 - failing);
        if (failing > 0) counter(CallGraph.MESH_REQUESTS, edge(caller, "config", "504"), 0, failing);
    }

    /** config-i receives {@code perScrape[i]} requests a scrape from the onset (100 before). */
    private void configReceives(double... perScrape) {
        for (int i = 0; i < perScrape.length; i++)
            counter(EdgeEvidence.REQUESTS, Map.of("namespace", NS, "service", "config", "pod", "config-" + i, "code", "200"), 100, perScrape[i]);
    }

    private static Anomaly burn(String service) {
        return new Anomaly(NOW, "slo-burn", "threshold", new Target(Target.Kind.SERVICE, NS, service), service, 2, "burning");
    }

    private Map<Anomaly, Diagnosis> diagnose(Anomaly... anomalies) {
        Diagnoser d = diagnoser();
        d.diagnose(ONSET, List.of(burn("orders")));
        return d.diagnose(NOW, List.of(anomalies));
    }

    @Test
    void edgeCalls_countTheLastMinutesIncrease_andItsFailures() {
        calls("orders", 20);
        CallGraph graph = CallGraph.fromMesh(metrics.range(CallGraph.MESH_REQUESTS, NOW - 300_000, NOW), NOW);

        // four scrapes after the minute's start: 400 calls, 80 of them failed; the minute before (from the onset) alike
        assertThat(graph.edge(NS + "/orders", NS + "/config")).isEqualTo(new CallGraph.EdgeCalls(400, 80, 400, 80));
        assertThat(graph.edge(NS + "/users", NS + "/config").calls()).isZero();
    }

    @Test
    void edgeCalls_countAResetAsTheNewValue_andASeriesBornWithinTheMinuteFromZero() {
        var reset = new MetricSeries(edge("orders", "config", "200"), new long[] {NOW - 90_000, NOW - 60_000, NOW - 30_000, NOW},
                new double[] {1000, 1100, 50, 150});
        var born = new MetricSeries(edge("orders", "config", "503"), new long[] {NOW - 30_000, NOW}, new double[] {10, 30});
        CallGraph graph = CallGraph.fromMesh(List.of(reset, born), NOW);

        assertThat(graph.edge(NS + "/orders", NS + "/config")).extracting(CallGraph.EdgeCalls::calls, CallGraph.EdgeCalls::failed)
                .containsExactly(50.0 + 100 + 30, 30.0);
    }

    @Test
    void callersFailingTowardAQuietCallee_areItsUnreachableIncident_andItsStarvedPodIsNamed() {
        calls("orders", 33);
        calls("users", 33);
        configReceives(150, 150, 0);
        Anomaly orders = burn("orders"), users = burn("users");
        Map<Anomaly, Diagnosis> diagnoses = diagnose(orders, users);

        assertThat(diagnoses.get(orders)).isInstanceOfSatisfying(Diagnosis.Unreachable.class, u -> {
            assertThat(u.subject()).isEqualTo(new Target(Target.Kind.SERVICE, NS, "config"));
            assertThat(u.service()).isEqualTo(NS + "/config");
            assertThat(u.callers()).containsExactly(NS + "/orders", NS + "/users");
            assertThat(u.starved()).extracting(Target::name).containsExactly("config-2");
            assertThat(u.lasting()).as("failing since the onset, two minutes ago").isTrue();
            assertThat(u.evidence()).anySatisfy(e -> assertThat(e).isEqualTo("calls from default/orders to default/config failed in the last minute: 33 % of 400"))
                    .anySatisfy(e -> assertThat(e).contains("config-2 receives 0.00 req/s, its peers' median 10.00").contains("cut off"));
        });
        assertThat(diagnoses.get(users)).isInstanceOfSatisfying(Diagnosis.Unreachable.class,
                u -> assertThat(u.starved()).extracting(Target::name).containsExactly("config-2"));
    }

    @Test
    void everyPodReceivingAlike_namesNoStarvedPod_theEdgeIsTheFault() {
        calls("orders", 30);
        configReceives(70, 70, 70);

        assertThat(diagnose(burn("orders")).values()).singleElement().isInstanceOfSatisfying(Diagnosis.Unreachable.class, u -> {
            assertThat(u.starved()).isEmpty();
            assertThat(u.summary()).contains("calls from [default/orders] to service/default/config fail in the network");
            assertThat(u.evidence()).anySatisfy(e -> assertThat(e).contains("no pod of it receives markedly less traffic"));
        });
    }

    @Test
    void aCalleeWhosePodsFailThemselves_isNotUnreachable() {
        calls("orders", 30);
        configReceives(100, 100, 100);
        for (int i = 0; i < 3; i++) metrics.fill(PeerShift.ERRORS, Map.of("namespace", NS, "service", "config", "pod", "config-" + i), ONSET, NOW, STEP, 0.3);

        Diagnosis orders = diagnose(burn("orders")).values().iterator().next();
        assertThat(orders).isNotInstanceOf(Diagnosis.Unreachable.class);
        assertThat(orders.evidence()).anySatisfy(e -> assertThat(e).contains("but its own pods fail too (median error ratio 0.30)"));
    }

    @Test
    void aCalleeAnomalousItself_keepsTheSymptomAndDependencyPath() {
        calls("orders", 30);
        configReceives(100, 100, 100);
        Anomaly orders = burn("orders"), config = burn("config");
        Map<Anomaly, Diagnosis> diagnoses = diagnose(orders, config);

        assertThat(diagnoses.get(orders)).isInstanceOfSatisfying(Diagnosis.Symptom.class, s -> assertThat(s.dependency()).isEqualTo(NS + "/config"));
        assertThat(diagnoses.get(config)).isInstanceOfSatisfying(Diagnosis.Dependency.class, d -> assertThat(d.callers()).containsExactly(NS + "/orders"));
    }

    @Test
    void oneCallerPodFailingItsCalls_whileItsPeersCallFine_staysPodLocal() {
        // orders-0's own network broke: a third of orders' calls to config fail, users' all succeed
        calls("orders", 33);
        calls("users", 0);
        configReceives(130, 130, 130);
        var pod = new Anomaly(NOW, "pod-errors", "threshold", new Target(Target.Kind.POD, NS, "orders-0"), "orders", 0.9, "value 1.0");

        assertThat(diagnose(burn("orders"), pod).get(pod)).isInstanceOfSatisfying(Diagnosis.PodLocal.class,
                p -> assertThat(p.pods()).extracting(Target::name).containsExactly("orders-0"));
    }

    @Test
    void fewCalls_sayNothing() {
        counter(CallGraph.MESH_REQUESTS, edge("orders", "config", "200"), 3, 3);
        counter(CallGraph.MESH_REQUESTS, edge("orders", "config", "504"), 0, 1);
        configReceives(100, 100, 0);

        assertThat(diagnose(burn("orders")).values()).singleElement().isNotInstanceOf(Diagnosis.Unreachable.class);
    }
}
