package dev.homeostat.reports.score;

import java.time.Duration;

/**
 * The knobs of scoring, in milliseconds of run time.
 *
 * @param graceMillis               how long after a fault ends an alert, an escalation or an SLO violation
 *                                  still counts as belonging to it (default 5 min)
 * @param alertCooldownMillis       anomalies on one target within this long after an alert event began are
 *                                  folded into that alert event (default 5 min)
 * @param escalationThresholdMillis an incident whose impact lasts longer than this after its start counts
 *                                  as escalated even if nobody was paged (default 15 min)
 */
public record ScoringConfig(long graceMillis, long alertCooldownMillis, long escalationThresholdMillis) {
    public static final ScoringConfig DEFAULT = new ScoringConfig(
            Duration.ofMinutes(5).toMillis(), Duration.ofMinutes(5).toMillis(), Duration.ofMinutes(15).toMillis());

    public ScoringConfig {
        requireNonNegative("graceMillis", graceMillis);
        requireNonNegative("alertCooldownMillis", alertCooldownMillis);
        if (escalationThresholdMillis <= 0) {
            throw new IllegalArgumentException("escalationThresholdMillis must be > 0 (got " + escalationThresholdMillis
                    + "); use e.g. 900000 for 15 minutes");
        }
    }

    private static void requireNonNegative(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0 ms (got " + value + "); use 0 to disable it");
        }
    }
}
