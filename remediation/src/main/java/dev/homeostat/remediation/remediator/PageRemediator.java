package dev.homeostat.remediation.remediator;

import dev.homeostat.remediation.model.Anomaly;
import dev.homeostat.remediation.model.ClusterAction;

/** {@code page}: hand the incident's target to a human, saying what was seen and what was tried. */
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
        return new Decision.Act(new ClusterAction.Page(request.target(), reason.toString()));
    }
}
