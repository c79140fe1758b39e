package dev.homeostat.chaos.crd;

import static dev.homeostat.chaos.crd.Shape.flag;
import static dev.homeostat.chaos.crd.Shape.listOf;
import static dev.homeostat.chaos.crd.Shape.mapOf;
import static dev.homeostat.chaos.crd.Shape.oneOf;
import static dev.homeostat.chaos.crd.Shape.text;
import static dev.homeostat.chaos.crd.Shape.whole;
import static dev.homeostat.chaos.crd.Support.liveOnly;
import static dev.homeostat.chaos.crd.Support.notModelledYet;
import static dev.homeostat.chaos.crd.Support.planned;
import static dev.homeostat.chaos.crd.Support.simulated;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;

/**
 * Schedule and Workflow ({@code schedule_types.go}, {@code workflow_types.go}, {@code statuscheck_types.go} of Chaos
 * Mesh 2.x), field by field, with what the simulator does with each.
 */
public final class OrchestrationSchema {
    private OrchestrationSchema() { }

    /** The template types of a Workflow besides the embeddable experiment kinds. */
    public static final List<String> STRUCTURE_TYPES = List.of("Serial", "Parallel", "Suspend", "Schedule", "Task", "StatusCheck");

    /** {@code EmbedChaos}: one field per embeddable kind; the supported ones carry their spec schema. */
    public static List<Field> embedChaos(String what) {
        var out = new ArrayList<Field>();
        for (ChaosMeshKinds.Kind k : ChaosMeshKinds.embeddable())
            out.add(k.supported()
                    ? Field.of(k.embedField(), k.spec(), simulated("the " + k.name() + " " + what))
                    : Field.of(k.embedField(), new Shape.Any(k.name() + "Spec"), k.support()));
        return out;
    }

    private static List<String> embeddableTypes() {
        return ChaosMeshKinds.embeddable().stream().map(ChaosMeshKinds.Kind::name).toList();
    }

    private static List<Field> scheduleFields(boolean workflowAllowed) {
        var types = new ArrayList<>(embeddableTypes());
        if (workflowAllowed) types.add("Workflow");
        var out = new ArrayList<Field>(List.of(
                Field.of("schedule", text(), simulated("5-field cron, @yearly … @hourly and @every <duration>, on a virtual clock starting "
                        + "Monday 2024-01-01 00:00 UTC at the run's start; CRON_TZ= or TZ= shifts it to that zone")),
                Field.of("type", oneOf(types.toArray(String[]::new)), simulated("the kind created at each firing, named <schedule>-<n>")),
                Field.of("concurrencyPolicy", oneOf("Forbid", "Allow", ""),
                        simulated("Forbid (the default): no overlap, a firing missed while the previous runs starts when it ends "
                                + "(within startingDeadlineSeconds), as Chaos Mesh documents; Allow: they overlap")),
                Field.of("historyLimit", whole(1, Integer.MAX_VALUE), liveOnly("how many finished experiments Chaos Mesh keeps as objects")),
                Field.of("startingDeadlineSeconds", whole(0, Long.MAX_VALUE),
                        simulated("a firing missed under Forbid still starts late if the previous ends within this many seconds; 0 or absent: always"))));
        out.addAll(embedChaos("created at each firing"));
        return out;
    }

    /** {@code ChaosOnlyScheduleSpec}: a Schedule inside a Workflow template (it cannot schedule a Workflow). */
    public static final Shape.Fields CHAOS_ONLY_SCHEDULE = Shape.Fields.of("ChaosOnlyScheduleSpec", scheduleFields(false));

    private static final String CHECK = "checked now; its runtime needs a simulated HTTP check (planned)";

    public static final Shape.Fields STATUS_CHECK = Shape.Fields.of("StatusCheckSpec", List.of(
            Field.of("mode", oneOf("Synchronous", "Continuous"), planned("Synchronous ends at the first result, Continuous runs until failure or deadline; " + CHECK)),
            Field.of("type", oneOf("HTTP"), planned(CHECK)),
            Field.of("duration", text(), planned(CHECK)),
            Field.of("timeoutSeconds", whole(1, Integer.MAX_VALUE), planned(CHECK)),
            Field.of("intervalSeconds", whole(1, Integer.MAX_VALUE), planned(CHECK)),
            Field.of("failureThreshold", whole(1, Integer.MAX_VALUE), planned(CHECK)),
            Field.of("successThreshold", whole(1, Integer.MAX_VALUE), planned(CHECK)),
            Field.of("recordsHistoryLimit", whole(1, 1000), planned(CHECK)),
            Field.of("http", Shape.Fields.of("HTTPStatusCheck", List.of(
                    Field.of("url", text(), planned("the service the URL names (host = service name) is the one checked; " + CHECK)),
                    Field.of("method", oneOf("GET", "POST"), planned(CHECK)),
                    Field.of("headers", mapOf(listOf(text())), planned(CHECK)),
                    Field.of("body", text(), planned(CHECK)),
                    Field.of("criteria", Shape.Fields.of("HTTPCriteria", List.of(
                            Field.of("statusCode", text(), planned("a code such as 200 or a range such as 200-399; " + CHECK)))), planned(CHECK)))),
                    planned(CHECK))));

    private static final String TASK = "a Task runs a container whose exit code and output pick the next step, which needs a simulator condition (planned)";

    public static final Shape.Fields TEMPLATE;

    static {
        var types = new ArrayList<>(STRUCTURE_TYPES);
        types.addAll(embeddableTypes());
        var fields = new ArrayList<Field>(List.of(
                Field.of("name", text(), simulated("names the step; its faults are <workflow>-<name>, -2, -3 … when it runs again")),
                Field.of("templateType", oneOf(types.toArray(String[]::new)),
                        simulated("Serial: children one after another; Parallel: together, ending with the last; Suspend: waits its deadline; "
                                + "Schedule: its cron within the deadline; an experiment kind: that experiment; Task and StatusCheck are planned")),
                Field.of("deadline", text(), simulated("the step's length: an experiment lasts its deadline (its own duration when shorter); "
                        + "Serial and Parallel drop or shorten what runs past it")),
                Field.of("children", listOf(text()), simulated("the templates a Serial or Parallel step runs")),
                Field.of("task", Shape.Fields.of("Task", List.of(
                        Field.of("container", new Shape.Core("Container", Container.class), planned("checked as a Kubernetes container; " + TASK)),
                        Field.of("volumes", listOf(new Shape.Core("Volume", Volume.class)), planned("checked as Kubernetes volumes; " + TASK)))),
                        notModelledYet(TASK)),
                Field.of("conditionalBranches", listOf(Shape.Fields.of("ConditionalBranch", List.of(
                        Field.of("target", text(), planned("a template name; " + TASK)),
                        Field.of("expression", text(), planned("an expr expression over exitCode and stdout, parsed now; " + TASK))))),
                        notModelledYet(TASK)),
                Field.of("schedule", CHAOS_ONLY_SCHEDULE, simulated("the Schedule a Schedule step runs until its deadline")),
                Field.of("statusCheck", STATUS_CHECK,
                        notModelledYet("a StatusCheck's outcome decides when the step ends and, with abortWithStatusCheck, whether the workflow goes on, "
                                + "which needs a simulated HTTP check against a service (planned)")),
                Field.of("abortWithStatusCheck", flag(), notModelledYet("aborting depends on a StatusCheck's outcome, which needs a simulated HTTP check (planned)"))));
        fields.addAll(embedChaos("this step runs"));
        TEMPLATE = Shape.Fields.of("Template", fields);
    }

    public static final Shape.Fields WORKFLOW = Shape.Fields.of("WorkflowSpec", List.of(
            Field.of("entry", text(), simulated("the template the workflow starts with, at the apply time")),
            Field.of("templates", listOf(TEMPLATE), simulated("the steps; names unique, no template may contain itself"))));

    public static final Shape.Fields SCHEDULE;

    static {
        var fields = new ArrayList<>(scheduleFields(true));
        fields.add(Field.of("workflow", WORKFLOW, simulated("the Workflow run at each firing, its faults named <schedule>-<n>-<template>")));
        SCHEDULE = Shape.Fields.of("ScheduleSpec", fields);
    }

    private static final String SET_BY_SERVER = "set by the API server; nothing in a simulation reads it";

    /** {@code ObjectMeta} as a manifest writes it. */
    public static final Shape.Fields METADATA = Shape.Fields.of("ObjectMeta", List.of(
            Field.of("name", text(), simulated("names the experiment and its faults")),
            Field.of("namespace", text(), simulated("the selector's default namespace; absent: default")),
            Field.of("labels", mapOf(text()), liveOnly("labels of the experiment object itself, not of its targets")),
            Field.of("annotations", mapOf(text()), simulated("experiment.chaos-mesh.org/pause: \"true\" pauses it: nothing is injected; others are live only")),
            Field.of("generateName", text(), Support.notModelled("fault names must be stable across runs; give metadata.name")),
            Field.of("finalizers", listOf(text()), liveOnly("deletion of the experiment object")),
            Field.of("ownerReferences", listOf(new Shape.Any("OwnerReference")), liveOnly("garbage collection of the experiment object")),
            Field.of("uid", text(), liveOnly(SET_BY_SERVER)),
            Field.of("resourceVersion", text(), liveOnly(SET_BY_SERVER)),
            Field.of("generation", whole(), liveOnly(SET_BY_SERVER)),
            Field.of("creationTimestamp", text(), liveOnly(SET_BY_SERVER)),
            Field.of("managedFields", listOf(new Shape.Any("ManagedFieldsEntry")), liveOnly(SET_BY_SERVER))));

    /** A whole document of {@code kind} whose spec has {@code spec}'s fields. */
    public static Shape.Fields document(String kind, Shape.Fields spec) {
        return Shape.Fields.of(kind, List.of(
                Field.of("apiVersion", text(), simulated("chaos-mesh.org/v1alpha1")),
                Field.of("kind", text(), simulated(kind)),
                Field.of("metadata", METADATA, simulated("name and namespace")),
                Field.of("spec", spec, simulated("the experiment")),
                Field.of("status", new Shape.Any("Status"), liveOnly("written by Chaos Mesh's controller; ignored"))));
    }
}
