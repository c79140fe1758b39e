package dev.homeostat.simulator.change;

import java.time.Duration;

/**
 * A routine change to the cluster, not a fault: applied through the controllers at {@link #at()}
 * (an offset from the start of the run), announced as {@code SimEvent.ChangeApplied}. An alert or a
 * disruptive action around one is a false alarm or needless. {@link #name()} defaults to
 * {@code <kind>-<target>-<at>}, e.g. {@code rollout-checkout-30m}.
 */
public sealed interface Change permits DeploymentChange, Change.Drain {
    /** Unique among a run's changes. */
    String name();

    Duration at();

    /** The scenario's {@code type}: {@code rollout}, {@code config-change}, {@code scale} or {@code drain}. */
    String kind();

    /**
     * {@code kubectl drain} of {@code node} for maintenance: cordoned, its pods evicted as their
     * PodDisruptionBudgets allow, and uncordoned after {@code duration}.
     */
    record Drain(String name, Duration at, String node, Duration duration) implements Change {
        public Drain {
            if (node == null || node.isBlank()) throw new IllegalArgumentException("target.node: a drain needs the node it drains");
            at = Changes.at(at);
            if (duration == null || duration.isNegative() || duration.isZero())
                throw new IllegalArgumentException("duration: required, positive (how long the maintenance lasts before the uncordon), was " + duration);
            name = Changes.name(name, "drain", node, at);
        }

        @Override public String kind() { return "drain"; }
    }
}
