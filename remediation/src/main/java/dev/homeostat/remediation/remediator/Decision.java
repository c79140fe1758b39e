package dev.homeostat.remediation.remediator;

import dev.homeostat.remediation.model.ClusterAction;

/** A remediator's answer, as a value: the engine applies it through the guards and journals it. */
public sealed interface Decision {
    /** Carry out {@code action}. */
    record Act(ClusterAction action) implements Decision { }

    /** This action cannot help now ({@code reason}); retried each tick, the chain moves on if the target still alerts after verifyAfter. */
    record Skip(ClusterAction intended, String reason) implements Decision { }

    /**
     * This action cannot help the incident at all, now or later ({@code reason}: its diagnosis rules it out, e.g. a
     * restart for calls failing on a network edge): the chain moves on to its next action at once, rather than
     * waiting verifyAfter for a change that will not come.
     */
    record Next(ClusterAction intended, String reason) implements Decision { }

    /** Nothing is left to remediate (e.g. the pod is gone); the incident closes. */
    record Done(ClusterAction intended, String reason) implements Decision { }
}
