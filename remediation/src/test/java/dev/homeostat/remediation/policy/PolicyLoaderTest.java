package dev.homeostat.remediation.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homeostat.detectors.DetectorSpec;
import dev.homeostat.remediation.model.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyLoaderTest {
    /** Stands in for the detectors registry: knows two names. */
    private static final Consumer<DetectorSpec> KNOWN = spec -> {
        if (!Set.of("threshold", "mad").contains(spec.name())) {
            throw new IllegalArgumentException("unknown detector '" + spec.name() + "'; known: mad, threshold");
        }
    };

    private static final String VALID = """
            apiVersion: homeostat.dev/v1alpha1
            kind: RemediationPolicy
            metadata: {name: default}
            spec:
              evaluationInterval: 15s
              lookback: 5m
              signals:
                - name: memory-saturation
                  metric: pod:container_memory_working_set_bytes:ratio_limit
                  target: pod
                  detector: threshold:above=0.9
                - name: service-errors
                  metric: service:http_request_errors:ratio_rate1m
                  target: service
                  detector: mad:window=40,k=6,direction=up
              rules:
                - name: restart-leaking-pod
                  match: {signals: [memory-saturation], targetKind: pod}
                  actions: [restart-pod, page]
                  verifyAfter: 2m
                - name: page-on-service-errors
                  match: {signals: [service-errors]}
                  actions: [page]
                  mode: observe
              guards:
                cooldown: 5m
                maxActionsPerMinute: 10
                maxUnavailableFraction: 0.34
            """;

    private static Policy parse(String yaml) { return PolicyLoader.parse(yaml, "policy.yaml", KNOWN); }

    private static String with(String from, String to) {
        assertThat(VALID).contains(from);
        return VALID.replace(from, to);
    }

    @Test
    void aRuleWrittenOnce_isMergedIntoAnother_andAnAliasOfNoAnchorNamesItsLine() {
        var p = parse(with("""
                    - name: page-on-service-errors
                      match: {signals: [service-errors]}
                      actions: [page]
                      mode: observe
                """, """
                    - name: page-on-service-errors
                      <<: &observed
                        match: {signals: [service-errors]}
                        actions: [page]
                        mode: observe
                    - {name: page-again, <<: *observed, verifyAfter: 1m}
                """));
        assertThat(p.rules()).extracting(Rule::name).containsExactly("restart-leaking-pod", "page-on-service-errors", "page-again");
        assertThat(p.rules().get(2).mode()).isEqualTo(Mode.OBSERVE);
        assertThat(p.rules().get(2).actions()).containsExactly("page");
        assertThat(p.rules().get(2).verifyAfter()).isEqualTo(java.time.Duration.ofMinutes(1));

        assertThatThrownBy(() -> parse(with("  guards:\n", "  guards: *shared\n  unused:\n")))
                .isInstanceOf(PolicyException.class).hasMessageContaining("policy.yaml:").hasMessageContaining("alias *shared names no anchor");
    }

    @Test
    void validPolicy_becomesRecords() {
        Policy p = parse(VALID);
        assertThat(p.name()).isEqualTo("default");
        assertThat(p.source()).isEqualTo("policy.yaml");
        assertThat(p.evaluationInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(p.signals()).extracting(Signal::target).containsExactly(Target.Kind.POD, Target.Kind.SERVICE);
        assertThat(p.signals().get(1).detector().params()).containsEntry("k", "6");
        assertThat(p.rules().getFirst().actions()).containsExactly("restart-pod", "page");
        assertThat(p.rules().getFirst().match().targetKind()).isEqualTo(Target.Kind.POD);
        assertThat(p.rules().get(1).mode()).isEqualTo(Mode.OBSERVE);
        assertThat(p.rules().get(1).verifyAfter()).isEqualTo(Defaults.VERIFY_AFTER);
        assertThat(p.guards()).isEqualTo(new GuardSettings(Duration.ofMinutes(5), 10, 0.34));
    }

    @Test
    void unknownAction_namesFileFieldAndKnownActions() {
        assertThatThrownBy(() -> parse(with("actions: [page]", "actions: [restart-pods]")))
                .isInstanceOf(PolicyException.class)
                .hasMessage("policy.yaml:23: spec.rules[1].actions[0]: unknown action 'restart-pods'; known: restart-pod, rollback, scale-up, isolate-pod, cordon-node, drain-node, circuit-break, limit-retries, wait, page");
    }

    @Test
    void unknownSignalInRule_namesTheRuleFieldAndKnownSignals() {
        assertThatThrownBy(() -> parse(with("signals: [service-errors]", "signals: [service-error]")))
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith("policy.yaml:22: spec.rules[1].match.signals[0]: unknown signal 'service-error'")
                .hasMessageContaining("known: memory-saturation, service-errors");
    }

    @Test
    void negativeDuration_isRejectedWithTheFieldAndHowToWriteOne() {
        assertThatThrownBy(() -> parse(with("verifyAfter: 2m", "verifyAfter: -2m")))
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith("policy.yaml:20: spec.rules[0].verifyAfter: invalid Go duration \"-2m\": negative durations are not allowed")
                .hasMessageContaining("write e.g. 30s, 5m, 1h30m or 250ms");
    }

    @Test
    void durationWithoutUnit_orUnknownUnit_isRejected() {
        assertThatThrownBy(() -> parse(with("cooldown: 5m", "cooldown: 300")))
                .hasMessageStartingWith("policy.yaml:26: spec.guards.cooldown: '300' has no unit");
        assertThatThrownBy(() -> parse(with("lookback: 5m", "lookback: 5min")))
                .hasMessageStartingWith("policy.yaml:6: spec.lookback: invalid Go duration \"5min\": unknown unit \"min\"");
        assertThatThrownBy(() -> parse(with("evaluationInterval: 15s", "evaluationInterval: 0s")))
                .hasMessageStartingWith("policy.yaml:5: spec.evaluationInterval: must be > 0");
        assertThatThrownBy(() -> parse(with("lookback: 5m", "lookback: 5m\n  liftAfter: 2 minutes")))
                .hasMessageStartingWith("policy.yaml:7: spec.liftAfter: ");
        assertThat(parse(with("lookback: 5m", "lookback: 5m\n  liftAfter: 0s")).liftAfter()).isZero();
        assertThat(parse(with("lookback: 5m", "lookback: 5m")).liftAfter()).isEqualTo(Defaults.LIFT_AFTER);
    }

    @Test
    void badDetectorSpec_syntax_namesTheSignalField() {
        assertThatThrownBy(() -> parse(with("mad:window=40,k=6,direction=up", "mad:window40")))
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith("policy.yaml:15: spec.signals[1].detector: detector 'mad:window40': parameter 'window40' is not key=value");
    }

    @Test
    void unknownDetectorName_isReportedByTheValidator() {
        assertThatThrownBy(() -> parse(with("threshold:above=0.9", "treshold:above=0.9")))
                .hasMessage("policy.yaml:11: spec.signals[0].detector: unknown detector 'treshold'; known: mad, threshold");
    }

    @Test
    void unknownField_isATypo_andNamesTheKnownOnes() {
        assertThatThrownBy(() -> parse(with("    maxActionsPerMinute: 10", "    maxActionPerMinute: 10")))
                .hasMessageStartingWith("policy.yaml:27: spec.guards.maxActionPerMinute: unknown field 'maxActionPerMinute'; known: cooldown, maxActionsPerMinute");
    }

    @Test
    void otherMistakes_nameTheirFields() {
        assertThatThrownBy(() -> parse(with("target: service", "target: services")))
                .hasMessage("policy.yaml:14: spec.signals[1].target: unknown target 'services'; known: pod, service, deployment");
        assertThatThrownBy(() -> parse(with("mode: observe", "mode: dry-run")))
                .hasMessage("policy.yaml:24: spec.rules[1].mode: unknown mode 'dry-run'; known: auto, observe, recommend, approve");
        assertThatThrownBy(() -> parse(with("maxUnavailableFraction: 0.34", "maxUnavailableFraction: 1.5")))
                .hasMessageStartingWith("policy.yaml:28: spec.guards.maxUnavailableFraction: must be within [0, 1]");
        assertThatThrownBy(() -> parse(with("maxActionsPerMinute: 10", "maxActionsPerMinute: 0")))
                .hasMessageStartingWith("policy.yaml:27: spec.guards.maxActionsPerMinute: must be >= 1");
        assertThatThrownBy(() -> parse(with("name: page-on-service-errors", "name: restart-leaking-pod")))
                .hasMessageStartingWith("policy.yaml:21: spec.rules[1].name: duplicate rule name 'restart-leaking-pod'");
        assertThatThrownBy(() -> parse(with("kind: RemediationPolicy", "kind: Policy")))
                .hasMessage("policy.yaml:2: kind: must be RemediationPolicy, was 'Policy'");
        assertThatThrownBy(() -> parse(with("actions: [page]", "actions: []")))
                .hasMessage("policy.yaml:23: spec.rules[1].actions: must not be empty");
        assertThatThrownBy(() -> parse("spec: [unclosed"))
                .hasMessage("policy.yaml:1:16: YAML syntax: expected ',' or ']', but got <stream end> (while parsing a flow sequence that starts on line 1)");
        assertThatThrownBy(() -> parse(""))
                .hasMessageStartingWith("policy.yaml: empty document");
    }

    @Test
    void defaultsFillWhatIsLeftOut() {
        Policy p = parse("""
                apiVersion: homeostat.dev/v1alpha1
                kind: RemediationPolicy
                metadata: {name: minimal}
                spec:
                  signals: [{name: m, metric: x, target: deployment, detector: threshold:above=1}]
                """);
        assertThat(p.evaluationInterval()).isEqualTo(Defaults.EVALUATION_INTERVAL);
        assertThat(p.lookback()).isEqualTo(Defaults.LOOKBACK);
        assertThat(p.rules()).isEmpty();
        assertThat(p.guards()).isEqualTo(GuardSettings.defaults());
    }

    @Test
    void shippedDefaultPolicy_loads() {
        Path file = Path.of("policies/default.yaml");
        assertThat(Files.exists(file)).as("run from the module folder").isTrue();
        Policy p = PolicyLoader.load(file, KNOWN);
        assertThat(p.name()).isEqualTo("default");
        assertThat(p.source()).isEqualTo(file.toString());
        assertThat(p.signals()).extracting(Signal::name).containsExactly("slo-burn", "memory-saturation", "memory-leak", "pod-errors", "pod-latency",
                "crash-loop", "replicas-unavailable", "pod-not-ready");
        assertThat(p.signals()).filteredOn(s -> s.name().startsWith("pod-e")).extracting(Signal::peers).containsExactly("service");
        assertThat(p.guards().dependencyAware()).isTrue();
        assertThat(p.diagnoses()).isTrue();
        assertThat(p.rules()).extracting(Rule::name).contains("restart-leaking-pod", "roll-back-recent-change", "relieve-failing-dependency");
    }

    @Test
    void missingFile_namesThePath(@TempDir Path dir) {
        assertThatThrownBy(() -> PolicyLoader.load(dir.resolve("nope.yaml"), KNOWN))
                .isInstanceOf(PolicyException.class).hasMessageContaining("nope.yaml: file not found");
    }

    @Test
    void policyDurations_followGoRules_asChaosManifestsAndScenariosDo() {
        assertThat(parse(with("verifyAfter: 2m", "verifyAfter: 1m30s500ms")).rules().getFirst().verifyAfter())
                .isEqualTo(Duration.ofMillis(90_500));
        assertThat(parse(with("lookback: 5m", "lookback: 1.5h")).lookback()).isEqualTo(Duration.ofMinutes(90));
        // Go's units below a millisecond: what chaos manifests accept, a policy accepts too
        assertThat(parse(with("verifyAfter: 2m", "verifyAfter: 2m500us")).rules().getFirst().verifyAfter())
                .isEqualTo(Duration.ofMinutes(2).plusNanos(500_000));
        assertThatThrownBy(() -> parse(with("lookback: 5m", "lookback: m5"))).hasMessageContaining("expected a number");
    }
}
