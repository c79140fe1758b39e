package dev.homeostat.chaos;

import dev.homeostat.chaos.model.EmbeddedChaos;
import dev.homeostat.chaos.model.Workflow;
import dev.homeostat.chaos.model.WorkflowSpec;
import dev.homeostat.chaos.model.WorkflowTemplate;
import dev.homeostat.simulator.fault.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Workflow: walks the templates from {@code spec.entry} and gives each experiment template a start time
 * from the structure. Serial runs its children one after another, Parallel all at once (it ends with
 * the last), Suspend waits its deadline; an experiment template lasts its {@code deadline} (or, without
 * one, its own {@code duration}; an instantaneous one ends at once). A {@code deadline} on Serial or
 * Parallel cuts what runs past it: later children are dropped, running ones shortened. Faults are
 * named {@code <workflow>-<template>}, {@code -2}, {@code -3} … when a template runs again. Task,
 * conditional branches, status checks and Schedule templates are not modelled (clear error).
 */
final class WorkflowTranslator implements FaultTranslator<Workflow> {
    private static final List<String> TEMPLATE_FIELDS = List.of("name", "templateType", "deadline", "children",
            "podChaos", "networkChaos", "stressChaos", "httpChaos", "ioChaos", "timeChaos", "dnsChaos");
    private final EmbeddedExperiments embedded;

    WorkflowTranslator(TranslatorRegistry registry) { this.embedded = new EmbeddedExperiments(registry); }

    @Override public Class<Workflow> modelType() { return Workflow.class; }

    @Override public List<Fault> translate(Workflow workflow, ManifestContext ctx) {
        WorkflowSpec spec = workflow.getSpec();
        if (spec == null) throw ctx.fail("spec", "required: a Workflow needs spec.entry and spec.templates");
        ctx.rejectUnknownFields("spec", spec.getAdditionalProperties(), List.of("entry", "templates"));
        List<WorkflowTemplate> templates = spec.getTemplates() == null ? List.of() : spec.getTemplates();
        if (templates.isEmpty()) throw ctx.fail("spec.templates", "required: at least one template");
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < templates.size(); i++) {
            WorkflowTemplate t = templates.get(i);
            String path = "spec.templates[" + i + "]";
            if (t == null || t.getName() == null || t.getName().isBlank()) throw ctx.fail(path + ".name", "required: each template needs a name");
            if (index.putIfAbsent(t.getName(), i) != null) throw ctx.fail(path + ".name", "template \"" + t.getName() + "\" is defined twice; names must be unique");
        }
        if (spec.getEntry() == null || !index.containsKey(spec.getEntry()))
            throw ctx.fail("spec.entry", "must name a template; templates: " + String.join(", ", index.keySet()));
        var walk = new Walk(templates, index, ctx);
        walk.run(spec.getEntry(), ctx.appliedAt().toMillis(), Long.MAX_VALUE, new ArrayList<>());
        return List.copyOf(walk.faults);
    }

    private final class Walk {
        final List<WorkflowTemplate> templates;
        final Map<String, Integer> index;
        final ManifestContext ctx;
        final List<Fault> faults = new ArrayList<>();
        final Map<String, Integer> runs = new HashMap<>();

        Walk(List<WorkflowTemplate> templates, Map<String, Integer> index, ManifestContext ctx) {
            this.templates = templates;
            this.index = index;
            this.ctx = ctx;
        }

        /** Runs template {@code name} from {@code start} (ms), never past {@code cap}; returns when it ends. */
        long run(String name, long start, long cap, List<String> stack) {
            int i = index.get(name);
            WorkflowTemplate t = templates.get(i);
            String path = "spec.templates[" + i + "]";
            if (stack.contains(name)) throw ctx.fail(path + ".name", "template \"" + name + "\" contains itself (" + String.join(" -> ", stack) + " -> " + name + "); remove the cycle");
            ctx.rejectUnknownFields(path, t.getAdditionalProperties(), TEMPLATE_FIELDS);
            String notModelled = "not modelled by the simulator; use Serial, Parallel, Suspend and experiment templates";
            ctx.rejectNotModelled(path + ".task", t.getTask() != null, notModelled);
            ctx.rejectNotModelled(path + ".conditionalBranches", t.getConditionalBranches() != null, notModelled);
            ctx.rejectNotModelled(path + ".statusCheck", t.getStatusCheck() != null, notModelled);
            ctx.rejectNotModelled(path + ".abortWithStatusCheck", t.getAbortWithStatusCheck() != null, notModelled);
            ctx.rejectNotModelled(path + ".schedule", t.getSchedule() != null, notModelled);
            String type = t.getTemplateType();
            if (type == null || type.isBlank())
                throw ctx.fail(path + ".templateType", "required: Serial, Parallel, Suspend or an experiment kind (" + String.join(", ", EmbeddedChaos.KINDS) + ")");
            Duration deadline = ctx.optionalDuration(path + ".deadline", t.getDeadline()).orElse(null);
            long limit = deadline == null ? cap : Math.min(cap, start + deadline.toMillis());
            List<String> children = t.getChildren() == null ? List.of() : t.getChildren();
            boolean composite = type.equals("Serial") || type.equals("Parallel");
            if (!composite && !children.isEmpty()) throw ctx.fail(path + ".children", "only Serial and Parallel templates have children; remove them");
            for (int c = 0; c < children.size(); c++)
                if (!index.containsKey(children.get(c)))
                    throw ctx.fail(path + ".children[" + c + "]", "no template named \"" + children.get(c) + "\"; templates: " + String.join(", ", index.keySet()));
            List<String> inner = new ArrayList<>(stack);
            inner.add(name);
            return switch (type) {
                case "Serial" -> {
                    long t0 = start;
                    for (String child : children) {
                        if (t0 >= limit && deadline != null) break;
                        t0 = run(child, t0, limit, inner);
                    }
                    yield deadline == null ? t0 : Math.min(t0, limit);
                }
                case "Parallel" -> {
                    long end = start;
                    for (String child : children) end = Math.max(end, run(child, start, limit, inner));
                    yield deadline == null ? end : Math.min(end, limit);
                }
                case "Suspend" -> {
                    if (deadline == null) throw ctx.fail(path + ".deadline", "required for Suspend: how long to wait, e.g. deadline: 5m");
                    yield Math.min(limit, start + deadline.toMillis());
                }
                case "Task", "Schedule", "StatusCheck" -> throw ctx.fail(path + ".templateType", type + " templates are " + notModelled);
                default -> chaos(t, type, path, name, start, cap, deadline);
            };
        }

        private long chaos(WorkflowTemplate t, String kind, String path, String name, long start, long cap, Duration deadline) {
            if (!EmbeddedChaos.FIELD_OF_KIND.containsKey(kind))
                throw ctx.fail(path + ".templateType", "unknown or not modelled template type \"" + kind + "\"; use Serial, Parallel, Suspend or one of "
                        + String.join(", ", EmbeddedChaos.KINDS));
            if (start >= cap) return start; // cut off by an ancestor's deadline
            String specPath = path + "." + EmbeddedChaos.FIELD_OF_KIND.get(kind);
            if (deadline != null && EmbeddedExperiments.hasDuration(ctx.raw().at(YamlPaths.pointer(specPath))))
                throw ctx.fail(specPath + ".duration", "give the length once: in a Workflow the template's deadline is how long the experiment lasts; remove duration");
            int n = runs.merge(name, 1, Integer::sum);
            String faultName = ctx.name() + "-" + name + (n == 1 ? "" : "-" + n);
            Duration at = Duration.ofMillis(start);
            Duration length = deadline;
            List<Fault> faults = embedded.translate(kind, path + ".templateType", t, path, ctx, faultName, at, length);
            long end = start + (deadline != null ? deadline.toMillis() : EmbeddedExperiments.longest(faults).toMillis());
            if (end > cap) {
                // shortened by an ancestor's deadline: translate again with the remaining time
                length = Duration.ofMillis(cap - start);
                faults = embedded.translate(kind, path + ".templateType", t, path, ctx, faultName, at, length);
                end = cap;
            }
            this.faults.addAll(faults);
            return end;
        }
    }
}
