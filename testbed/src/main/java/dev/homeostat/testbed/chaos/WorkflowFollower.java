package dev.homeostat.testbed.chaos;

import dev.homeostat.chaos.crd.ChaosMeshKinds;
import dev.homeostat.reports.journal.JournalEvent;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongUnaryOperator;

/**
 * A Workflow whose steps depend on the cluster (a Task, a StatusCheck), followed live as Chaos Mesh runs it: each poll
 * reads the workflow's {@code WorkflowNode}s (the objects Chaos Mesh's workflow controller makes for each step) and
 * journals each experiment step as one incident, named as the simulation names it ({@code <workflow>-<template>},
 * {@code -2}… on a rerun), from the node's {@code startTime} with the targets of its template's own selectors (narrowed,
 * through {@link StepStarted}, to what Chaos Mesh records for the node's experiment), ended
 * when the node is Accomplished or past its {@code deadline}. The workflow runs until its own Accomplished condition.
 */
public final class WorkflowFollower {
    /** Chaos Mesh's WorkflowNode objects, read without API discovery. */
    public static final ResourceDefinitionContext NODES = context("WorkflowNode", "workflownodes");
    public static final ResourceDefinitionContext WORKFLOWS = context("Workflow", "workflows");

    private final KubernetesClient client;
    private final ClusterLookup lookup;
    private final Planned planned;
    private final Consumer<JournalEvent> journal;
    private final Consumer<String> log;
    private final StepStarted started;
    /** Wall-clock milliseconds to the run's own clock. */
    private final LongUnaryOperator runTime;
    /** Node name → the incident journaled for it; its planned end (deadline), or -1. */
    private final Map<String, String> incidentOf = new TreeMap<>();
    private final Map<String, Long> deadlineOf = new HashMap<>();
    private final Map<String, Integer> runsOfTemplate = new HashMap<>();
    private long lastPoll;

    /** A step journaled as incident {@code fault} for WorkflowNode {@code node}, with its selector's pods. */
    interface StepStarted {
        void started(String fault, String node, Map<String, Pod> selected);
    }

    WorkflowFollower(KubernetesClient client, ClusterLookup lookup, Planned planned, LongUnaryOperator runTime, Consumer<JournalEvent> journal,
                     Consumer<String> log, StepStarted started) {
        this.client = client;
        this.lookup = lookup;
        this.planned = planned;
        this.runTime = runTime;
        this.journal = journal;
        this.log = log;
        this.started = started;
    }

    private static ResourceDefinitionContext context(String kind, String plural) {
        return new ResourceDefinitionContext.Builder().withGroup(ChaosMeshKinds.GROUP).withVersion("v1alpha1").withKind(kind).withPlural(plural)
                .withNamespaced(true).build();
    }

    private String workflow() { return planned.model().getMetadata().getName(); }

    /** Journals what started or ended since the last poll; {@code ended} gets each ended incident. True while the workflow runs. */
    boolean poll(long now, Map<String, Long> ended) {
        long since = lastPoll;
        lastPoll = now;
        var nodes = client.genericKubernetesResources(NODES).inNamespace(planned.namespace()).list().getItems().stream()
                .filter(n -> workflow().equals(spec(n).get("workflowName"))).sorted(java.util.Comparator.comparing(n -> n.getMetadata().getName())).toList();
        for (GenericKubernetesResource n : nodes) {
            String node = n.getMetadata().getName();
            Map<String, Object> spec = spec(n);
            String type = String.valueOf(spec.get("type"));
            if (!incidentOf.containsKey(node) && ChaosMeshKinds.embeddable().stream().anyMatch(k -> k.name().equals(type)))
                start(node, String.valueOf(spec.get("templateName")), type, spec, since, now);
            String incident = incidentOf.get(node);
            if (incident == null || ended.containsKey(incident)) continue;
            long deadline = deadlineOf.getOrDefault(node, -1L);
            if (finished(n.getAdditionalProperties().get("status"))) end(incident, now, ended);
            else if (deadline >= 0 && deadline <= now) end(incident, deadline, ended);
        }
        GenericKubernetesResource w = client.genericKubernetesResources(WORKFLOWS).inNamespace(planned.namespace()).withName(workflow()).get();
        return w != null && !finished(w.getAdditionalProperties().get("status"));
    }

    /**
     * The node's times are taken on its own clock: its start, kept between the last poll and now (a controller whose
     * clock runs apart from this run's, as a simulation's does), and its deadline as the same span after it.
     */
    private void start(String node, String template, String type, Map<String, Object> spec, long since, long now) {
        int run = runsOfTemplate.merge(template, 1, Integer::sum);
        String incident = workflow() + "-" + template + (run > 1 ? "-" + run : "");
        long written = time(spec.get("startTime"), now);
        long start = Math.clamp(written, Math.min(since, now), now);
        long deadline = time(spec.get("deadline"), -1) < 0 ? -1 : start + (time(spec.get("deadline"), -1) - written);
        List<PodSelection> selections = planned.templateSelections(template);
        ClusterLookup.Targets targets = lookup.targets(selections);
        Map<String, Pod> pods = targets.pods();
        journal.accept(new JournalEvent.FaultStarted(start, incident, planned.stepKind(template, type), deadline < 0 ? start : deadline,
                JournalEvent.Scope.PODS, targets.refs(), targets.services(), !pods.isEmpty(), List.of()));
        String notWatched = targets.unwatched().isEmpty() ? "" : LiveRuns.notWatchedText(targets.unwatched());
        if (!notWatched.isEmpty()) journal.accept(new JournalEvent.ClusterEvent(start, "fault/" + incident, "not watched: " + notWatched));
        incidentOf.put(node, incident);
        deadlineOf.put(node, deadline);
        // a cloud kind's step records its machine, not pods: its targets stay the pods on the machine's node
        if (selections.stream().anyMatch(s -> s.machine() == null)) started.started(incident, node, pods);
        log.accept("  step " + incident + " (" + type + ") started by Chaos Mesh: " + pods.size() + " target pod(s)"
                + LiveRuns.notWatchedSuffix(targets.unwatched()));
    }

    private void end(String incident, long at, Map<String, Long> ended) {
        journal.accept(new JournalEvent.FaultEnded(at, incident));
        ended.put(incident, at);
    }

    /** A status whose conditions hold Accomplished or DeadlineExceed as True. */
    private static boolean finished(Object status) {
        if (!(status instanceof Map<?, ?> s) || !(s.get("conditions") instanceof List<?> conditions)) return false;
        for (Object c : conditions)
            if (c instanceof Map<?, ?> m && "True".equals(m.get("status")) && ("Accomplished".equals(m.get("type")) || "DeadlineExceed".equals(m.get("type"))))
                return true;
        return false;
    }

    private long time(Object rfc3339, long otherwise) {
        if (!(rfc3339 instanceof String s) || s.isBlank()) return otherwise;
        try {
            return runTime.applyAsLong(Instant.parse(s).toEpochMilli());
        } catch (java.time.format.DateTimeParseException notATime) {
            return otherwise;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource r) {
        return r.getAdditionalProperties().get("spec") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
