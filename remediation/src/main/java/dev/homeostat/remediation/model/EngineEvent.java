package dev.homeostat.remediation.model;

/** What the engine did, for the journal. */
public sealed interface EngineEvent {
    long timeMillis();

    record AnomalyDetected(long timeMillis, Anomaly anomaly) implements EngineEvent { }

    /** An action was applied (or refused by the cluster: {@code applied} false), chosen by {@code rule}. */
    record ActionExecuted(long timeMillis, ClusterAction action, String rule, String service, boolean applied, String detail) implements EngineEvent { }

    /** A guard held an action back. */
    record ActionSuppressed(long timeMillis, ClusterAction action, String rule, String guard, String detail) implements EngineEvent { }

    /** The engine handed the target to a human (page), after its own actions did not help. */
    record Escalated(long timeMillis, Target target, String service, String reason) implements EngineEvent { }
}
