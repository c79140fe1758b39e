package dev.homeostat.reports.score;

import dev.homeostat.reports.journal.JournalEvent.ActionTaken;

import java.util.List;

/**
 * The score of one engine run against the baseline run (engine off) of the same scenario and seed.
 * Undefined values are null: precision without alert events, recall and F1 without scored incidents,
 * MTTD without detected incidents, MTTR without incidents with impact, reductions when the baseline is 0
 * but the engine run is not.
 *
 * @param incidents             every injected fault of the engine run, no-op injections included (flagged)
 * @param alerts                the engine run's alert events after folding repeats
 * @param baselineIncidents     the baseline run's incidents, scored the same way (for its escalations)
 * @param needlessActions       applied disruptive actions outside every scored incident
 * @param falseAlarmsPerDay     alert events that matched no incident, per day of run time (a no-fault control
 *                              scenario measures the engine's noise with it)
 */
public record RunScore(String scenario, long seed, List<IncidentScore> incidents, List<AlertEvent> alerts,
                       List<IncidentScore> baselineIncidents, Double precision, Double recall, Double f1,
                       Double mttdMillis, Double mttrMillis, long downtimeMillisEngine, long downtimeMillisBaseline,
                       Double downtimeReduction, int escalationsEngine, int escalationsBaseline,
                       Double escalationReduction, List<ActionTaken> needlessActions,
                       double falseAlarmsPerDay) {
    public RunScore {
        incidents = List.copyOf(incidents);
        alerts = List.copyOf(alerts);
        baselineIncidents = List.copyOf(baselineIncidents);
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

    /** 1 − engine / baseline; 0 when both are 0; null when only the baseline is 0 (nothing to reduce, yet worse). */
    public static Double reduction(double engine, double baseline) {
        if (baseline == 0) {
            return engine == 0 ? 0.0 : null;
        }
        return 1 - engine / baseline;
    }
}
