package dev.homeostat.remediation.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homeostat.remediation.Engine;
import dev.homeostat.remediation.guard.DependencyGuard;
import dev.homeostat.remediation.guard.Guard;
import dev.homeostat.remediation.port.MetricsSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DependencyAwarePolicyTest {
    private static final String HEAD = """
            apiVersion: homeostat.dev/v1alpha1
            kind: RemediationPolicy
            metadata: {name: t}
            spec:
              signals:
                - {name: mem, metric: m, target: pod, detector: "threshold:above=0.9"}
            """;

    private static Policy parse(String guards) {
        return PolicyLoader.parse(HEAD + guards, "p.yaml", s -> { });
    }

    private static final MetricsSource NO_METRICS = (metric, from, to) -> List.of();

    @Test
    void dependencyGuard_isOnByDefault_andComesAfterCooldown() {
        Policy p = parse("");
        assertThat(p.guards().dependencyAware()).isTrue();
        assertThat(Engine.defaultGuards(p.guards(), NO_METRICS, Duration.ofMinutes(5))).extracting(Guard::name)
                .containsExactly("mode", "cooldown", DependencyGuard.NAME, "rollback", "room", "blast-radius", "pdb", "rollout", "rate-limit");
    }

    @Test
    void dependencyAwareFalse_leavesTheGuardOut() {
        Policy p = parse("  guards: {dependencyAware: false}\n");
        assertThat(p.guards().dependencyAware()).isFalse();
        assertThat(p.guards().cooldown()).isEqualTo(Defaults.COOLDOWN);
        assertThat(Engine.defaultGuards(p.guards(), NO_METRICS, Duration.ofMinutes(5))).extracting(Guard::name)
                .doesNotContain(DependencyGuard.NAME);
    }

    @Test
    void aValueThatIsNotABoolean_isRefusedNamingTheFieldAndTheFix() {
        assertThatThrownBy(() -> parse("  guards: {dependencyAware: \"no\"}\n"))
                .hasMessageContaining("p.yaml").hasMessageContaining("spec.guards.dependencyAware")
                .hasMessageContaining("must be true or false").hasMessageContaining("was 'no'");
    }

    @Test
    void theShippedPolicies_keepTheGuardOn() {
        for (String name : List.of("default.yaml", "lifecycle.yaml", "rollout.yaml")) {
            assertThat(PolicyLoader.load(Path.of("policies", name)).guards().dependencyAware()).as(name).isTrue();
        }
    }
}
