package dev.homeostat.remediation.model;

/** A decision of the engine, as a value; the ClusterActions port carries it out. */
public sealed interface ClusterAction {
    Target target();

    /** Whether the action takes capacity away (counts towards needless actions when wrong). */
    boolean disruptive();

    /** Delete the pod so its ReplicaSet starts a fresh one. */
    record RestartPod(Target target) implements ClusterAction {
        @Override public boolean disruptive() { return true; }
    }

    /** Page a human about the target. */
    record Page(Target target, String reason) implements ClusterAction {
        @Override public boolean disruptive() { return false; }
    }
}
