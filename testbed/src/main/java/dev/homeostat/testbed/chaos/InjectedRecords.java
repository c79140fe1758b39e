package dev.homeostat.testbed.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homeostat.reports.journal.JournalEvent;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The pods Chaos Mesh says it injected, read from each created experiment's {@code status.experiment.containerRecords}
 * (a Schedule's: from the experiments it created, its {@code status.active}). Chaos Mesh draws {@code mode} itself
 * (one, fixed, fixed-percent, random-max-percent), so the selector's pods are only what it drew from: once records
 * appear, an experiment's targets are exactly the pods they name ({@code ns/pod}, or {@code ns/pod/container} for a
 * container selector), and a pod the selector matched but Chaos Mesh spared is no target — its events are not
 * journaled, it moves no signal and recovery does not wait for it. Until then (or for a Chaos Mesh that writes no
 * such status) the selector's pods stay the targets, which {@link #finish} says once. A Workflow's steps are narrowed
 * one by one, from the experiment each step's WorkflowNode names in {@code status.chaosResource}; a Schedule step's node
 * names a Schedule, whose firings are read as a top-level Schedule's.
 *
 * <p>{@link #poll} runs on the run's thread; {@link #spared} is read from the watch threads too.
 */
final class InjectedRecords {
    /**
     * Where an experiment's records are: on its own object (a Schedule's: on the experiments it created), or on the
     * experiment Chaos Mesh created for a Workflow step, named by the step's WorkflowNode ({@code node}; or, for a step
     * applied by plan, the {@code run}-th node of {@code template}).
     */
    sealed interface Source {
        record Own() implements Source { }

        record Step(String workflow, String template, int run) implements Source { }

        record Node(String node) implements Source { }
    }

    private static final class Tracked {
        final Planned planned;
        final String fault;
        final Source source;
        final Map<String, Pod> selected;
        Set<String> injected; // null until Chaos Mesh records some
        boolean firings; // its records are a Schedule's: each firing may add pods

        Tracked(Planned planned, String fault, Source source, Map<String, Pod> selected) {
            this.planned = planned;
            this.fault = fault;
            this.source = source;
            this.selected = Map.copyOf(selected);
        }
    }

    private final KubernetesClient client;
    private final ClusterLookup lookup;
    private final List<JournalEvent> events;
    private final Consumer<String> log;
    /** By fault name: an experiment's, or each step's of a Workflow. */
    private final Map<String, Tracked> tracked = new LinkedHashMap<>();
    /** Pods a narrowed experiment's selector matched that no experiment counts any more, as {@code ns/name}. */
    private volatile Set<String> spared = Set.of();

    InjectedRecords(KubernetesClient client, ClusterLookup lookup, List<JournalEvent> events, Consumer<String> log) {
        this.client = client;
        this.lookup = lookup;
        this.events = events;
        this.log = log;
    }

    /**
     * {@code p} was applied as fault {@code fault} (a Workflow step: {@code source} names its node) with {@code selected}
     * its selector's pods. A null fault, or no selected pod (nothing matched, or a cluster no context reaches), is not
     * narrowed.
     */
    void track(Planned p, String fault, Source source, Map<String, Pod> selected) {
        if (selected.isEmpty()) return;
        // not narrowed, but its pods stay counted: another experiment's records cannot spare them
        tracked.put(fault == null ? "\0" + p.ref() : fault, new Tracked(p, fault, source, selected));
    }

    /** Reads the status of every experiment not narrowed yet; narrows the ones whose records appeared. */
    void poll(long now) {
        var nodes = new HashMap<String, List<JsonNode>>(); // the WorkflowNodes of a namespace, listed once a poll
        for (Tracked x : tracked.values()) {
            // a Schedule's later firings may draw other pods: its targets grow with each firing's records
            if (x.fault == null || x.injected != null && !x.firings) continue;
            Set<String> pods = read(x, nodes);
            if (pods.isEmpty() || x.injected != null && x.injected.containsAll(pods)) continue;
            if (x.injected != null) pods.addAll(x.injected);
            x.injected = pods;
            narrow(x, now);
        }
        var kept = new TreeSet<String>();
        var out = new TreeSet<String>();
        for (Tracked x : tracked.values()) {
            kept.addAll(x.injected == null ? x.selected.keySet() : x.injected);
            if (x.injected != null) out.addAll(x.selected.keySet());
        }
        out.removeAll(kept);
        spared = Set.copyOf(out);
    }

    /** Whether journal target {@code ref} ({@code pod/ns/name}) is a pod a selector matched and Chaos Mesh spared. */
    boolean spared(String ref) {
        return ref.startsWith("pod/") && spared.contains(ref.substring(4));
    }

    /** {@code pods} (what an experiment's selectors match, now or at apply time) without the pods Chaos Mesh spared. */
    Map<String, Pod> counted(Map<String, Pod> pods) {
        var out = new TreeMap<>(pods);
        out.keySet().removeAll(spared);
        return out;
    }

    /** The run's targets: {@code selectorBased} without the spared pods, with the pods Chaos Mesh named. */
    Set<String> targets(Set<String> selectorBased) {
        var out = new TreeSet<>(selectorBased);
        out.removeAll(spared);
        for (Tracked x : tracked.values()) if (x.injected != null) out.addAll(x.injected);
        return out;
    }

    /**
     * At the run's end: for each experiment Chaos Mesh never reported records for (but the Workflow steps the run ended
     * before, {@code notStarted}), one text, logged and returned for the run's detail; empty when every experiment was narrowed. The journal says nothing then (it is as before records were read):
     * a narrowed experiment's journal has the "Chaos Mesh injected" note on its fault, one on selector-based targets has none.
     */
    List<String> finish(Set<String> notStarted) {
        var out = new ArrayList<String>();
        for (Tracked x : tracked.values())
            if (x.fault != null && x.injected == null && !notStarted.contains(x.fault))
                out.add("targets by selector: Chaos Mesh reported no status.experiment.containerRecords for " + x.planned.ref()
                        + (x.source instanceof Source.Own ? "" : " step " + x.fault));
        out.forEach(log);
        return out;
    }

    private void narrow(Tracked x, long now) {
        var known = new TreeMap<String, Pod>();
        for (String key : x.injected) {
            Pod p = x.selected.get(key);
            if (p == null) p = fetch(x.planned, key);
            if (p != null) known.put(key, p);
        }
        KubernetesClient c = x.planned.selections().isEmpty() ? client : lookup.clientFor(x.planned.selections().getFirst()).orElse(client);
        ClusterLookup.Targets t = lookup.chosen(c, x.injected, known);
        String text = "Chaos Mesh injected " + x.injected.size() + " of the " + x.selected.size() + " selected pods: " + String.join(", ", x.injected);
        synchronized (events) {
            for (var it = events.listIterator(); it.hasNext(); ) {
                if (it.next() instanceof JournalEvent.FaultStarted f && f.fault().equals(x.fault))
                    it.set(new JournalEvent.FaultStarted(f.t(), f.fault(), f.kind(), f.end(), f.scope(), t.refs(), t.services(), true, f.upstream()));
            }
            events.add(new JournalEvent.ClusterEvent(now, "fault/" + x.fault, text));
        }
        log.accept(x.planned.ref() + ": " + text);
    }

    private Pod fetch(Planned p, String key) {
        int slash = key.indexOf('/');
        KubernetesClient c = p.selections().isEmpty() ? client : lookup.clientFor(p.selections().getFirst()).orElse(null);
        return c == null ? null : c.pods().inNamespace(key.substring(0, slash)).withName(key.substring(slash + 1)).get();
    }

    /** The pods {@code x}'s status records name, as {@code ns/pod}; empty when it has none (yet) or cannot be read. */
    private Set<String> read(Tracked x, Map<String, List<JsonNode>> nodes) {
        Planned p = x.planned;
        HasMetadata model = p.model();
        try {
            JsonNode experiment = switch (x.source) {
                case Source.Own own -> {
                    HasMetadata live = client.resources(model.getClass()).inNamespace(p.namespace()).withName(model.getMetadata().getName()).get();
                    yield live == null ? null : LiveChaosRun.SERIALIZATION.convertValue(live, JsonNode.class);
                }
                case Source.Step step -> stepExperiment(p.namespace(), node(p.namespace(), step, nodes));
                case Source.Node node -> stepExperiment(p.namespace(), node(p.namespace(), node.node()));
            };
            if (experiment == null) return Set.of();
            x.firings = "Schedule".equals(experiment.path("kind").asText());
            if (!x.firings) return pods(experiment);
            var out = new TreeSet<String>();
            for (JsonNode child : experiment.path("status").path("active")) out.addAll(pods(child(child, p.namespace())));
            return out;
        } catch (KubernetesClientException | IllegalArgumentException e) {
            return Set.of(); // no readable status: the selector's targets stay, as finish() says
        }
    }

    /** The {@code run}-th WorkflowNode (by start) Chaos Mesh made for {@code step}'s template; null until it exists. */
    private JsonNode node(String namespace, Source.Step step, Map<String, List<JsonNode>> listed) {
        var nodes = listed.computeIfAbsent(namespace, this::nodes).stream()
                .filter(n -> step.workflow().equals(n.path("spec").path("workflowName").asText()) && step.template().equals(n.path("spec").path("templateName").asText()))
                .sorted(Comparator.comparing((JsonNode n) -> n.path("spec").path("startTime").asText()).thenComparing(n -> n.path("metadata").path("name").asText()))
                .toList();
        return nodes.size() < step.run() ? null : nodes.get(step.run() - 1);
    }

    /** The namespace's WorkflowNodes; none when they cannot be listed (the kubeconfig's user may not read them). */
    private List<JsonNode> nodes(String namespace) {
        try {
            return client.genericKubernetesResources(WorkflowFollower.NODES).inNamespace(namespace).list().getItems().stream()
                    .map(n -> LiveChaosRun.SERIALIZATION.convertValue(n, JsonNode.class)).toList();
        } catch (KubernetesClientException e) {
            return List.of();
        }
    }

    /** The WorkflowNode named {@code name}; null when it is not there (yet). */
    private JsonNode node(String namespace, String name) {
        var n = client.genericKubernetesResources(WorkflowFollower.NODES).inNamespace(namespace).withName(name).get();
        return n == null ? null : LiveChaosRun.SERIALIZATION.convertValue(n, JsonNode.class);
    }

    /** The experiment a WorkflowNode's {@code status.chaosResource} names; null while it names none. */
    private JsonNode stepExperiment(String namespace, JsonNode node) {
        if (node == null) return null;
        JsonNode ref = node.path("status").path("chaosResource");
        if (!ref.path("name").isTextual() || !ref.path("kind").isTextual()) return null;
        return child(LiveChaosRun.SERIALIZATION.convertValue(Map.of("kind", ref.path("kind").asText(), "name", ref.path("name").asText(), "namespace", namespace),
                JsonNode.class), namespace);
    }

    /** A Chaos Mesh object by reference (an experiment a Schedule created, a step's experiment or Schedule); missing: an empty node. */
    private JsonNode child(JsonNode ref, String namespace) {
        String kind = ref.path("kind").asText(""), name = ref.path("name").asText("");
        if (kind.isEmpty() || name.isEmpty()) return LiveChaosRun.SERIALIZATION.convertValue(Map.of(), JsonNode.class);
        String lower = kind.toLowerCase(Locale.ROOT);
        // podchaos, networkchaos, …; but schedules, workflows
        var context = new ResourceDefinitionContext.Builder().withGroup("chaos-mesh.org").withVersion("v1alpha1").withKind(kind)
                .withPlural(lower.endsWith("chaos") ? lower : lower + "s").withNamespaced(true).build();
        var r = client.genericKubernetesResources(context).inNamespace(ref.path("namespace").asText(namespace)).withName(name).get();
        return LiveChaosRun.SERIALIZATION.convertValue(r == null ? Map.of() : r, JsonNode.class);
    }

    /**
     * The pods {@code status.experiment.containerRecords} of {@code experiment} name for its own selector: a record's
     * {@code id} is {@code ns/pod}, or {@code ns/pod/container} for a container selector (the pod is {@code ns/pod});
     * other ids (a physical machine's address) are not pods. A NetworkChaos's {@code target} pods are recorded too, under
     * {@code selectorKey: ".Target"}: they are the other end of the calls the fault acts on, not its targets, as in the
     * simulation. A record without a selectorKey (older Chaos Mesh) is the experiment's own.
     */
    static Set<String> pods(JsonNode experiment) {
        var out = new TreeSet<String>();
        for (JsonNode r : experiment.path("status").path("experiment").path("containerRecords")) {
            if (!r.path("selectorKey").asText(".").equals(".")) continue;
            String[] parts = r.path("id").asText("").split("/");
            if (parts.length >= 2 && parts.length <= 3 && !parts[0].isEmpty() && !parts[1].isEmpty()) out.add(parts[0] + "/" + parts[1]);
        }
        return out;
    }
}
