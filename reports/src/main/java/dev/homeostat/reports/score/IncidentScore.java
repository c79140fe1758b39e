package dev.homeostat.reports.score;

import java.util.List;

/**
 * How one injected fault went in the engine run, beside the same fault in the baseline run (same seed).
 *
 * @param end                 end of the fault window [start, end); equals start for instantaneous faults
 * @param noOp                the injection took no effect (judged on the baseline): listed, never scored
 * @param detectedAt          time of the first matching alert event, null when not detected
 * @param impactEnd           end of the last SLO violation interval of the incident's services overlapping
 *                            [start, end + grace] (an unrestored one ends at RunEnded); null without impact
 * @param restoredAt          time of the SloRestored that ended that interval; null without impact or when unrestored
 * @param fixedBy             who restored it (reports/README.md, "Attribution"): {@code engine}, {@code kubernetes},
 *                            {@code fault-ended}; {@code unrestored} when the run ended first; null without impact
 * @param paged               a page (engine or SLO rules) about the incident's targets, services or upstream services
 *                            went out within [start, end + grace] in the engine run
 * @param baselineImpactEnd   {@code impactEnd} of the same fault in the baseline run; null without impact there
 * @param baselinePaged       {@code paged} in the baseline run (the SLO rules' pages: there is no engine)
 * @param escalated           deprecated (report schema 1): the engine paged, or the impact outlasted the escalation threshold
 * @param baselineEscalated   deprecated (report schema 1): the baseline's impact outlasted the escalation threshold
 */
public record IncidentScore(String fault, String kind, long start, long end, List<String> targets,
                            List<String> services, boolean noOp, Long detectedAt, Long impactEnd, Long restoredAt,
                            String fixedBy, boolean paged, Long baselineImpactEnd, boolean baselinePaged,
                            boolean escalated, boolean baselineEscalated) {
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

    public boolean baselineImpact() {
        return baselineImpactEnd != null;
    }

    /** First matching alert − start, null when not detected. */
    public Long mttdMillis() {
        return detectedAt == null ? null : detectedAt - start;
    }

    /** End of the last overlapping violation − start, null without impact. */
    public Long mttrMillis() {
        return impactEnd == null ? null : impactEnd - start;
    }

    /** The same in the baseline run. */
    public Long baselineMttrMillis() {
        return baselineImpactEnd == null ? null : baselineImpactEnd - start;
    }
}
