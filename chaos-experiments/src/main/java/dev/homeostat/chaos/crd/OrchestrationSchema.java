package dev.homeostat.chaos.crd;

import static dev.homeostat.chaos.crd.Shape.flag;
import static dev.homeostat.chaos.crd.Shape.listOf;
import static dev.homeostat.chaos.crd.Shape.mapOf;
import static dev.homeostat.chaos.crd.Shape.oneOf;
import static dev.homeostat.chaos.crd.Shape.text;
import static dev.homeostat.chaos.crd.Shape.whole;
import static dev.homeostat.chaos.crd.Support.liveOnly;
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

    private static final String CHECK = "HTTP status check against the Service the URL's host names (WorkflowRun, HttpCheck)";

    public static final Shape.Fields STATUS_CHECK = Shape.Fields.of("StatusCheckSpec", List.of(
            Field.of("mode", oneOf("Synchronous", "Continuous"), simulated("Synchronous: the step ends at successThreshold successes in a row "
                    + "(passed), failureThreshold failures in a row or the deadline/duration (failed); Continuous: runs beside the other steps "
                    + "until failureThreshold failures in a row (failed) or its deadline/duration (passed); absent: Synchronous, as Chaos Mesh defaults it")),
            Field.of("type", oneOf("HTTP"), simulated("HTTP, the only type")),
            Field.of("duration", text(), simulated("the check ends by then if no threshold ended it first (with the step's deadline, the earlier)")),
            Field.of("timeoutSeconds", whole(1, Integer.MAX_VALUE), simulated("the request times out (a failure) when the Service's p99 "
                    + "at that instant is above it; default 1")),
            Field.of("intervalSeconds", whole(1, Integer.MAX_VALUE), simulated("an execution at the step's start and every intervalSeconds after; default 10")),
            Field.of("failureThreshold", whole(1, Integer.MAX_VALUE), simulated("failures in a row that fail the check; default 3")),
            Field.of("successThreshold", whole(1, Integer.MAX_VALUE), simulated("successes in a row that pass a Synchronous check; default 1")),
            Field.of("recordsHistoryLimit", whole(1, 1000), liveOnly("how many execution records Chaos Mesh keeps in the status; the journal notes each change of outcome")),
            Field.of("http", Shape.Fields.of("HTTPStatusCheck", List.of(
                    Field.of("url", text(), simulated("its host names the Service checked (name, name.namespace or name.namespace.svc.cluster.local; "
                            + "a bare name in the workflow's namespace); a host that is no scenario Service cannot be judged: the check passes, and the journal says so")),
                    Field.of("method", oneOf("GET", "POST"), liveOnly("a simulated Service answers every method alike")),
                    Field.of("headers", mapOf(listOf(text())), liveOnly("a simulated Service answers whatever the headers")),
                    Field.of("body", text(), liveOnly("a simulated Service answers whatever the body")),
                    Field.of("criteria", Shape.Fields.of("HTTPCriteria", List.of(
                            Field.of("statusCode", text(), simulated("a code such as 200 or a range such as 200-399: the check succeeds when the simulated "
                                    + "answer's code is in it: 503 with no ready endpoint, 500 or 504 when half or more of that instant's requests fail, "
                                    + "else 200")))), simulated("what counts as success")))),
                    simulated(CHECK))));

    private static final String TASK = "the container is not run: it exits 0 when its condition on the simulated cluster holds (TaskCommand): "
            + "exit N and echo in its script as written; an http URL whose host is a scenario Service: that Service has a ready pod and meets "
            + "its SLO at that instant; else (no URL, or an unknown host) it is taken to exit 0 and the journal says so";

    public static final Shape.Fields TEMPLATE;

    static {
        var types = new ArrayList<>(STRUCTURE_TYPES);
        types.addAll(embeddableTypes());
        var fields = new ArrayList<Field>(List.of(
                Field.of("name", text(), simulated("names the step; its faults are <workflow>-<name>, -2, -3 … when it runs again")),
                Field.of("templateType", oneOf(types.toArray(String[]::new)),
                        simulated("Serial: children one after another; Parallel: together, ending with the last; Suspend: waits its deadline; "
                                + "Schedule: its cron within the deadline; an experiment kind: that experiment; Task: its container's outcome picks "
                                + "the branches; StatusCheck: an HTTP check against a Service; with either the workflow runs in the simulation "
                                + "as it goes (the faults of later steps are injected when the steps are reached)")),
                Field.of("deadline", text(), simulated("the step's length: an experiment lasts its deadline (its own duration when shorter); "
                        + "Serial and Parallel drop or shorten what runs past it")),
                Field.of("children", listOf(text()), simulated("the templates a Serial or Parallel step runs")),
                Field.of("task", Shape.Fields.of("Task", List.of(
                        Field.of("container", new Shape.Core("Container", Container.class), simulated("checked as a Kubernetes container; " + TASK)),
                        Field.of("volumes", listOf(new Shape.Core("Volume", Volume.class)), liveOnly("checked as Kubernetes volumes; a simulated task reads no file")))),
                        simulated("its pod runs 1 s of virtual time, then its outcome picks the branches; " + TASK)),
                Field.of("conditionalBranches", listOf(Shape.Fields.of("ConditionalBranch", List.of(
                        Field.of("target", text(), simulated("a template name: run when its expression holds; every branch that holds runs, together, "
                                + "and the Task ends with the last, as in Chaos Mesh")),
                        Field.of("expression", text(), simulated("an expr expression over exitCode and stdout, parsed at check time and evaluated "
                                + "on the simulated container's outcome; absent: always; one that fails to evaluate is not taken"))))),
                        simulated("the branches a Task may take; the journal says which it took and why")),
                Field.of("schedule", CHAOS_ONLY_SCHEDULE, simulated("the Schedule a Schedule step runs until its deadline")),
                Field.of("statusCheck", STATUS_CHECK, simulated("an HTTP check against a simulated Service; each change of outcome and its verdict are journalled")),
                Field.of("abortWithStatusCheck", flag(), simulated("when the check fails the workflow aborts: its running faults end then, "
                        + "steps not started never start"))));
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
            Field.of("generateName", text(), simulated("without metadata.name, the object is named as the API server names it on kubectl create "
                    + "(kubectl apply refuses it, which a note says): the prefix and 5 characters of Kubernetes' alphabet for generated names, "
                    + "drawn from the file and the document instead of at random, so that runs repeat")),
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
