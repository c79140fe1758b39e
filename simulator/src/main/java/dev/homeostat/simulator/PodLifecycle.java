package dev.homeostat.simulator;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A pod's lifecycle as an explicit state machine; {@link Kubelet} is the only one that moves it, and
 * {@link PodState#moveTo} refuses a transition the table below does not hold.
 *
 * <pre>
 *  PENDING ──container started──▶ RUNNING ◀──readiness passes / fails──▶ READY
 *     │  └──────────────── warm start (the cluster exists at t = 0) ────────▶ │
 *     ├──isolate──▶ ISOLATED ◀──isolate── RUNNING, READY
 *     └──delete───▶ TERMINATING ◀──delete── RUNNING, READY, ISOLATED
 *                        └──grace period over──▶ GONE
 * </pre>
 *
 * The container has a state of its own ({@link PodState.Container}: waiting or running) that changes
 * within RUNNING, READY and ISOLATED: a crash loop is a RUNNING pod whose container waits out its back-off.
 */
enum PodLifecycle {
    /** Created; not bound to a node yet, or bound with no container started yet. */
    PENDING(true),
    /** A container has started (it may be waiting out a back-off now); not an endpoint. */
    RUNNING(true),
    /** Running and passing its readiness probe: an endpoint of its Service. */
    READY(true),
    /** Taken out of its Service and ReplicaSet (label replaced): kept running for debugging, never Ready again. */
    ISOLATED(false),
    /** Deleted: out of the endpoints, in its grace period. */
    TERMINATING(false),
    /** Removed from the API; nothing refers to it any more. */
    GONE(false);

    /** Owned by its ReplicaSet: counts towards the Deployment's replicas. */
    final boolean owned;

    PodLifecycle(boolean owned) { this.owned = owned; }

    private static final Map<PodLifecycle, Set<PodLifecycle>> NEXT = new EnumMap<>(PodLifecycle.class);

    static {
        NEXT.put(PENDING, EnumSet.of(RUNNING, READY, ISOLATED, TERMINATING));
        NEXT.put(RUNNING, EnumSet.of(READY, ISOLATED, TERMINATING));
        NEXT.put(READY, EnumSet.of(RUNNING, ISOLATED, TERMINATING));
        NEXT.put(ISOLATED, EnumSet.of(TERMINATING));
        NEXT.put(TERMINATING, EnumSet.of(GONE));
        NEXT.put(GONE, EnumSet.noneOf(PodLifecycle.class));
    }

    boolean canMoveTo(PodLifecycle next) { return NEXT.get(this).contains(next); }

    /** Deleted (Terminating, or gone since). */
    boolean deleted() { return this == TERMINATING || this == GONE; }
}
