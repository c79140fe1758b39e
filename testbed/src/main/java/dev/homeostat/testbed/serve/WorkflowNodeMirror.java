package dev.homeostat.testbed.serve;

import dev.homeostat.chaos.ManifestContext;
import com.fasterxml.jackson.databind.JsonNode;
import dev.homeostat.chaos.crd.ChaosMeshKinds;
import dev.homeostat.chaos.crd.ChaosMeshKinds.Kind;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Chaos Mesh's workflow controller's visible part for a Workflow: as the simulation runs its steps, a
 * {@code WorkflowNode} per experiment step (workflowName, templateName, type, startTime, deadline on the simulation's
 * clock), Accomplished when the step ends, and — for a workflow whose steps depend on the cluster — the Workflow
 * Accomplished when it ends or is aborted, so a live chaos runner follows it as it would on a cluster. Each step's node
 * names, in {@code status.chaosResource}, the experiment Chaos Mesh creates for it ({@code <node>-chaos}, owned by the
 * node, the template's embedded spec) whose {@code status.experiment.containerRecords} are the pods the simulation's
 * step hit ({@code "."}) and a NetworkChaos's target pods ({@code ".Target"}): a live runner narrows the step's targets
 * to them as for a lone experiment. A Schedule step's node names no experiment (Chaos Mesh's names a Schedule, whose
 * experiments come later). Events arrive while the simulation runs; the API writes wait for {@link #flush()} (the
 * mirror's sync, on the same thread).
 */
final class WorkflowNodeMirror {
    private record Tracked(String namespace, String name, Map<String, JsonNode> templates, boolean runtime) { }

    /** A step's node and the experiment Chaos Mesh makes for it; {@code pods}/{@code peers} grow as its faults start. */
    private record Step(String namespace, String node, String type, JsonNode spec, Set<String> pods, Set<String> peers) { }

    private final KubernetesClient client;
    private final Consumer<String> log;
    private final Map<String, Tracked> workflows = new LinkedHashMap<>();
    private final Map<String, String[]> nodeOfFault = new HashMap<>();
    /** The node of a step still running, by the step's fault name without a {@code #n}. */
    private final Map<String, String[]> nodeOfStep = new HashMap<>();
    private final List<Runnable> writes = new ArrayList<>();
    private final Map<String, Step> steps = new HashMap<>();
    private final Set<String> dirty = new LinkedHashSet<>();
    private int created;

    WorkflowNodeMirror(KubernetesClient client, Consumer<String> log) {
        this.client = client;
        this.log = log;
    }

    /** A Workflow object was translated into {@code faults}: its steps get nodes as they start. */
    void track(String kind, String namespace, String name, JsonNode spec, List<Fault> faults) {
        if (!kind.equals("Workflow")) return;
        var templates = new LinkedHashMap<String, JsonNode>();
        for (JsonNode t : spec.path("templates")) if (t.path("name").isTextual()) templates.put(t.path("name").asText(), t);
        workflows.put(name, new Tracked(namespace, name, templates, faults.stream().anyMatch(Orchestration.class::isInstance)));
    }

    void on(SimEvent event) {
        switch (event) {
            case SimEvent.FaultStarted f -> {
                // one step may be several faults (a netem's delay and loss: name#1, name#2): one node for the step
                String step = ManifestContext.experimentName(f.fault());
                Tracked w = owner(step);
                String template = w == null ? null : template(w, step);
                if (template == null) return;
                String[] existing = nodeOfStep.get(step);
                if (existing != null) {
                    nodeOfFault.put(f.fault(), existing);
                    record(existing[1], f);
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
                // an experiment template's step (a Schedule template's faults carry the kind it schedules: its node names a Schedule)
                JsonNode t = w.templates().get(template);
                Kind kind = ChaosMeshKinds.find(type).orElse(null);
                if (kind != null && kind.embedField() != null && type.equals(t.path("templateType").asText()) && t.path(kind.embedField()).isObject()) {
                    steps.put(node, new Step(w.namespace(), node, type, t.path(kind.embedField()), new TreeSet<>(), new TreeSet<>()));
                    record(node, f);
                }
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
                Tracked w = workflows.get(n.orchestration());
                if (w != null && w.runtime()) {
                    workflows.remove(n.orchestration());
                    writes.add(() -> accomplish(WorkflowFollower.WORKFLOWS, w.namespace(), w.name()));
                }
            }
            default -> { }
        }
    }

    /** Writes what happened since the last flush. */
    void flush() {
        for (Runnable w : writes) w.run();
        writes.clear();
        for (String node : dirty) experiment(steps.get(node));
        dirty.clear();
    }

    private void record(String node, SimEvent.FaultStarted f) {
        Step step = steps.get(node);
        if (step != null && (step.pods().addAll(f.pods()) | step.peers().addAll(f.peerPods()))) dirty.add(node);
    }

    /**
     * The experiment Chaos Mesh creates for a step's node, with its records, and the node's reference to it; written
     * again as the step's further faults (a netem's) hit more pods.
     */
    private void experiment(Step step) {
        GenericKubernetesResource node = client.genericKubernetesResources(WorkflowFollower.NODES).inNamespace(step.namespace()).withName(step.node()).get();
        if (node == null) return; // deleted through the API meanwhile
        String name = step.node() + "-chaos";
        if (!ChildExperiments.write(client, node, step.type(), name, step.spec(), step.pods(), step.peers())) return;
        var ref = new LinkedHashMap<String, Object>();
        ref.put("apiGroup", ChaosMeshKinds.GROUP);
        ref.put("kind", step.type());
        ref.put("name", name);
        ChildExperiments.status(node).put("chaosResource", ref);
        client.genericKubernetesResources(WorkflowFollower.NODES).inNamespace(step.namespace()).resource(node).update();
        log.accept("api: WorkflowNode " + step.namespace() + "/" + step.node() + " created " + step.type() + " " + name + ", records "
                + step.pods().size() + " injected pod(s)");
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
        for (String t : w.templates().keySet())
            if ((rest.equals(t) || rest.startsWith(t + "-") && rest.substring(t.length() + 1).matches("[0-9]+")) && (best == null || t.length() > best.length()))
                best = t;
        return best;
    }

    private void accomplish(ResourceDefinitionContext context, String namespace, String name) {
        GenericKubernetesResource r = client.genericKubernetesResources(context).inNamespace(namespace).withName(name).get();
        if (r == null) return; // deleted through the API meanwhile
        ChildExperiments.status(r).put("conditions", List.of(Map.of("type", "Accomplished", "status", "True")));
        client.genericKubernetesResources(context).inNamespace(namespace).resource(r).update();
        log.accept("api: " + context.getKind() + " " + namespace + "/" + name + " accomplished");
    }

    private static String time(long simMillis) { return Instant.ofEpochMilli(simMillis).toString(); }
}
