package dev.homeostat.remediation.router;

import dev.homeostat.remediation.slo.Healing;
import dev.homeostat.remediation.slo.PageSeverity;

/**
 * Holds back the engine's pages the team's own SLO policy would not page for ({@link PageSeverity}), and keeps an
 * incident whose page it holds while it still alerts, so the page goes out if the burn reaches the rate and a quiet
 * incident ends without one. Without {@code spec.paging} every page goes out.
 */
final class PageGate {
    static final String GUARD = "severity";
    private final PageSeverity severity;
    private final long lookbackMillis;

    PageGate(PageSeverity severity, long lookbackMillis) {
        this.severity = severity;
        this.lookbackMillis = lookbackMillis;
    }

    /** Null when a page about the incident goes out now; else why it is held back. */
    String held(Incident incident, long now) {
        if (severity == null) return null;
        String service = Healing.ref(incident.current, incident.eventService(incident.current));
        return service == null ? null : severity.belowPaging(service, incident.openedAt - lookbackMillis, now);
    }

    /** An escalated incident whose page is held back stays while it alerted within the lookback. */
    boolean keeps(Incident incident, long now) {
        return incident.deferredPage != null && !incident.paged && incident.lastEvidenceAt >= now - lookbackMillis;
    }
}
