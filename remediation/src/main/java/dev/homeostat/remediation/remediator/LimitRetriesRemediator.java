package dev.homeostat.remediation.remediator;

import dev.homeostat.remediation.diagnosis.Diagnoser;
import dev.homeostat.remediation.diagnosis.Diagnosis;
import dev.homeostat.remediation.model.Anomaly;
import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.Target;

/**
 * {@code limit-retries}: stop the callers of a slow dependency from retrying toward it, so their retries do not
 * multiply its load into an outage (a retry storm). A service target is the dependency; for a pod or deployment
 * target it is the service its anomaly came from. Skipped while the dependency has lost pods (its diagnosis'
 * {@code lostPods}: a dead node's, crash-looping, unschedulable): a retry then lands on a pod that still serves, so the
 * callers' retries mask those failures, and cutting them would hand the failures to the users. Passed on at once when
 * its callers have recovered (none raised an anomaly in the last minute): their retries succeed where its first answer
 * fails, and cutting them would fail their users again.
 */
public final class LimitRetriesRemediator implements Remediator {
    @Override
    public Decision propose(RemediationRequest request) {
        Targets.Found found = Targets.service(request);
        if (found.present() && request.diagnosis() instanceof Diagnosis.Dependency d && !d.lostPods().isEmpty()) {
            Target service = found.target();
            return new Decision.Skip(new ClusterAction.LimitRetries(service), service.ref() + " has " + d.lostPods().size()
                    + " pod(s) that do not serve " + d.lostPods().stream().map(Target::name).toList()
                    + ": its callers' retries reach the pods still serving and mask those failures; cutting them would not relieve it");
        }
        if (found.present() && request.diagnosis() instanceof Diagnosis.Dependency d && recovered(d, request.recentAnomalies())) {
            Target service = found.target();
            return new Decision.Next(new ClusterAction.LimitRetries(service), "its callers " + d.callers() + " raised no anomaly in the last"
                    + " minute: their retries mask what " + service.ref() + " still fails, and cutting them would hand those failures to their users");
        }
        return Remediators.decide(found, request, ClusterAction.LimitRetries::new);
    }

    /** How recent a caller's anomaly must be for its retries to be piling onto the dependency still: one rate window. */
    static final long CALLERS_FAILING_MILLIS = 60_000;

    /**
     * Whether every caller of the dependency has been quiet for {@link #CALLERS_FAILING_MILLIS} before the newest anomaly
     * of the lookback (the tick's): they were anomalous within the lookback, so the diagnosis still names them, but their
     * retries now succeed where the dependency's first answer fails.
     */
    private static boolean recovered(Diagnosis.Dependency d, java.util.List<Anomaly> recent) {
        long newest = Long.MIN_VALUE, callers = Long.MIN_VALUE;
        for (Anomaly a : recent) {
            newest = Math.max(newest, a.timeMillis());
            String service = Diagnoser.serviceOf(a);
            if (service != null && d.callers().contains(service)) callers = Math.max(callers, a.timeMillis());
        }
        return callers != Long.MIN_VALUE && newest - callers >= CALLERS_FAILING_MILLIS;
    }
}
