package dev.homeostat.chaos;

import dev.homeostat.chaos.model.Schedule;
import dev.homeostat.chaos.model.ScheduleSpec;
import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.Orchestration;
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
        List<Fault> first = embedded.translate(type, path, spec, ctx, prefix + "-1", at, null, cutAtMs);
        if (cron.next(at.toMillis()) == Long.MAX_VALUE)
            ctx.note(path + ".schedule", "planned: \"" + spec.getSchedule() + "\" never fires within eight years of the run's start, so nothing is injected");
        // a workflow whose runs last as long as the cluster makes them: the Schedule decides Forbid at run time
        if (forbid && !first.isEmpty() && first.stream().allMatch(Orchestration.class::isInstance))
            return runtime(spec, path, prefix, ctx, cron, at, untilMs, cutAtMs, firstOnly);
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

    /** One orchestration for the whole Schedule ({@link ScheduleRun}): each cron firing's workflow run, started or missed at run time. */
    private List<Fault> runtime(ScheduleSpec spec, String path, String prefix, ManifestContext ctx, Cron cron, Duration at, long untilMs, long cutAtMs,
                                boolean firstOnly) {
        var firings = new ArrayList<ScheduleRun.Firing>();
        for (long t = cron.next(at.toMillis()); t <= untilMs && t < cutAtMs; t = cron.next(t)) {
            if (firings.size() >= MAX_EXPERIMENTS)
                throw ctx.fail(path + ".schedule", "creates more than " + MAX_EXPERIMENTS + " experiments in the run; schedule them less often or shorten the run");
            String name = prefix + "-" + (firings.size() + 1);
            var runs = embedded.translate(spec.getType(), path, spec, ctx, name, Duration.ofMillis(t), null, cutAtMs).stream()
                    .map(f -> ((Orchestration) f).actors()).toList();
            firings.add(new ScheduleRun.Firing(t, name, runs.getFirst()));
            if (firstOnly) break;
        }
        if (firings.isEmpty()) return List.of();
        Long deadline = spec.getStartingDeadlineSeconds();
        return List.of(new Orchestration(prefix, Duration.ofMillis(firings.getFirst().atMs()), Duration.ZERO, "Schedule/runtime",
                () -> new ScheduleRun(firings, deadline)));
    }
}
