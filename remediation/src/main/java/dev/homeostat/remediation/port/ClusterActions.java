package dev.homeostat.remediation.port;

import dev.homeostat.remediation.model.ClusterAction;

/** Carries out the engine's decisions on the cluster. */
@FunctionalInterface
public interface ClusterActions {
    /** Applies {@code action}; returns what happened (never throws for an ordinary refusal). */
    ActionOutcome execute(ClusterAction action);
}
