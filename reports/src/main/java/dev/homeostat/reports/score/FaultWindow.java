package dev.homeostat.reports.score;

import dev.homeostat.reports.journal.JournalEvent.ActionTaken;
import dev.homeostat.reports.journal.JournalEvent.Scope;
import java.util.List;

/**
 * An injected fault's window [start, end) with what it hit, read by its scope, and the services upstream of it
 * (their callers, transitively), where its symptoms show. The scoring contract's "incident".
 */
record FaultWindow(String fault, String kind, long start, long end, Scope scope, List<String> targets, List<String> services,
                   List<String> upstream, boolean noOp) {
    FaultWindow {
        targets = List.copyOf(targets);
        services = List.copyOf(services);
        upstream = List.copyOf(upstream);
    }

    /**
     * An alert or a page is about this incident or one of its symptoms: it names a target, a service of the fault,
     * or an upstream service (by target or by service field).
     */
    boolean showsIn(String target, String service) {
        return covers(target, service)
                || (target != null && upstream.contains(target))
                || (service != null && upstream.contains(service));
    }

    /** The event names one of our targets, or the service they back (by target or by service field). */
    boolean covers(String target, String service) {
        return (target != null && (targets.contains(target) || services.contains(target)))
                || (service != null && services.contains(service));
    }

    boolean touchesService(String service) {
        return services.contains(service) || targets.contains(service);
    }

    /**
     * A disruptive action hits what this fault affected (reports/README.md, "Needless actions"): a pod the fault
     * selected (any pod of a deployment-wide fault), the deployment of a deployment-wide fault, a node the fault
     * hit, or a service of the fault (cutting traffic toward it). A pod that merely shares the service of a
     * selected pod, or the pods of a service whose backend is slow, were not affected.
     */
    boolean affectedBy(ActionTaken action) {
        String target = action.target();
        if (target == null) return false;
        if (target.startsWith("service/")) return services.contains(target);
        boolean deploymentWide = scope == Scope.DEPLOYMENT;
        if (target.startsWith("pod/"))
            return targets.contains(target) || (deploymentWide && action.service() != null && services.contains(action.service()));
        if (target.startsWith("deployment/"))
            return deploymentWide && (targets.contains(target) || (action.service() != null && services.contains(action.service())));
        if (target.startsWith("node/")) return scope == Scope.NODE && targets.contains(target);
        return false;
    }

    long windowEnd(long grace) {
        return Scorer.saturatedAdd(end, grace);
    }

    boolean inWindow(long t, long grace) {
        return t >= start && t <= windowEnd(grace);
    }
}
