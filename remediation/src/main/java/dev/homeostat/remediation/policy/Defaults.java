package dev.homeostat.remediation.policy;

import java.time.Duration;

/** Every default of a policy, in one place (the README's policy reference quotes these). */
public final class Defaults {
    private Defaults() { }

    public static final String API_VERSION = "homeostat.dev/v1alpha1";
    public static final String KIND = "RemediationPolicy";

    public static final Duration EVALUATION_INTERVAL = Duration.ofSeconds(15);
    public static final Duration LOOKBACK = Duration.ofMinutes(5);
    public static final Duration VERIFY_AFTER = Duration.ofMinutes(2);
    public static final Mode MODE = Mode.AUTO;

    public static final Duration COOLDOWN = Duration.ofMinutes(5);
    public static final int MAX_ACTIONS_PER_MINUTE = 10;
    /** With 3 replicas this allows one pod down at a time: ceil(3 × 0.66) = 2 must stay ready. */
    public static final double MAX_UNAVAILABLE_FRACTION = 0.34;
}
