package dev.homeostat.reports.journal;

import java.util.List;

/**
 * One line of a run journal. Times are ms since the run started. References are
 * {@code kind/namespace/name} strings ({@code pod/default/web-1}, {@code deployment/default/web},
 * {@code service/default/web}, {@code node/node-1}), so the journal of a simulation and of a live run read alike.
 */
public sealed interface JournalEvent {
    long t();

    /** What a fault's {@code targets} are, and so which pods it affected (reports/README.md, "Needless actions"). */
    enum Scope {
        /** The pods listed, and only those (Chaos Mesh pod selection, a deadlock of one pod). */
        PODS,
        /** Every pod of the deployments listed, replacements included (a leak in the code, a bad rollout). */
        DEPLOYMENT,
        /** The services listed (a slow backend behind them); their pods are not at fault. */
        SERVICE,
        /** The nodes listed and the pods listed, which ran there when it began. */
        NODE
    }

    /**
     * An incident begins: a fault was injected. {@code targets} are what it acts on, read by {@code scope}; {@code services}
     * are the services those targets back. {@code upstream} lists every service that calls one of those services,
     * directly or transitively (from the scenario's call graph): where the incident's symptoms show.
     */
    record FaultStarted(long t, String fault, String kind, long end, Scope scope, List<String> targets, List<String> services,
                        boolean tookEffect, List<String> upstream) implements JournalEvent {
        public FaultStarted {
            scope = scope == null ? Scope.PODS : scope;
            targets = targets == null ? List.of() : List.copyOf(targets);
            services = services == null ? List.of() : List.copyOf(services);
            upstream = upstream == null ? List.of() : List.copyOf(upstream);
        }

        public FaultStarted withTookEffect(boolean took) {
            return new FaultStarted(t, fault, kind, end, scope, targets, services, took, upstream);
        }
    }

    record FaultEnded(long t, String fault) implements JournalEvent { }

    /**
     * A routine change, not a fault: a rollout of a new image, a config change, a scale, a node drained for
     * maintenance. Alerts and actions around it are judged as anywhere else outside an incident.
     */
    record ChangeApplied(long t, String change, String kind, List<String> targets, List<String> services) implements JournalEvent {
        public ChangeApplied {
            targets = targets == null ? List.of() : List.copyOf(targets);
            services = services == null ? List.of() : List.copyOf(services);
        }
    }

    record SloViolated(long t, String service, String reason) implements JournalEvent { }

    /** {@code by} says who ended the violation as the run saw it: engine, kubernetes, fault-ended (scoring re-judges it). */
    record SloRestored(long t, String service, String by) implements JournalEvent { }

    /** A detector raised an anomaly on {@code target}, which backs {@code service} (may be null). */
    record AnomalyRaised(long t, String target, String service, String signal, String detector, double score,
                         String explanation) implements JournalEvent { }

    /** How an action the engine chose ended. */
    enum Outcome {
        /** The cluster applied it. */
        APPLIED,
        /** A guard, the rule's mode or the remediator held it back ({@code guard} names which). */
        HELD,
        /** The cluster did not apply it (refused, not modelled, a dry run). */
        REFUSED
    }

    /**
     * An action the engine chose. For an applied disruptive action the run may say how many pods of the target's
     * service were ready just before and just after it, and the fewest it may have ({@code minReady}: its
     * PodDisruptionBudget's desired healthy pods, at least 1); null where the run could not tell (live).
     */
    record ActionTaken(long t, String action, String target, String service, String rule, boolean disruptive,
                       Outcome outcome, String guard, String detail, Integer readyBefore, Integer readyAfter,
                       Integer minReady) implements JournalEvent {
        public ActionTaken {
            if (outcome == null) throw new IllegalArgumentException("outcome: required (applied, held or refused)");
        }

        public boolean applied() { return outcome == Outcome.APPLIED; }
    }

    /** Who sent a page. */
    enum PageSource {
        /** The engine, when it could not heal or its action was held back. */
        ENGINE,
        /** The team's SLO alerting rules through Alertmanager (they page with or without the engine). */
        ALERTMANAGER
    }

    /** Whether a page opens an incident for a human, adds to one already open, or closes it. */
    enum PageState { FIRING, UPDATE, RESOLVED }

    /**
     * A page to a human. {@code key} identifies the pager incident (Alertmanager's group, the engine's incident):
     * an UPDATE or RESOLVED with the key of an open page is that page, not a new one.
     */
    record Paged(long t, PageSource source, String key, PageState state, String target, String service, String reason)
            implements JournalEvent { }

    /** Kubernetes itself acted on a pod: container restart (OOMKilled, liveness), pod created/deleted. */
    record ClusterEvent(long t, String target, String what) implements JournalEvent { }

    /** The last line of every journal: the run's length. */
    record RunEnded(long t) implements JournalEvent { }
}
