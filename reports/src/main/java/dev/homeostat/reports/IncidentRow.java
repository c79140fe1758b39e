package dev.homeostat.reports;

import dev.homeostat.reports.score.IncidentScore;

/**
 * One incident of one seed as report.json lists it. Times are seconds since the run started; {@code mttd}
 * and {@code mttr} are seconds after {@code start}; nulls where undefined (not detected, no impact, unrestored).
 * {@code mttrBaseline} and {@code pagedBaseline} are the same fault in the baseline run; {@code escalated} is
 * deprecated (report schema 1's definition).
 */
public record IncidentRow(long seed, String fault, String kind, double start, Double detectedAt, Double mttd,
                          Double restoredAt, String fixedBy, boolean noOp, double end, Double mttr, Double mttrBaseline,
                          boolean paged, boolean pagedBaseline, boolean escalated) {

    public static IncidentRow of(long seed, IncidentScore incident) {
        return new IncidentRow(seed, incident.fault(), incident.kind(), incident.start() / 1000.0,
                seconds(incident.detectedAt()), seconds(incident.mttdMillis()), seconds(incident.restoredAt()),
                incident.fixedBy(), incident.noOp(), incident.end() / 1000.0, seconds(incident.mttrMillis()),
                seconds(incident.baselineMttrMillis()), incident.paged(), incident.baselinePaged(), incident.escalated());
    }

    private static Double seconds(Long millis) {
        return millis == null ? null : millis / 1000.0;
    }
}
