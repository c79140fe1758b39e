package dev.homeostat.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homeostat.chaos.model.EmbeddedChaos;
import dev.homeostat.simulator.fault.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The faults of a Workflow's experiment and Schedule steps, named {@code <prefix>-<template>} ({@code -2}, {@code -3}
 * … when a template runs again), timed as {@link WorkflowTranslator} documents; shared by the timeline computed at
 * translation and the one a {@link WorkflowRun} walks at run time.
 */
final class StepFaults {
    private final EmbeddedExperiments embedded;
    private final ScheduleTranslator schedules;
    private final String prefix;
    private final ManifestContext ctx;
    private final Map<String, Integer> runs = new HashMap<>();
    final List<Fault> faults = new ArrayList<>();

    StepFaults(EmbeddedExperiments embedded, ScheduleTranslator schedules, String prefix, ManifestContext ctx) {
        this.embedded = embedded;
        this.schedules = schedules;
        this.prefix = prefix;
        this.ctx = ctx;
    }

    ManifestContext ctx() { return ctx; }

    String faultName(String template) {
        int n = runs.merge(template, 1, Integer::sum);
        return prefix + "-" + template + (n == 1 ? "" : "-" + n);
    }

    /** Runs the experiment step from {@code start} (ms), never past {@code limit}; returns when it ends. */
    long chaos(WorkflowPlan.Chaos c, long start, long limit) {
        if (start >= limit) return start; // cut off by an ancestor's deadline
        String specPath = c.path() + "." + EmbeddedChaos.FIELD_OF_KIND.get(c.kind());
        Duration length = c.deadline().map(d -> shorter(d, ownDuration(specPath))).orElse(null);
        List<Fault> fs = embedded.translate(c.kind(), c.path(), c.template(), ctx, faultName(c.name()), Duration.ofMillis(start), length, limit);
        faults.addAll(fs);
        long end = c.deadline().map(d -> saturatedAdd(start, d.toMillis())).orElse(start + EmbeddedExperiments.longest(fs).toMillis());
        return Math.min(end, limit);
    }

    /** Fires the Schedule step from {@code start} until {@code limit} (or the horizon, unbounded); returns its end. */
    long schedule(WorkflowPlan.Schedule s, long start, long limit) {
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

    private static Duration shorter(Duration deadline, Duration own) {
        return own != null && !own.isZero() && own.compareTo(deadline) < 0 ? own : deadline;
    }

    static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
