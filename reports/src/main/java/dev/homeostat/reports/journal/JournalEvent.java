package dev.homeostat.reports.journal;

import java.util.List;

/**
 * One line of a run journal. Times are ms since the run started. References are
 * {@code kind/namespace/name} strings ({@code pod/default/web-1}, {@code deployment/default/web},
 * {@code service/default/web}), so the journal of a simulation and of a live run read alike.
 */
public sealed interface JournalEvent {
    long t();

    /**
     * An incident begins: a fault was injected into {@code targets} (pods, deployments) backing {@code services}.
     * {@code upstream} lists every service that calls one of those services, directly or transitively (from the
     * scenario's call graph): where the incident's symptoms show. Journals written before it existed read as an
     * empty list.
     */
    record FaultStarted(long t, String fault, String kind, long end, List<String> targets, List<String> services,
                        boolean tookEffect, List<String> upstream) implements JournalEvent {
        public FaultStarted {
            upstream = upstream == null ? List.of() : List.copyOf(upstream);
        }

        /** A fault with no known callers of its services (journals and callers from before {@code upstream}). */
        public FaultStarted(long t, String fault, String kind, long end, List<String> targets, List<String> services,
                            boolean tookEffect) {
            this(t, fault, kind, end, targets, services, tookEffect, List.of());
        }
    }

    record FaultEnded(long t, String fault) implements JournalEvent { }

    record SloViolated(long t, String service, String reason) implements JournalEvent { }

    /** {@code by} says who ended the violation when known: engine, kubernetes, fault-ended. */
    record SloRestored(long t, String service, String by) implements JournalEvent { }

    /** A detector raised an anomaly on {@code target}, which backs {@code service} (may be null). */
    record AnomalyRaised(long t, String target, String service, String signal, String detector, double score,
                         String explanation) implements JournalEvent { }

    /** The engine acted (or a guard held it back: {@code applied} false, {@code detail} says why). */
    record ActionTaken(long t, String action, String target, String service, String rule, boolean disruptive,
                       boolean applied, String detail) implements JournalEvent { }

    /** The engine paged a human about {@code target}. */
    record Escalated(long t, String target, String service, String reason) implements JournalEvent { }

    /** Kubernetes itself acted on a pod: container restart (OOMKilled, liveness), pod created/deleted. */
    record ClusterEvent(long t, String target, String what) implements JournalEvent { }

    /** The last line of every journal: the run's length. */
    record RunEnded(long t) implements JournalEvent { }
}
