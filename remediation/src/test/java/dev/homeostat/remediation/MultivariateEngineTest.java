package dev.homeostat.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.detectors.Verdict;
import dev.homeostat.remediation.fakes.FakeCluster;
import dev.homeostat.remediation.fakes.FakeMetrics;
import dev.homeostat.remediation.fakes.ManualClock;
import dev.homeostat.remediation.fakes.Recorder;
import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.EngineEvent;
import dev.homeostat.remediation.policy.Policy;
import dev.homeostat.remediation.policy.PolicyLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Signals over several metrics: the join per target and sample time, the staleness rule, selectors. */
class MultivariateEngineTest {
    private static final String POLICY = """
            apiVersion: homeostat.dev/v1alpha1
            kind: RemediationPolicy
            metadata: {name: multi}
            spec:
              lookback: 1m
              signals:
                - {name: joined, metrics: [a, b, 'c{kind="x"}'], target: pod, detector: "rec"}
            """;

    private final ManualClock clock = new ManualClock(0);
    private final FakeMetrics metrics = new FakeMetrics();
    private final FakeCluster cluster = new FakeCluster(clock);
    private final Recorder journal = new Recorder();
    /** Rows each detector saw, by the order detectors were made. */
    private final Map<Integer, List<String>> rows = new TreeMap<>();

    private Engine engine(String yaml, DetectorFactory detectors) {
        Policy policy = PolicyLoader.parse(yaml, "t.yaml", s -> { });
        return new Engine(policy, metrics, cluster, cluster, clock, journal, 1, detectors);
    }

    private Engine recording() {
        return engine(POLICY, (spec, seed) -> {
            var seen = new ArrayList<String>();
            rows.put(rows.size(), seen);
            return (t, v) -> {
                seen.add(t / 1000 + "s " + Arrays.toString(v));
                return Verdict.normal(0, 1);
            };
        });
    }

    private static Map<String, String> pod(String name) { return Map.of("namespace", "default", "pod", name); }

    private static Map<String, String> pod(String name, String kind) { return Map.of("namespace", "default", "pod", name, "kind", kind); }

    @Test
    void eachSampleOfTheFirstMetric_getsTheOthersLatestValue_orNaNWhenStale() {
        cluster.deployment("p", 1);
        metrics.add("a", pod("p-0"), 15_000, 1).add("a", pod("p-0"), 30_000, 2).add("a", pod("p-0"), 45_000, 3);
        metrics.add("b", pod("p-0"), 15_000, 10).add("b", pod("p-0"), 45_000, 30);
        metrics.add("c", pod("p-0", "x"), 10_000, 100);
        Engine e = recording();
        clock.set(45_000);
        e.tick();
        // b has no sample at 30 s newer than the 15 s row: stale, NaN; c's only sample (10 s) counts once
        assertThat(rows.get(0)).containsExactly("15s [1.0, 10.0, 100.0]", "30s [2.0, NaN, NaN]", "45s [3.0, 30.0, NaN]");
    }

    @Test
    void join_isPerTargetAndNamespace_andSelectorsPickTheirSeries() {
        cluster.deployment("p", 2);
        metrics.add("a", pod("p-0"), 15_000, 1).add("a", pod("p-1"), 15_000, 2);
        metrics.add("b", pod("p-1"), 15_000, 20).add("b", Map.of("namespace", "other", "pod", "p-0"), 15_000, 99);
        metrics.add("c", pod("p-0", "x"), 15_000, 100).add("c", pod("p-0", "y"), 15_000, 999).add("c", pod("p-1", "y"), 15_000, 999);
        Engine e = recording();
        clock.set(15_000);
        e.tick();
        assertThat(rows.values()).containsExactly(List.of("15s [1.0, NaN, 100.0]"), List.of("15s [2.0, 20.0, NaN]"));
    }

    @Test
    void severalSeriesOfOneTarget_areMergedByTheirMaximum() {
        cluster.deployment("p", 1);
        metrics.add("a", pod("p-0"), 15_000, 1);
        metrics.add("b", Map.of("namespace", "default", "pod", "p-0", "container", "app"), 15_000, 2)
                .add("b", Map.of("namespace", "default", "pod", "p-0", "container", "sidecar"), 15_000, 5);
        Engine e = recording();
        clock.set(15_000);
        e.tick();
        assertThat(rows.get(0)).containsExactly("15s [1.0, 5.0, NaN]");
    }

    @Test
    void latestValuesCarryOverTicks_evenWhenTheyFellBeforeTheNextQueryWindow() {
        cluster.deployment("p", 1);
        metrics.add("a", pod("p-0"), 15_000, 1).add("a", pod("p-0"), 45_000, 2);
        metrics.add("b", pod("p-0"), 25_000, 7);
        Engine e = recording();
        clock.set(30_000);
        e.tick();                      // a@15 s; b@25 s comes after it and is kept
        clock.set(45_000);
        e.tick();                      // reads from 30 s: b@25 s is not in the window, but it is newer than a@15 s
        assertThat(rows.get(0)).containsExactly("15s [1.0, NaN, NaN]", "45s [2.0, 7.0, NaN]");
    }

    @Test
    void restartBurst_onTheLifecycleSignal_pagesWithTheStateAndEvidence() {
        String yaml = """
                apiVersion: homeostat.dev/v1alpha1
                kind: RemediationPolicy
                metadata: {name: lifecycle}
                spec:
                  lookback: 2m
                  signals:
                    - name: pod-lifecycle
                      metrics: [kube_pod_container_status_restarts_total, kube_pod_status_ready,
                                'kube_pod_container_status_last_terminated_reason{reason="OOMKilled"}',
                                'kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff"}']
                      target: pod
                      detector: lifecycle:burst=3,window=8
                  rules:
                    - {name: page-on-restart-burst, match: {signals: [pod-lifecycle]}, actions: [page]}
                """;
        cluster.deployment("p", 1);
        Map<String, String> labels = Map.of("namespace", "default", "pod", "p-0", "container", "app");
        double[] restarts = {0, 0, 1, 1, 2, 2, 3, 3};
        for (int i = 0; i < restarts.length; i++) {
            long t = (i + 1) * 15_000L;
            metrics.add("kube_pod_container_status_restarts_total", labels, t, restarts[i]);
            metrics.add("kube_pod_status_ready", Map.of("namespace", "default", "pod", "p-0", "condition", "true"), t, 1);
            if (restarts[i] > 0) metrics.add("kube_pod_container_status_last_terminated_reason", Map.of("namespace", "default",
                    "pod", "p-0", "container", "app", "reason", "Error"), t, 1);
        }
        Engine e = engine(yaml, DetectorFactory.registry());
        clock.set(120_000);
        e.tick();
        assertThat(journal.of(EngineEvent.AnomalyRaised.class)).singleElement().satisfies(a -> {
            assertThat(a.anomaly().timeMillis()).isEqualTo(120_000);
            assertThat(a.anomaly().detector()).isEqualTo("lifecycle");
            assertThat(a.anomaly().explanation()).startsWith("RestartBurst: 3 restarts in the last 8 observations");
        });
        assertThat(cluster.executed).extracting(FakeCluster.Executed::action).singleElement().isInstanceOf(ClusterAction.Page.class);
    }
}
