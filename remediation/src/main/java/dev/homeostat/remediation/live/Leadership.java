package dev.homeostat.remediation.live;

/**
 * Whether this replica may act now. The engine loop asks before every evaluation and the webhook
 * before accepting alerts, so a replica that does not hold the lease neither acts nor swallows alerts.
 */
@FunctionalInterface
public interface Leadership {
    /** For a single replica without election (and for tests): always the leader. */
    Leadership ALWAYS = () -> true;

    boolean isLeader();
}
