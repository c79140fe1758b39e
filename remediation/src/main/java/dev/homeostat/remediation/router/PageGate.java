package dev.homeostat.remediation.router;

import dev.homeostat.remediation.model.ClusterAction;
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

    /** How a held page is journaled: the router's HELD action. */
    interface Held {
        void journal(long now, ClusterAction action, Incident incident, String guard, String detail);
    }

    /**
     * Whether {@code page} is held back now: journaled once per step through {@code held}, and remembered so that it
     * goes out if the burn reaches the rate while the incident lasts.
     */
    boolean holds(Incident incident, long now, ClusterAction.Page page, Held held) {
        if (severity == null) return false;
        if (incident.pageStandsFor == null) {
            String service = Healing.ref(incident.current, incident.eventService(incident.current));
            // the callers are read once per incident: a held page is asked again every evaluation
            incident.pageStandsFor = service == null ? java.util.Set.of() : severity.standsFor(service, now);
        }
        long from = incident.openedAt - lookbackMillis;
        if (incident.pageStandsFor.isEmpty() || severity.pageWorthy(incident.pageStandsFor, from, now)) return false;
        if (incident.deferredPage == null) incident.deferredPage = page.reason();
        String key = incident.step + " " + GUARD;
        if (!key.equals(incident.lastVeto)) held.journal(now, page, incident, GUARD, severity.whyHeld(incident.pageStandsFor, from, now));
        incident.lastVeto = key;
        return true;
    }

    /** An escalated incident whose page is held back stays while it alerted within the lookback. */
    boolean keeps(Incident incident, long now) {
        return incident.deferredPage != null && !incident.paged && incident.lastEvidenceAt >= now - lookbackMillis;
    }
}
