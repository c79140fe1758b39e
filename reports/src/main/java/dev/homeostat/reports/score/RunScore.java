package dev.homeostat.reports.score;

import java.util.List;

/**
 * The score of one engine run against the baseline run (engine off) of the same scenario and seed, as
 * reports/README.md defines each field. Undefined values are null ("n/a"): precision, recall and F1 without
 * scored incidents; MTTD without detected incidents; MTTR without incidents with impact; a reduction when the
 * baseline is 0.
 *
 * @param runMillis              the run's length (its RunEnded)
 * @param incidents              every injected fault of the engine run, no-op injections included (flagged)
 * @param alerts                 the engine run's alert events after folding repeats
 * @param pagesEngine            new pages in the engine run: the engine's own plus the SLO rules' that still fired
 * @param pagesBaseline          new pages in the baseline run: the SLO rules' (plain Kubernetes has no engine)
 * @param enginePagesSent        the part of {@code pagesEngine} the engine sent itself
 * @param incidentsEscalatedEngine   scored incidents with a page about them in the engine run
 * @param incidentsEscalatedBaseline the same incidents with a page about them in the baseline run
 * @param needlessActions        applied disruptive actions no fault called for, or that broke a service's floor
 * @param falseAlarms            alert events that matched no scored incident
 * @param falseAlarmsPerDay      {@code falseAlarms} per day of run time
 * @param escalationsEngine      deprecated (report schema 1): incidents the engine paged about or whose impact
 *                               outlasted the escalation threshold
 * @param escalationsBaseline    deprecated (report schema 1): incidents whose baseline impact outlasted the threshold
 */
public record RunScore(String scenario, long seed, long runMillis, List<IncidentScore> incidents, List<AlertEvent> alerts,
                       Double precision, Double recall, Double f1, Double mttdMillis, Double mttrMillis,
                       Double mttrMillisBaseline, long downtimeMillisEngine, long downtimeMillisBaseline,
                       Double downtimeReduction, int pagesEngine, int pagesBaseline, int enginePagesSent,
                       Double pageReduction, int incidentsEscalatedEngine, int incidentsEscalatedBaseline,
                       List<NeedlessAction> needlessActions, int falseAlarms, double falseAlarmsPerDay,
                       int escalationsEngine, int escalationsBaseline) {
    public RunScore {
        incidents = List.copyOf(incidents);
        alerts = List.copyOf(alerts);
        needlessActions = List.copyOf(needlessActions);
    }

    /** Incidents that count: injections that took effect. */
    public List<IncidentScore> scoredIncidents() {
        return incidents.stream().filter(i -> !i.noOp()).toList();
    }

    public long matchedAlerts() {
        return alerts.stream().filter(AlertEvent::matched).count();
    }

    public long detectedIncidents() {
        return scoredIncidents().stream().filter(IncidentScore::detected).count();
    }

    /** No fault took effect in this run: a control, whose alerts are all false alarms. */
    public boolean noFault() {
        return scoredIncidents().isEmpty();
    }

    /** 1 − engine / baseline; null (n/a) when the baseline is 0: there was nothing to reduce. */
    public static Double reduction(double engine, double baseline) {
        return baseline == 0 ? null : 1 - engine / baseline;
    }
}
