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
    /** The dependency guard is on: no disruptive action on a service while a service it calls is anomalous. */
    public static final boolean DEPENDENCY_AWARE = true;

    /**
     * A measure the engine keeps in force is lifted once what prompted it has been clear this long: a lost node Ready
     * again over four evaluations, a service quiet for a minute on top of the lookback that already says it is quiet.
     */
    public static final Duration LIFT_AFTER = Duration.ofMinutes(1);

    /** {@code scale-up} adds this many replicas per step unless the rule's {@code scale} says otherwise. */
    public static final int SCALE_BY = 1;
    /** {@code scale-up} never asks for more replicas than this unless the rule's {@code scale.maxReplicas} says otherwise. */
    public static final int MAX_REPLICAS = 10;
    /**
     * ... or than this many times the replicas the Deployment had before the engine first scaled it, whichever is
     * larger, unless the rule's {@code scale} sets a ceiling of its own.
     */
    public static final double MAX_FACTOR = 2;
    /**
     * The burn rate a page needs when {@code spec.paging} names a signal without {@code minBurnRate}: the SRE workbook's
     * slowest page alert, 6× over 6 h and 30 min ({@code slo.BurnRateAlert.WORKBOOK}).
     */
    public static final double PAGE_BURN_RATE = 6;
    /** Rules do not act on a Deployment whose rollout is progressing unless they say {@code duringRollout: true}. */
    public static final boolean DURING_ROLLOUT = false;
}
