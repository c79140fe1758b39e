package dev.homeostat.remediation.policy;

import java.time.Duration;

/**
 * The guards' limits: {@code cooldown} between two actions of one kind on one target;
 * {@code maxActionsPerMinute} over all targets; {@code maxUnavailableFraction} of a deployment's
 * replicas that a restart may take away (never its last ready pod).
 */
public record GuardSettings(Duration cooldown, int maxActionsPerMinute, double maxUnavailableFraction) {
    public GuardSettings {
        if (cooldown == null || cooldown.isNegative()) throw new IllegalArgumentException("cooldown: must be >= 0, e.g. 5m");
        if (maxActionsPerMinute < 1) throw new IllegalArgumentException("maxActionsPerMinute: must be >= 1, was " + maxActionsPerMinute);
        if (!(maxUnavailableFraction >= 0 && maxUnavailableFraction <= 1)) {
            throw new IllegalArgumentException("maxUnavailableFraction: must be within [0, 1], e.g. 0.34, was " + maxUnavailableFraction);
        }
    }

    public static GuardSettings defaults() {
        return new GuardSettings(Defaults.COOLDOWN, Defaults.MAX_ACTIONS_PER_MINUTE, Defaults.MAX_UNAVAILABLE_FRACTION);
    }
}
