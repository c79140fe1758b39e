package dev.homeostat.remediation.remediator;

import dev.homeostat.remediation.model.Anomaly;
import dev.homeostat.remediation.model.ClusterAction;

/** {@code page}: hand the incident's target to a human, saying what was seen, what was tried and what was held back (and why). */
public final class PageRemediator implements Remediator {
    @Override
    public Decision propose(RemediationRequest request) {
        Anomaly a = request.trigger();
        var reason = new StringBuilder("rule ").append(request.rule()).append(": ").append(a.signal()).append(" on ")
                .append(a.target().ref()).append(" (").append(a.detector()).append(" score ")
                .append(String.format(java.util.Locale.ROOT, "%.3g", a.score())).append(')');
        if (a.explanation() != null && !a.explanation().isBlank()) reason.append(": ").append(a.explanation());
        if (!request.previousActions().isEmpty()) {
            reason.append("; still anomalous after ").append(String.join(", ", request.previousActions()));
        }
        // e.g. "restart-pod held back by dependency: checkout calls payments, which is anomalous…": where to look first
        if (request.heldBack() != null) reason.append("; ").append(request.heldBack());
        return new Decision.Act(new ClusterAction.Page(request.target(), reason.toString()));
    }
}
