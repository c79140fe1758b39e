package dev.homeostat.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homeostat.chaos.model.EmbeddedChaos;
import dev.homeostat.chaos.model.Workflow;
import dev.homeostat.chaos.model.WorkflowSpec;
import dev.homeostat.simulator.fault.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Workflow: the {@link WorkflowPlan} timed from {@code spec.entry} at the apply time. Serial runs its children one
 * after another, Parallel all at once (it ends with the last), Suspend waits its deadline; an experiment step lasts
 * its {@code deadline} (its own {@code duration} when that is shorter; without a deadline, its duration); a Schedule
 * step fires until its deadline. A {@code deadline} on Serial or Parallel cuts what runs past it: later children are
 * dropped, running ones shortened. Faults are named {@code <workflow>-<template>} ({@code -2}, {@code -3} … when a
 * template runs again; {@code -<n>} per firing of a Schedule step). Task and StatusCheck steps need a runtime
 * condition (planned): the static timeline stops there and the workflow is refused as not modelled yet.
 */
final class WorkflowTranslator implements FaultTranslator<Workflow> {
    private final EmbeddedExperiments embedded;
    private final ScheduleTranslator schedules;

    WorkflowTranslator(TranslatorRegistry registry) {
        this.embedded = new EmbeddedExperiments(registry);
        this.schedules = new ScheduleTranslator(registry);
    }

    @Override public Class<Workflow> modelType() { return Workflow.class; }

    @Override public List<Fault> translate(Workflow workflow, ManifestContext ctx) {
        WorkflowSpec spec = workflow.getSpec();
        if (spec == null) throw ctx.fail("spec", "required: a Workflow needs spec.entry and spec.templates");
        return run(spec, "spec", ctx.name(), ctx, ctx.appliedAt(), Long.MAX_VALUE);
    }

    /** The faults of the workflow at {@code specPath}, started at {@code at}, named {@code prefix-<template>}, none past {@code capMs}. */
    List<Fault> run(WorkflowSpec spec, String specPath, String prefix, ManifestContext ctx, Duration at, long capMs) {
        var walk = new Walk(WorkflowPlan.of(spec, specPath, ctx), prefix, ctx);
        walk.run(walk.plan.entry(), at.toMillis(), capMs);
        return List.copyOf(walk.faults);
    }

    private final class Walk {
        final WorkflowPlan plan;
        final String prefix;
        final ManifestContext ctx;
        final List<Fault> faults = new ArrayList<>();
        final Map<String, Integer> runs = new HashMap<>();

        Walk(WorkflowPlan plan, String prefix, ManifestContext ctx) {
            this.plan = plan;
            this.prefix = prefix;
            this.ctx = ctx;
        }

        /** Runs step {@code name} from {@code start} (ms), never past {@code cap}; returns when it ends. */
        long run(String name, long start, long cap) {
            WorkflowPlan.Step step = plan.steps().get(name);
            Optional<Duration> deadline = step.deadline();
            long limit = deadline.map(d -> Math.min(cap, saturatedAdd(start, d.toMillis()))).orElse(cap);
            return switch (step) {
                case WorkflowPlan.Serial s -> {
                    long t = start;
                    for (String child : s.children()) {
                        if (t >= limit) break;
                        t = run(child, t, limit);
                    }
                    yield Math.min(t, limit);
                }
                case WorkflowPlan.Parallel p -> {
                    long end = start;
                    for (String child : p.children()) end = Math.max(end, run(child, start, limit));
                    yield Math.min(end, limit);
                }
                case WorkflowPlan.Suspend s -> limit;
                case WorkflowPlan.Chaos c -> chaos(c, start, limit);
                case WorkflowPlan.Schedule s -> schedule(s, start, limit);
                case WorkflowPlan.Task t -> {
                    ctx.notModelledYet(t.path() + ".templateType", "a Task's container exit code and output pick the next step, "
                            + "which needs a simulator condition (planned)");
                    yield start;
                }
                case WorkflowPlan.StatusCheck c -> {
                    ctx.notModelledYet(c.path() + ".templateType", "a StatusCheck's outcome decides when the step ends"
                            + (c.abort() ? " and whether the workflow goes on" : "") + ", which needs a simulated HTTP check (planned)");
                    yield start;
                }
            };
        }

        private String faultName(String template) {
            int n = runs.merge(template, 1, Integer::sum);
            return prefix + "-" + template + (n == 1 ? "" : "-" + n);
        }

        private long chaos(WorkflowPlan.Chaos c, long start, long limit) {
            if (start >= limit) return start; // cut off by an ancestor's deadline
            String specPath = c.path() + "." + EmbeddedChaos.FIELD_OF_KIND.get(c.kind());
            Duration length = c.deadline().map(d -> shorter(d, ownDuration(specPath))).orElse(null);
            List<Fault> fs = embedded.translate(c.kind(), c.path(), c.template(), ctx, faultName(c.name()), Duration.ofMillis(start), length, limit);
            faults.addAll(fs);
            long end = c.deadline().map(d -> saturatedAdd(start, d.toMillis())).orElse(start + EmbeddedExperiments.longest(fs).toMillis());
            return Math.min(end, limit);
        }

        private long schedule(WorkflowPlan.Schedule s, long start, long limit) {
            if (start >= limit) return start;
            boolean bounded = limit != Long.MAX_VALUE;
            long until = bounded ? limit : ScheduleTranslator.end(ctx.horizon());
            boolean firstOnly = !bounded && ctx.horizon() instanceof Horizon.FirstFiring;
            faults.addAll(schedules.fire(s.template().getSchedule(), s.path() + ".schedule", faultName(s.name()), ctx, Duration.ofMillis(start),
                    until, limit, firstOnly));
            return limit;
        }

        /** The embedded spec's own {@code duration}, when it has one (Chaos Mesh lets the step's deadline cut it). */
        private Duration ownDuration(String specPath) {
            JsonNode d = ctx.at(specPath + ".duration");
            return d.isTextual() ? ctx.optionalDuration(specPath + ".duration", d.asText()).orElse(null) : null;
        }
    }

    private static Duration shorter(Duration deadline, Duration own) {
        return own != null && !own.isZero() && own.compareTo(deadline) < 0 ? own : deadline;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
