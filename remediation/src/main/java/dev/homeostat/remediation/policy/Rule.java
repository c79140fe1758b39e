package dev.homeostat.remediation.policy;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What to do about anomalies that {@code match}: {@code actions} is an escalation chain (the next
 * one runs when the target still alerts {@code verifyAfter} after the previous one).
 */
public record Rule(String name, Match match, List<String> actions, Duration verifyAfter, Mode mode) {
    public Rule {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name: required, e.g. restart-leaking-pod");
        Objects.requireNonNull(match, "match");
        if (actions == null || actions.isEmpty()) throw new IllegalArgumentException("actions: name at least one action, e.g. [restart-pod, page]");
        actions = List.copyOf(actions);
        if (verifyAfter == null || verifyAfter.isNegative() || verifyAfter.isZero()) {
            throw new IllegalArgumentException("verifyAfter: must be > 0, e.g. 2m");
        }
        Objects.requireNonNull(mode, "mode");
    }
}
