package dev.homeostat.testbed.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homeostat.detectors.DetectorSpec;
import dev.homeostat.remediation.policy.PolicyLoader;
import dev.homeostat.remediation.policy.Rule;
import dev.homeostat.remediation.policy.Signal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectorOverrideTest {
    @Test
    void parse_splitsDetectors_keepingTheirOwnCommaParameters() {
        assertThat(DetectorOverride.parse(List.of("mad:window=40,k=6,ewma", "isolation-forest:train=40")))
                .containsExactly(DetectorSpec.parse("mad:window=40,k=6"), DetectorSpec.parse("ewma"), DetectorSpec.parse("isolation-forest:train=40"));
    }

    @Test
    void parse_refusesUnknownDetectors_thresholds_andDuplicates() {
        assertThatThrownBy(() -> DetectorOverride.parse(List.of("mad,madd")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--detectors: unknown detector 'madd'; known detectors:");
        assertThatThrownBy(() -> DetectorOverride.parse(List.of("mad:window=0")))
                .hasMessageStartingWith("--detectors:");
        assertThatThrownBy(() -> DetectorOverride.parse(List.of("threshold:above=1")))
                .hasMessageContaining("threshold detectors are never replaced");
        assertThatThrownBy(() -> DetectorOverride.parse(List.of("ewma", "ewma")))
                .hasMessageContaining("given twice");
        assertThatThrownBy(() -> DetectorOverride.parse(List.of("k=3")))
                .hasMessageContaining("a parameter without a detector");
    }

    @Test
    void apply_replacesEveryNonThresholdDetector_andRewritesRulesThatNameIt() {
        var policy = PolicyLoader.parse("""
                apiVersion: homeostat.dev/v1alpha1
                kind: RemediationPolicy
                metadata: {name: p}
                spec:
                  signals:
                    - {name: mem, metric: m1, target: pod, detector: "threshold:above=0.75"}
                    - {name: err, metric: m2, target: pod, detector: "mad:window=40"}
                  rules:
                    - {name: r, match: {signals: [err], detector: mad}, actions: [restart-pod]}
                    - {name: t, match: {signals: [mem], detector: threshold}, actions: [restart-pod]}
                """, "p.yaml");
        var ewma = DetectorSpec.parse("ewma:k=3");
        var overridden = DetectorOverride.apply(policy, ewma);
        assertThat(overridden.signals()).extracting(Signal::detector)
                .containsExactly(DetectorSpec.parse("threshold:above=0.75"), ewma);
        assertThat(overridden.rules()).extracting(Rule::name, r -> r.match().detector())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("r", "ewma"), org.assertj.core.groups.Tuple.tuple("t", "threshold"));
        assertThat(overridden.name()).isEqualTo("p");
    }

    @Test
    void grid_isPoliciesOuter_detectorsInner_andRefusesTwoPoliciesWithOneName() {
        var grid = BenchConfig.grid(List.of(Path.of("a/default.yaml"), Path.of("b/eager.yaml")),
                List.of(DetectorSpec.parse("mad"), DetectorSpec.parse("ewma")));
        assertThat(grid).extracting(BenchConfig::name)
                .containsExactly("default / mad", "default / ewma", "eager / mad", "eager / ewma");
        assertThat(BenchConfig.grid(List.of(), List.of())).extracting(BenchConfig::name).containsExactly("scenario-policy / as-written");
        assertThatThrownBy(() -> BenchConfig.grid(List.of(Path.of("a/p.yaml"), Path.of("b/p.yaml")), List.of()))
                .hasMessageStartingWith("--policies: two policy files are named p.yaml");
    }
}
