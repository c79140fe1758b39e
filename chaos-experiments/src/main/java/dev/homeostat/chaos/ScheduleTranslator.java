package dev.homeostat.chaos;

import dev.homeostat.chaos.model.Schedule;
import dev.homeostat.chaos.model.ScheduleSpec;
import dev.homeostat.simulator.fault.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Schedule: the embedded experiment ({@code spec.type} and its spec), or a Workflow, created at the firings
 * {@link Firings} gives for {@code spec.schedule}, {@code concurrencyPolicy} and {@code startingDeadlineSeconds}; the
 * n-th is named {@code <schedule>-<n>}. How many firings become faults is the {@link Horizon}'s choice: all up to the
 * run's end, or the first only. {@code historyLimit} only prunes finished objects live.
 */
final class ScheduleTranslator implements FaultTranslator<Schedule> {
    /** More experiments than this from one Schedule in one run is surely a mistake (e.g. @every 1s over a week). */
    static final int MAX_EXPERIMENTS = 100_000;
    private final EmbeddedExperiments embedded;

    ScheduleTranslator(TranslatorRegistry registry) { this.embedded = new EmbeddedExperiments(registry); }

    @Override public Class<Schedule> modelType() { return Schedule.class; }

    @Override public List<Fault> translate(Schedule schedule, ManifestContext ctx) {
        ScheduleSpec spec = schedule.getSpec();
        if (spec == null) throw ctx.fail("spec", "required: a Schedule needs spec.schedule, spec.type and the experiment's spec");
        return fire(spec, "spec", ctx.name(), ctx, ctx.appliedAt(), end(ctx.horizon()), Long.MAX_VALUE, ctx.horizon() instanceof Horizon.FirstFiring);
    }

    /** The run's end for this horizon; {@link Long#MAX_VALUE} when only the first firing counts. */
    static long end(Horizon horizon) {
        return switch (horizon) {
            case Horizon.Until u -> u.end().toMillis();
            case Horizon.FirstFiring f -> Long.MAX_VALUE;
        };
    }

    /**
     * The faults of a Schedule (at {@code path}, e.g. {@code spec} or {@code spec.templates[3].schedule}) applied at
     * {@code at}, its experiments named {@code prefix-<n>}, firing up to {@code untilMs} and cut at {@code cutAtMs}
     * (a Workflow step's deadline deletes the Schedule and what it created).
     */
    List<Fault> fire(ScheduleSpec spec, String path, String prefix, ManifestContext ctx, Duration at, long untilMs, long cutAtMs, boolean firstOnly) {
        Cron cron;
        try {
            cron = Cron.parse(spec.getSchedule());
        } catch (IllegalArgumentException e) {
            throw ctx.fail(path + ".schedule", e.getMessage());
        }
        String type = spec.getType();
        if (type == null || type.isBlank()) throw ctx.fail(path + ".type", "required: the kind of experiment to create, e.g. type: PodChaos");
        boolean forbid = spec.getConcurrencyPolicy() == null || !spec.getConcurrencyPolicy().equals("Allow");
        // Translate once at the apply time, so a bad embedded spec fails even when the schedule never fires in the run.
        embedded.translate(type, path, spec, ctx, prefix + "-1", at, null, cutAtMs);
        if (cron.next(at.toMillis()) == Long.MAX_VALUE)
            ctx.note(path + ".schedule", "planned: \"" + spec.getSchedule() + "\" never fires within eight years of the run's start, so nothing is injected");
        var faults = new ArrayList<Fault>();
        int max = firstOnly ? 0 : MAX_EXPERIMENTS;
        List<Long> starts = Firings.starts(cron, at.toMillis(), untilMs, forbid, spec.getStartingDeadlineSeconds(), max, (n, start) -> {
            List<Fault> fs = embedded.translate(type, path, spec, ctx, prefix + "-" + n, Duration.ofMillis(start), null, cutAtMs);
            faults.addAll(fs);
            return EmbeddedExperiments.longest(fs).toMillis();
        });
        if (!firstOnly && starts.size() > MAX_EXPERIMENTS)
            throw ctx.fail(path + ".schedule", "creates more than " + MAX_EXPERIMENTS + " experiments in the run; schedule them less often or shorten the run");
        return List.copyOf(faults);
    }
}
