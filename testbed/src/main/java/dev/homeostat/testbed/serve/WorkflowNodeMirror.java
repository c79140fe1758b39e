package dev.homeostat.testbed.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homeostat.simulator.events.SimEvent;
import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.Orchestration;
import dev.homeostat.testbed.chaos.WorkflowFollower;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Chaos Mesh's workflow controller's visible part for a Workflow whose steps depend on the cluster: as the
 * simulation runs its steps, a {@code WorkflowNode} per experiment step (workflowName, templateName, type,
 * startTime, deadline on the simulation's clock), Accomplished when the step ends, and the Workflow Accomplished when
 * it ends or is aborted, so a live chaos runner follows it as it would on a cluster. Events arrive while the
 * simulation runs; the API writes wait for {@link #flush()} (the mirror's sync, on the same thread).
 */
final class WorkflowNodeMirror {
    private record Tracked(String namespace, String name, List<String> templates) { }

    private final KubernetesClient client;
    private final Consumer<String> log;
    private final Map<String, Tracked> workflows = new LinkedHashMap<>();
    private final Map<String, String[]> nodeOfFault = new HashMap<>();
    /** The node of a step still running, by the step's fault name without a {@code #n}. */
    private final Map<String, String[]> nodeOfStep = new HashMap<>();
    private final List<Runnable> writes = new ArrayList<>();
    private int created;

    WorkflowNodeMirror(KubernetesClient client, Consumer<String> log) {
        this.client = client;
        this.log = log;
    }

    /** A Workflow object was translated into {@code faults}: followed when it runs at run time (an orchestration). */
    void track(String kind, String namespace, String name, JsonNode spec, List<Fault> faults) {
        if (!kind.equals("Workflow") || faults.stream().noneMatch(Orchestration.class::isInstance)) return;
        var templates = new ArrayList<String>();
        for (JsonNode t : spec.path("templates")) if (t.path("name").isTextual()) templates.add(t.path("name").asText());
        workflows.put(name, new Tracked(namespace, name, templates));
    }

    void on(SimEvent event) {
        switch (event) {
            case SimEvent.FaultStarted f -> {
                // one step may be several faults (a netem's delay and loss: name#1, name#2): one node for the step
                String step = f.fault().replaceFirst("#\\d+$", "");
                Tracked w = owner(step);
                String template = w == null ? null : template(w, step);
                if (template == null) return;
                String[] existing = nodeOfStep.get(step);
                if (existing != null) {
                    nodeOfFault.put(f.fault(), existing);
                    return;
                }
                String node = step + "-" + Integer.toString(++created, 36);
                String[] ref = {w.namespace(), node};
                nodeOfStep.put(step, ref);
                nodeOfFault.put(f.fault(), ref);
                String type = f.kind().contains("/") ? f.kind().substring(0, f.kind().indexOf('/')) : f.kind();
                var spec = new LinkedHashMap<String, Object>();
                spec.put("workflowName", w.name());
                spec.put("templateName", template);
                spec.put("type", type);
                spec.put("startTime", time(f.timeMillis()));
                spec.put("deadline", time(f.endMillis()));
                writes.add(() -> client.genericKubernetesResources(WorkflowFollower.NODES).inNamespace(w.namespace()).resource(
                        new GenericKubernetesResourceBuilder().withApiVersion("chaos-mesh.org/v1alpha1").withKind("WorkflowNode")
                                .withNewMetadata().withName(node).withNamespace(w.namespace()).endMetadata()
                                .withAdditionalProperties(Map.of("spec", spec)).build()).create());
            }
            case SimEvent.FaultEnded f -> {
                String[] node = nodeOfFault.remove(f.fault());
                // the step is accomplished when the last of its faults ends
                if (node != null && !nodeOfFault.containsValue(node)) {
                    nodeOfStep.values().remove(node);
                    writes.add(() -> accomplish(WorkflowFollower.NODES, node[0], node[1]));
                }
            }
            case SimEvent.OrchestrationNote n when n.note().equals("workflow ended") || n.note().startsWith("workflow aborted") -> {
                Tracked w = workflows.remove(n.orchestration());
                if (w != null) writes.add(() -> accomplish(WorkflowFollower.WORKFLOWS, w.namespace(), w.name()));
            }
            default -> { }
        }
    }

    /** Writes what happened since the last flush. */
    void flush() {
        for (Runnable w : writes) w.run();
        writes.clear();
    }

    private Tracked owner(String fault) {
        Tracked best = null;
        for (Tracked w : workflows.values())
            if (fault.startsWith(w.name() + "-") && (best == null || w.name().length() > best.name().length())) best = w;
        return best;
    }

    /** The template a step's fault came from ({@code <workflow>-<template>}, {@code -2}… on a rerun); the longest name wins. */
    private static String template(Tracked w, String fault) {
        String rest = fault.substring(w.name().length() + 1);
        String best = null;
        for (String t : w.templates())
            if ((rest.equals(t) || rest.startsWith(t + "-") && rest.substring(t.length() + 1).matches("[0-9]+")) && (best == null || t.length() > best.length()))
                best = t;
        return best;
    }

    private void accomplish(ResourceDefinitionContext context, String namespace, String name) {
        GenericKubernetesResource r = client.genericKubernetesResources(context).inNamespace(namespace).withName(name).get();
        if (r == null) return; // deleted through the API meanwhile
        r.getAdditionalProperties().put("status", Map.of("conditions", List.of(Map.of("type", "Accomplished", "status", "True"))));
        client.genericKubernetesResources(context).inNamespace(namespace).resource(r).update();
        log.accept("api: " + context.getKind() + " " + namespace + "/" + name + " accomplished");
    }

    private static String time(long simMillis) { return Instant.ofEpochMilli(simMillis).toString(); }
}
