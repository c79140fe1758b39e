package dev.homeostat.remediation.router;

import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.slo.Healing;
import dev.homeostat.remediation.slo.PageSeverity;

/**
 * Holds back the engine's pages a human already has or the team's own SLO policy would not page for, and keeps an
 * incident whose page it holds while it still alerts, so the page goes out once it is due and a quiet incident ends
 * without one: while the team's SLO page for a service the page stands for is open ({@link TeamPages}: the human has
 * the incident; the engine's diagnosis stays in the journal), and, with {@code spec.paging}, until that policy would
 * page ({@link PageSeverity}).
 */
final class PageGate {
    static final String GUARD = "severity";
    static final String PAGED = "paged";
    private final PageSeverity severity;
    private final TeamPages team;
    private final java.util.function.Function<Long, dev.homeostat.remediation.guard.CallGraph> graph;
    private final long lookbackMillis;

    PageGate(PageSeverity severity, TeamPages team, java.util.function.Function<Long, dev.homeostat.remediation.guard.CallGraph> graph, long lookbackMillis) {
        this.severity = severity;
        this.team = team;
        this.graph = graph;
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
        if (incident.pageStandsFor == null) {
            String service = Healing.ref(incident.current, incident.eventService(incident.current));
            // the callers are read once per incident: a held page is asked again every evaluation
            incident.pageStandsFor = service == null ? java.util.Set.of() : Healing.withCallers(graph, service, now);
        }
        String paged = team.openFor(incident.pageStandsFor);
        if (paged != null) return hold(incident, now, page, held, PAGED, "the team's SLO page for " + paged
                + " is open: a human has this incident; its diagnosis and what was tried stay in the journal, not a second page");
        if (severity == null) return false;
        long from = incident.openedAt - lookbackMillis;
        if (incident.pageStandsFor.isEmpty() || severity.pageWorthy(incident.pageStandsFor, from, now)) return false;
        return hold(incident, now, page, held, GUARD, null);
    }

    /** Holds {@code page} back: remembered, journaled once per step and reason ({@code why}; null: the severity's). */
    private boolean hold(Incident incident, long now, ClusterAction.Page page, Held held, String guard, String why) {
        if (incident.deferredPage == null) incident.deferredPage = page.reason();
        String key = incident.step + " " + guard;
        if (!key.equals(incident.lastVeto)) {
            long from = incident.openedAt - lookbackMillis;
            held.journal(now, page, incident, guard, why != null ? why : severity.whyHeld(incident.pageStandsFor, from, now));
        }
        incident.lastVeto = key;
        return true;
    }

    /** An escalated incident whose page is held back stays while it alerted within the lookback. */
    boolean keeps(Incident incident, long now) {
        return incident.deferredPage != null && !incident.paged && incident.lastEvidenceAt >= now - lookbackMillis;
    }
}
