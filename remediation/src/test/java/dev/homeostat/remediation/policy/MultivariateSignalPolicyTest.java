package dev.homeostat.remediation.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code metrics: [a, b]} beside {@code metric: a}, and PromQL-style selectors. */
class MultivariateSignalPolicyTest {
    private static final String HEAD = """
            apiVersion: homeostat.dev/v1alpha1
            kind: RemediationPolicy
            metadata: {name: t}
            spec:
              signals:
            """;

    private static Policy parse(String signal) { return PolicyLoader.parse(HEAD + signal, "p.yaml", s -> { }); }

    @Test
    void metricsList_isAMultivariateSignal_inTheOrderGiven() {
        Signal s = parse("""
                    - name: lifecycle
                      metrics: [kube_pod_container_status_restarts_total, kube_pod_status_ready, 'w{reason="CrashLoopBackOff"}']
                      target: pod
                      detector: lifecycle
                """).signals().getFirst();
        assertThat(s.multivariate()).isTrue();
        assertThat(s.metric()).isEqualTo("kube_pod_container_status_restarts_total");
        assertThat(s.metrics()).containsExactly("kube_pod_container_status_restarts_total", "kube_pod_status_ready", "w{reason=\"CrashLoopBackOff\"}");
        assertThat(s.selectors().get(2)).isEqualTo(new MetricSelector("w", Map.of("reason", "CrashLoopBackOff")));
    }

    @Test
    void singleMetric_staysUnivariate_andTheOldConstructorStillWorks() {
        Signal s = parse("    - {name: m, metric: x, target: pod, detector: mad}\n").signals().getFirst();
        assertThat(s.multivariate()).isFalse();
        assertThat(s.metrics()).containsExactly("x");
        assertThat(s).isEqualTo(new Signal("m", "x", s.target(), s.detector()));
    }

    @Test
    void bothOrNeither_orAnEmptyList_areRejectedNamingTheField() {
        assertThatThrownBy(() -> parse("    - {name: m, metric: x, metrics: [x, y], target: pod, detector: mad}\n"))
                .isInstanceOf(PolicyException.class)
                .hasMessage("p.yaml:6: spec.signals[0]: give either 'metric' (one metric) or 'metrics' (a list, joined per target into a vector), not both");
        assertThatThrownBy(() -> parse("    - {name: m, target: pod, detector: mad}\n"))
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith("p.yaml:6: spec.signals[0].metric: required (or 'metrics: [a, b]' for a multivariate signal)");
        assertThatThrownBy(() -> parse("    - {name: m, metrics: [], target: pod, detector: mad}\n"))
                .isInstanceOf(PolicyException.class).hasMessage("p.yaml:6: spec.signals[0].metrics: must not be empty");
    }

    @Test
    void badSelector_namesTheEntryAndShowsTheSyntax() {
        assertThatThrownBy(() -> parse("    - {name: m, metrics: [x, 'y{reason=OOMKilled}'], target: pod, detector: mad}\n"))
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith("p.yaml:6: spec.signals[0].metrics[1]: bad metric selector 'y{reason=OOMKilled}': "
                        + "'reason=OOMKilled' is not label=\"value\"")
                .hasMessageContaining("e.g. kube_pod_container_status_waiting_reason{reason=\"CrashLoopBackOff\"}");
    }

    @Test
    void selector_parsesMatchesAndPrints() {
        MetricSelector s = MetricSelector.parse(" m{ reason = \"OOMKilled\", container=\"app\" } ");
        assertThat(s.name()).isEqualTo("m");
        assertThat(s.labels()).containsExactly(Map.entry("container", "app"), Map.entry("reason", "OOMKilled"));
        assertThat(s.matches(Map.of("reason", "OOMKilled", "container", "app", "pod", "p"))).isTrue();
        assertThat(s.matches(Map.of("reason", "Error", "container", "app"))).isFalse();
        assertThat(s.matches(Map.of("container", "app"))).isFalse();
        assertThat(s).hasToString("m{container=\"app\",reason=\"OOMKilled\"}");
        assertThat(MetricSelector.parse("m{}").labels()).isEmpty();
        assertThat(MetricSelector.parse("pod:x:ratio").labels()).isEmpty();
        for (String bad : List.of("m{a=\"1\"", "m{a=\"1\",a=\"2\"}", "m{a!=\"1\"}", "{a=\"1\"}", "1m{a=\"1\"}")) {
            assertThatThrownBy(() -> MetricSelector.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("bad metric selector '" + bad + "'");
        }
    }

    @Test
    void lifecyclePolicyFile_loadsWithTheRealDetectorRegistry() {
        Policy p = PolicyLoader.load(Path.of("policies/lifecycle.yaml"));
        assertThat(p.signals()).anySatisfy(s -> {
            assertThat(s.multivariate()).isTrue();
            assertThat(s.detector().name()).isEqualTo("lifecycle");
        });
    }
}
