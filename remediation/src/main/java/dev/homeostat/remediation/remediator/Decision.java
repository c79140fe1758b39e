package dev.homeostat.remediation.remediator;

import dev.homeostat.remediation.model.ClusterAction;

/** A remediator's answer, as a value: the engine applies it through the guards and journals it. */
public sealed interface Decision {
    /** Carry out {@code action}. */
    record Act(ClusterAction action) implements Decision { }

    /** This action cannot help now ({@code reason}); retried each tick, the chain moves on if the target still alerts after verifyAfter. */
    record Skip(ClusterAction intended, String reason) implements Decision { }

    /** Nothing is left to remediate (e.g. the pod is gone); the incident closes. */
    record Done(ClusterAction intended, String reason) implements Decision { }
}
