package dev.homeostat.chaos;

import dev.homeostat.chaos.model.Workflow;
import dev.homeostat.chaos.model.WorkflowSpec;
import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.Orchestration;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Workflow: the {@link WorkflowPlan} timed from {@code spec.entry} at the apply time. Serial runs its children one
 * after another, Parallel all at once (it ends with the last), Suspend waits its deadline; an experiment step lasts
 * its {@code deadline} (its own {@code duration} when that is shorter; without a deadline, its duration); a Schedule
 * step fires until its deadline. A {@code deadline} on Serial or Parallel cuts what runs past it: later children are
 * dropped, running ones shortened. Faults are named {@code <workflow>-<template>} ({@code -2}, {@code -3} … when a
 * template runs again; {@code -<n>} per firing of a Schedule step).
 *
 * <p>A workflow with a Task or StatusCheck template depends on the cluster at run time: it becomes one
 * {@link Orchestration} named after the workflow, whose actor ({@link WorkflowRun}) walks the same plan in the
 * simulation and injects the faults as the steps reach them. Every experiment it may run is translated once here, so
 * a bad one fails the check, not the run.
 */
final class WorkflowTranslator implements FaultTranslator<Workflow> {
    /** The kind of the orchestration a workflow with a Task or StatusCheck becomes. */
    static final String RUNTIME_KIND = "Workflow/runtime";
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
        WorkflowPlan plan = WorkflowPlan.of(spec, specPath, ctx);
        boolean runtime = plan.steps().values().stream().anyMatch(s -> s instanceof WorkflowPlan.Task || s instanceof WorkflowPlan.StatusCheck);
        if (runtime) {
            checkEveryStep(plan, prefix, ctx, at);
            return List.of(new Orchestration(prefix, at, Duration.ZERO, RUNTIME_KIND,
                    () -> new WorkflowRun(plan, new StepFaults(embedded, schedules, prefix, ctx.detached()), at.toMillis(), capMs)));
        }
        var steps = new StepFaults(embedded, schedules, prefix, ctx);
        new Walk(plan, steps).run(plan.entry(), at.toMillis(), capMs);
        return List.copyOf(steps.faults);
    }

    /** Translates each experiment and Schedule step once, as if it ran at {@code at}, for its errors and notes; notes a Task the simulation cannot judge. */
    private void checkEveryStep(WorkflowPlan plan, String prefix, ManifestContext ctx, Duration at) {
        var steps = new StepFaults(embedded, schedules, prefix, ctx.withHorizon(Horizon.firstFiring()));
        long t = at.toMillis();
        for (WorkflowPlan.Step s : plan.steps().values()) {
            switch (s) {
                case WorkflowPlan.Chaos c -> steps.chaos(c, t, Long.MAX_VALUE);
                case WorkflowPlan.Schedule x -> steps.schedule(x, t, x.deadline().map(d -> t + d.toMillis()).orElse(Long.MAX_VALUE));
                case WorkflowPlan.Task task when !task.command().judged() -> ctx.note(task.path() + ".task.container",
                        "the simulation cannot judge this container (no exit, echo or http URL in its command): it is taken to exit 0");
                default -> { }
            }
        }
    }

    /** The static timeline: every step's time is known at translation. */
    private record Walk(WorkflowPlan plan, StepFaults steps) {
        /** Runs step {@code name} from {@code start} (ms), never past {@code cap}; returns when it ends. */
        long run(String name, long start, long cap) {
            WorkflowPlan.Step step = plan.steps().get(name);
            Optional<Duration> deadline = step.deadline();
            long limit = deadline.map(d -> Math.min(cap, StepFaults.saturatedAdd(start, d.toMillis()))).orElse(cap);
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
                case WorkflowPlan.Chaos c -> steps.chaos(c, start, limit);
                case WorkflowPlan.Schedule s -> steps.schedule(s, start, limit);
                case WorkflowPlan.Task t -> throw new IllegalStateException("a plan with a Task runs at run time: " + t.name());
                case WorkflowPlan.StatusCheck c -> throw new IllegalStateException("a plan with a StatusCheck runs at run time: " + c.name());
            };
        }
    }
}
