package dev.homeostat.remediation.policy;

import java.time.Duration;

/**
 * The guards' limits: {@code cooldown} between two actions of one kind on one target;
 * {@code maxActionsPerMinute} over all targets; {@code maxUnavailableFraction} of a deployment's
 * replicas that a restart may take away (never its last ready pod); {@code dependencyAware}: hold back
 * disruptive actions on a service while a service it calls is anomalous (the dependency guard).
 */
public record GuardSettings(Duration cooldown, int maxActionsPerMinute, double maxUnavailableFraction,
                            boolean dependencyAware) {
    public GuardSettings {
        if (cooldown == null || cooldown.isNegative()) throw new IllegalArgumentException("cooldown: must be >= 0, e.g. 5m");
        if (maxActionsPerMinute < 1) throw new IllegalArgumentException("maxActionsPerMinute: must be >= 1, was " + maxActionsPerMinute);
        if (!(maxUnavailableFraction >= 0 && maxUnavailableFraction <= 1)) {
            throw new IllegalArgumentException("maxUnavailableFraction: must be within [0, 1], e.g. 0.34, was " + maxUnavailableFraction);
        }
    }

    /** Limits with the dependency guard on (its default). */
    public GuardSettings(Duration cooldown, int maxActionsPerMinute, double maxUnavailableFraction) {
        this(cooldown, maxActionsPerMinute, maxUnavailableFraction, Defaults.DEPENDENCY_AWARE);
    }

    public static GuardSettings defaults() {
        return new GuardSettings(Defaults.COOLDOWN, Defaults.MAX_ACTIONS_PER_MINUTE, Defaults.MAX_UNAVAILABLE_FRACTION,
                Defaults.DEPENDENCY_AWARE);
    }
}
