package dev.homeostat.remediation.guard;

import dev.homeostat.remediation.model.ClusterAction;
import java.util.Optional;

/**
 * One promise about the engine's actions. {@link #veto} says why an action must not run now (empty:
 * no objection); {@link #onExecuted} lets a guard remember actions that did run (they count even
 * when the cluster refused them, so a refusing cluster is not hammered).
 */
public interface Guard {
    /** Short name for the journal, e.g. {@code cooldown}. */
    String name();

    Optional<String> veto(ClusterAction action, GuardContext context);

    default void onExecuted(ClusterAction action, GuardContext context) { }
}
