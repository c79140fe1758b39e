package dev.homeostat.testbed.chaos;

import dev.homeostat.chaos.ManifestContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.homeostat.chaos.ChaosExperiment;
import dev.homeostat.chaos.ChaosManifests;
import dev.homeostat.chaos.Horizon;
import dev.homeostat.chaos.model.Schedule;
import dev.homeostat.chaos.model.Workflow;
import dev.homeostat.chaos.model.WorkflowTemplate;
import dev.homeostat.simulator.fault.Fault;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;

/** One experiment ready to apply: the labelled model, its namespace, its selectors and how long it lasts. */
public record Planned(ChaosExperiment experiment, HasMetadata model, String namespace, List<PodSelection> selections,
                      String kind, Duration duration) {
    public Planned {
        selections = List.copyOf(selections);
    }

    /** When its first fault starts after the apply: zero but for a Schedule (its first firing). */
    public Duration startsAfter() {
        Duration first = null;
        for (Fault f : experiment.faults()) if (first == null || f.start().compareTo(first) < 0) first = f.start();
        return first == null || first.isNegative() ? Duration.ZERO : first;
    }

    /**
     * A Workflow's steps as the simulation scores them: each translated fault (named {@code <workflow>-<template>},
     * {@code -2}… on a rerun) with the selectors of its own template, in translation order. Empty for every other kind,
     * and for a workflow whose steps depend on the cluster ({@link #runtime()}), which is followed as it runs.
     */
    public List<WorkflowStep> workflowSteps() {
        if (!(model instanceof Workflow w) || w.getSpec() == null || w.getSpec().getTemplates() == null || runtime()) return List.of();
        String prefix = model.getMetadata().getName() + "-";
        var out = new ArrayList<WorkflowStep>();
        for (Fault f : experiment.faults()) {
            WorkflowTemplate template = templateOf(f.name(), prefix, w.getSpec().getTemplates());
            List<PodSelection> own = template == null ? selections
                    : PodSelection.in(LiveChaosRun.SERIALIZATION.convertValue(template, JsonNode.class), namespace);
            String rerun = template == null ? "" : ManifestContext.experimentName(f.name()).substring(prefix.length() + template.getName().length());
            // a Schedule step's faults are its firings, "-<n>" after the step's own name: one node (and Schedule) for all
            if (template != null && "Schedule".equals(template.getTemplateType())) rerun = rerun.replaceFirst("-[0-9]+$", "");
            out.add(new WorkflowStep(f, own, template == null ? null : template.getName(), rerun.isEmpty() ? 1 : Integer.parseInt(rerun.substring(1))));
        }
        return out;
    }

    /** A Workflow whose steps depend on the cluster (a Task, a StatusCheck): followed live through its WorkflowNodes. */
    public boolean runtime() {
        return experiment.faults().stream().anyMatch(f -> f instanceof dev.homeostat.simulator.fault.Orchestration);
    }

    /** The selectors of the Workflow template {@code name} (every selector of the experiment when there is no such template). */
    List<PodSelection> templateSelections(String name) {
        WorkflowTemplate t = template(name);
        return t == null ? selections : PodSelection.in(LiveChaosRun.SERIALIZATION.convertValue(t, JsonNode.class), namespace);
    }

    /** A step's kind as the simulation journals it: the template's type and its experiment's action ({@code PodChaos/pod-kill}). */
    String stepKind(String name, String type) {
        WorkflowTemplate t = template(name);
        if (t == null) return type;
        JsonNode embedded = LiveChaosRun.SERIALIZATION.convertValue(t, JsonNode.class)
                .path(dev.homeostat.chaos.model.EmbeddedChaos.FIELD_OF_KIND.getOrDefault(type, ""));
        return embedded.path("action").isTextual() ? type + "/" + embedded.path("action").asText() : type;
    }

    private WorkflowTemplate template(String name) {
        if (!(model instanceof Workflow w) || w.getSpec() == null || w.getSpec().getTemplates() == null) return null;
        return w.getSpec().getTemplates().stream().filter(t -> name.equals(t.getName())).findFirst().orElse(null);
    }

    /** The template a step's fault came from: {@code <workflow>-<template>} or {@code ...-<n>}; the longest name wins. */
    private static WorkflowTemplate templateOf(String fault, String prefix, List<WorkflowTemplate> templates) {
        if (!fault.startsWith(prefix)) return null;
        String rest = ManifestContext.experimentName(fault).substring(prefix.length());
        WorkflowTemplate best = null;
        for (WorkflowTemplate t : templates) {
            String n = t.getName();
            if (n == null) continue;
            // "-<run>" on a rerun; a Schedule step's firing adds "-<n>"
            boolean match = rest.equals(n) || rest.startsWith(n + "-") && rest.substring(n.length() + 1).matches("[0-9]+(-[0-9]+)?");
            if (match && (best == null || n.length() > best.getName().length())) best = t;
        }
        return best;
    }

    /** {@code Kind/namespace/name}, as printed and as named in errors. */
    public String ref() {
        return model.getKind() + "/" + namespace + "/" + model.getMetadata().getName();
    }

    /**
     * The experiments of {@code manifest} as they would be applied: each model copied, put in its namespace
     * ({@code namespaceOverride}, else {@code metadata.namespace}, else {@code fallbackNamespace}) and labelled
     * with {@value LiveChaosRun#MANAGED_BY_LABEL}={@value LiveChaosRun#MANAGED_BY} and {@value LiveChaosRun#RUN_ID_LABEL}={@code runId}.
     */
    public static List<Planned> plan(Path manifest, String namespaceOverride, String fallbackNamespace, String runId) {
        // A Schedule fires until it is deleted; a live run watches its first firing, so only that one is translated.
        List<ChaosExperiment> experiments = ChaosManifests.experiments(manifest, Duration.ZERO, Horizon.firstFiring());
        if (experiments.isEmpty())
            throw new IllegalArgumentException(manifest + ": no Chaos Mesh experiment in the file; write at least one document with apiVersion, kind, metadata and spec");
        var out = new ArrayList<Planned>();
        for (ChaosExperiment e : experiments) {
            HasMetadata model = withoutServerFields(e.model());
            String ns = namespaceOverride != null ? namespaceOverride
                    : model.getMetadata().getNamespace() != null ? model.getMetadata().getNamespace() : fallbackNamespace;
            model.getMetadata().setNamespace(ns);
            var labels = new TreeMap<String, String>();
            if (model.getMetadata().getLabels() != null) labels.putAll(model.getMetadata().getLabels());
            labels.put(LiveChaosRun.MANAGED_BY_LABEL, LiveChaosRun.MANAGED_BY);
            labels.put(LiveChaosRun.RUN_ID_LABEL, runId);
            model.getMetadata().setLabels(new LinkedHashMap<>(labels));
            Duration duration = Duration.ZERO;
            // A Schedule fires until it is deleted: a run watches its first firing, then deletes it.
            List<Fault> watched = e.model() instanceof Schedule && !e.faults().isEmpty()
                    ? List.of(e.faults().stream().min(Comparator.comparing(Fault::start)).orElseThrow()) : e.faults();
            for (Fault f : watched) {
                Duration until = f.start().plus(f.duration());
                if (until.compareTo(duration) > 0) duration = until;
            }
            String kind = e.faults().isEmpty() ? e.kind() : e.faults().getFirst().kind();
            out.add(new Planned(e, model, ns, PodSelection.of(model, ns), kind, duration));
        }
        return out;
    }

    /**
     * A copy of {@code exported} fit to create: {@code kubectl get -o yaml} writes the server's fields too, and the API
     * server refuses a create carrying a {@code resourceVersion}, the garbage collector deletes an object whose owner
     * (a Schedule or Workflow of that cluster) is gone, and the old {@code status} names what another run injected.
     * So status and the server-set metadata go; labels, annotations and finalizers stay.
     */
    private static HasMetadata withoutServerFields(HasMetadata exported) {
        ObjectNode tree = LiveChaosRun.SERIALIZATION.convertValue(exported, ObjectNode.class);
        tree.remove("status");
        if (tree.get("metadata") instanceof ObjectNode meta)
            meta.remove(List.of("uid", "resourceVersion", "creationTimestamp", "generation", "managedFields", "selfLink",
                    "deletionTimestamp", "deletionGracePeriodSeconds", "ownerReferences"));
        return LiveChaosRun.SERIALIZATION.convertValue(tree, exported.getClass());
    }

    /** What {@code --dry-run} prints: the YAML of every experiment exactly as it would be created. */
    public static String dryRunYaml(Path manifest, String namespaceOverride, String runId) {
        var out = new StringBuilder();
        for (Planned p : plan(manifest, namespaceOverride, "default", runId)) {
            String yaml = LiveChaosRun.SERIALIZATION.asYaml(p.model());
            if (!yaml.startsWith("---")) out.append("---\n");
            out.append(yaml);
            if (!yaml.endsWith("\n")) out.append('\n');
        }
        return out.toString();
    }
}
