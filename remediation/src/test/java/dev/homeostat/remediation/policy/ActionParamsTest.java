package dev.homeostat.remediation.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homeostat.remediation.fakes.Harness;
import org.junit.jupiter.api.Test;

/** The rule fields that parameterise actions: {@code scale} and {@code duringRollout}. */
class ActionParamsTest {
    private static Rule rule(String fields) {
        return Harness.parse("""
                  rules:
                    - name: r
                      match: {signals: [mem]}
                """ + fields).rules().getFirst();
    }

    @Test
    void scale_by_to_andMaxReplicas_areRead_andDefaultsApplyWithoutThem() {
        assertThat(rule("      actions: [scale-up]\n      scale: {by: +2, maxReplicas: 6}\n").scaling()).isEqualTo(new Scaling(2, 0, 6));
        assertThat(rule("      actions: [scale-up]\n      scale: {to: 4}\n").scaling()).isEqualTo(new Scaling(0, 4, Defaults.MAX_REPLICAS, 0, Defaults.MAX_FACTOR));
        assertThat(rule("      actions: [scale-up]\n      scale: {by: 2, targetUtilization: 0.6}\n").scaling())
                .isEqualTo(new Scaling(2, 0, Defaults.MAX_REPLICAS, 0.6, Defaults.MAX_FACTOR));
        // one ceiling given: that one alone; both: the larger of the two
        assertThat(rule("      actions: [scale-up]\n      scale: {by: 1, maxFactor: 1.5}\n").scaling()).isEqualTo(new Scaling(1, 0, 0, 0, 1.5));
        assertThat(rule("      actions: [scale-up]\n      scale: {by: 1, maxReplicas: 20, maxFactor: 2}\n").scaling()).isEqualTo(new Scaling(1, 0, 20, 0, 2));
        Rule plain = rule("      actions: [scale-up, page]\n");
        assertThat(plain.scaling()).isEqualTo(Scaling.defaults());
        assertThat(plain.duringRollout()).isFalse();
        assertThat(rule("      actions: [rollback]\n      duringRollout: true\n").duringRollout()).isTrue();
    }

    @Test
    void badScaleParams_nameTheFieldAndTheFix() {
        assertThatThrownBy(() -> rule("      actions: [scale-up]\n      scale: {by: 1, to: 3}\n"))
                .hasMessage("test.yaml:15: spec.rules[0].scale: give exactly one of 'by' (e.g. by: 1) or 'to' (e.g. to: 4)");
        assertThatThrownBy(() -> rule("      actions: [scale-up]\n      scale: {by: 0}\n"))
                .hasMessage("test.yaml:15: spec.rules[0].scale.by: must be >= 1, e.g. 1; was 0");
        assertThatThrownBy(() -> rule("      actions: [scale-up]\n      scale: {to: 20, maxReplicas: 8}\n"))
                .hasMessage("test.yaml:15: spec.rules[0].scale.to: 20 is above maxReplicas 8; raise maxReplicas or lower to");
        assertThatThrownBy(() -> rule("      actions: [scale-up]\n      scale: {by: 1, maxFactor: 0.5}\n"))
                .hasMessage("test.yaml:15: spec.rules[0].scale.maxFactor: must be a number >= 1, the most replicas as a multiple of those"
                        + " the Deployment had before the engine first scaled it, e.g. 2");
        assertThatThrownBy(() -> rule("      actions: [scale-up]\n      scale: {by: 1, maxFactor: double}\n"))
                .hasMessageContaining("spec.rules[0].scale.maxFactor: must be a number >= 1");
        assertThatThrownBy(() -> rule("      actions: [scale-up]\n      scale: {by: 1, targetUtilization: 1.5}\n"))
                .hasMessageContaining("spec.rules[0].scale.targetUtilization: must be a number in (0, 1]");
        assertThatThrownBy(() -> rule("      actions: [scale-up]\n      scale: {to: 4, targetUtilization: 0.6}\n"))
                .hasMessageContaining("spec.rules[0].scale.targetUtilization: goes with 'by', not 'to'");
        assertThatThrownBy(() -> rule("      actions: [restart-pod]\n      scale: {by: 1}\n"))
                .hasMessageContaining("spec.rules[0].scale: only a rule with the scale-up action takes scale");
        assertThatThrownBy(() -> rule("      actions: [rollback]\n      duringRollout: yes please\n"))
                .hasMessage("test.yaml:15: spec.rules[0].duringRollout: must be true or false");
    }

    @Test
    void anUnknownAction_listsEveryKnownOne() {
        assertThatThrownBy(() -> rule("      actions: [reboot-node]\n"))
                .hasMessage("test.yaml:14: spec.rules[0].actions[0]: unknown action 'reboot-node'; known: restart-pod, rollback, scale-up, "
                        + "isolate-pod, cordon-node, drain-node, circuit-break, limit-retries, wait, page");
    }
}
