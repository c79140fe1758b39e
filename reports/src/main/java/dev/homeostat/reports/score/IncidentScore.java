package dev.homeostat.reports.score;

import java.util.List;

/**
 * How one injected fault went.
 *
 * @param end        end of the fault window [start, end); equals start for instantaneous faults
 * @param noOp       the injection took no effect (tookEffect=false): listed, never scored
 * @param detectedAt time of the first matching alert event, null when not detected
 * @param impactEnd  end of the last SLO violation interval of the incident's services overlapping
 *                   [start, end + grace] (an unrestored one ends at RunEnded); null without impact
 * @param restoredAt time of the SloRestored that ended that interval; null without impact or when unrestored
 * @param fixedBy    the {@code by} of that SloRestored ({@code engine}, {@code kubernetes}, {@code fault-ended}),
 *                   {@code unknown} when it named nobody, {@code unrestored} when the run ended first; null without impact
 * @param paged      the engine escalated to a human on a target, service or upstream service of the incident
 *                   within [start, end + grace]
 * @param escalated  paged, or the impact lasted longer than the escalation threshold after start
 */
public record IncidentScore(String fault, String kind, long start, long end, List<String> targets,
                            List<String> services, boolean noOp, Long detectedAt, Long impactEnd, Long restoredAt,
                            String fixedBy, boolean paged, boolean escalated) {
    public IncidentScore {
        targets = List.copyOf(targets);
        services = List.copyOf(services);
    }

    public boolean detected() {
        return detectedAt != null;
    }

    public boolean impact() {
        return impactEnd != null;
    }

    /** First matching alert − start, null when not detected. */
    public Long mttdMillis() {
        return detectedAt == null ? null : detectedAt - start;
    }

    /** End of the last overlapping violation − start, null without impact. */
    public Long mttrMillis() {
        return impactEnd == null ? null : impactEnd - start;
    }
}
