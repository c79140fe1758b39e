package dev.homeostat.remediation.policy;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What to do about anomalies that {@code match}: {@code actions} is an escalation chain (the next
 * one runs when the target still alerts {@code verifyAfter} after the previous one).
 * {@code scaling} parameterises {@code scale-up}; {@code duringRollout} lets the rule act on a
 * Deployment whose rollout is progressing (the rollout guard holds it back otherwise).
 */
public record Rule(String name, Match match, List<String> actions, Duration verifyAfter, Mode mode, Scaling scaling,
                   boolean duringRollout) {
    public Rule {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name: required, e.g. restart-leaking-pod");
        Objects.requireNonNull(match, "match");
        if (actions == null || actions.isEmpty()) throw new IllegalArgumentException("actions: name at least one action, e.g. [restart-pod, page]");
        actions = List.copyOf(actions);
        if (verifyAfter == null || verifyAfter.isNegative() || verifyAfter.isZero()) {
            throw new IllegalArgumentException("verifyAfter: must be > 0, e.g. 2m");
        }
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(scaling, "scaling");
    }

    /** A rule with the default scaling and no action during rollouts. */
    public Rule(String name, Match match, List<String> actions, Duration verifyAfter, Mode mode) {
        this(name, match, actions, verifyAfter, mode, Scaling.defaults(), Defaults.DURING_ROLLOUT);
    }

    /** This rule with another match, keeping every other setting (e.g. a benchmark's detector override). */
    public Rule withMatch(Match other) {
        return new Rule(name, other, actions, verifyAfter, mode, scaling, duringRollout);
    }
}
