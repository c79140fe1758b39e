package dev.homeostat.chaos;

import dev.homeostat.chaos.model.Schedule;
import dev.homeostat.chaos.model.ScheduleSpec;
import dev.homeostat.simulator.fault.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Schedule: the embedded experiment ({@code spec.type} and its spec) is created at every fire time of
 * {@code spec.schedule} after the manifest is applied, up to the run's horizon; the n-th one is named
 * {@code <schedule>-<n>}. {@code concurrencyPolicy: Forbid} (Chaos Mesh's default) skips a fire time
 * while the previous experiment still runs; {@code Allow} lets them overlap. {@code historyLimit} and
 * {@code startingDeadlineSeconds} are accepted and change nothing here (the first only prunes finished
 * objects; the simulated controller is never late).
 */
final class ScheduleTranslator implements FaultTranslator<Schedule> {
    /** More experiments than this from one Schedule is surely a mistake (e.g. @every 1s over a day). */
    static final int MAX_EXPERIMENTS = 10_000;
    private static final List<String> SPEC_FIELDS = List.of("schedule", "type", "concurrencyPolicy", "historyLimit", "startingDeadlineSeconds",
            "podChaos", "networkChaos", "stressChaos", "httpChaos", "ioChaos", "timeChaos", "dnsChaos");
    private final EmbeddedExperiments embedded;

    ScheduleTranslator(TranslatorRegistry registry) { this.embedded = new EmbeddedExperiments(registry); }

    @Override public Class<Schedule> modelType() { return Schedule.class; }

    @Override public List<Fault> translate(Schedule schedule, ManifestContext ctx) {
        ScheduleSpec spec = schedule.getSpec();
        if (spec == null) throw ctx.fail("spec", "required: a Schedule needs spec.schedule, spec.type and the experiment's spec");
        Cron cron;
        try {
            cron = Cron.parse(spec.getSchedule());
        } catch (IllegalArgumentException e) {
            throw ctx.fail("spec.schedule", e.getMessage());
        }
        String policy = spec.getConcurrencyPolicy() == null ? "Forbid" : spec.getConcurrencyPolicy();
        if (!policy.equals("Forbid") && !policy.equals("Allow"))
            throw ctx.fail("spec.concurrencyPolicy", "unknown policy \"" + policy + "\"; use Forbid (skip while one runs) or Allow");
        if (spec.getHistoryLimit() != null && spec.getHistoryLimit() < 1) throw ctx.fail("spec.historyLimit", "must be >= 1, was " + spec.getHistoryLimit());
        if (spec.getStartingDeadlineSeconds() != null && spec.getStartingDeadlineSeconds() < 0)
            throw ctx.fail("spec.startingDeadlineSeconds", "must be >= 0, was " + spec.getStartingDeadlineSeconds());
        String type = spec.getType();
        if (type == null || type.isBlank()) throw ctx.fail("spec.type", "required: the kind of experiment to create, e.g. type: PodChaos");
        if (type.equals("Workflow")) throw ctx.fail("spec.type", "a Schedule of Workflows is not modelled yet; schedule an experiment kind, or apply the Workflow itself");
        ctx.rejectUnknownFields("spec", filterKnown(spec), SPEC_FIELDS);
        // translate once at the apply time: a bad embedded spec fails even when the schedule never fires in the run
        embedded.translate(type, "spec.type", spec, "spec", ctx, ctx.name() + "-1", ctx.appliedAt(), null);
        List<Long> fires = cron.fires(ctx.appliedAt().toMillis(), ctx.horizon().toMillis(), MAX_EXPERIMENTS);
        if (fires.size() > MAX_EXPERIMENTS)
            throw ctx.fail("spec.schedule", "creates more than " + MAX_EXPERIMENTS + " experiments over the run; schedule them less often");
        List<Fault> out = new ArrayList<>();
        long busyUntil = Long.MIN_VALUE;
        int n = 0;
        for (long fire : fires) {
            if (policy.equals("Forbid") && fire < busyUntil) continue;
            n++;
            List<Fault> faults = embedded.translate(type, "spec.type", spec, "spec", ctx, ctx.name() + "-" + n, Duration.ofMillis(fire), null);
            busyUntil = fire + EmbeddedExperiments.longest(faults).toMillis();
            out.addAll(faults);
        }
        return List.copyOf(out);
    }

    /** Unknown fields of the spec other than the embedded kinds (those are checked by the embedding). */
    private static java.util.Map<String, Object> filterKnown(ScheduleSpec spec) {
        return spec.getAdditionalProperties();
    }
}
