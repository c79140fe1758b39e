package dev.homeostat.remediation.model;

/**
 * What the engine did, for the journal. The names are the run journal's event names
 * (reports/README.md), so a live engine's journal and a simulated run's read alike.
 */
public sealed interface EngineEvent {
    long timeMillis();

    /** A detector (or an external alert) found {@code anomaly}. */
    record AnomalyRaised(long timeMillis, Anomaly anomaly) implements EngineEvent { }

    /** How an action the engine chose ended. */
    enum Outcome {
        /** The cluster applied it. */
        APPLIED,
        /** A guard or the rule's mode held it back ({@code guard} names which). */
        HELD,
        /** The cluster did not apply it: refused, failed, not modelled, or a dry run. */
        REFUSED
    }

    /**
     * An action chosen by {@code rule} for {@code service}: applied, held back by {@code guard}, or refused by the
     * cluster; {@code detail} says what happened or why not. {@code guard} is null unless the outcome is HELD.
     */
    record ActionTaken(long timeMillis, ClusterAction action, String rule, String service, Outcome outcome, String guard,
                       String detail) implements EngineEvent {
        public ActionTaken {
            if ((outcome == Outcome.HELD) != (guard != null))
                throw new IllegalArgumentException("guard: set exactly when the outcome is HELD (outcome " + outcome + ", guard " + guard + ")");
        }

        public boolean applied() { return outcome == Outcome.APPLIED; }
    }

    /** Whether a page opens an incident for a human, adds to one already open, or closes it. */
    enum PageState { FIRING, UPDATE, RESOLVED }

    /**
     * A page to a human about {@code target}. {@code key} identifies the incident the page belongs to: an UPDATE or
     * RESOLVED with the same key is the same page (as a pager deduplicates by key), not a new one.
     */
    record Paged(long timeMillis, Target target, String service, String key, PageState state, String reason) implements EngineEvent { }
}
