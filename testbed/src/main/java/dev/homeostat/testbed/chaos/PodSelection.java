package dev.homeostat.testbed.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homeostat.chaos.ChaosSelectors;
import dev.homeostat.chaos.CloudMachine;
import dev.homeostat.simulator.fault.PodSelector;
import io.fabric8.chaosmesh.v1alpha1.PodSelectorSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One Chaos Mesh {@code selector} of an experiment as the live runner evaluates it: the simulator's {@link PodSelector},
 * built by {@link ChaosSelectors} — so a live run picks pods by the very rules the simulation does (namespaces, labels,
 * expressions, annotations, field and phase selectors, nodes ∪ nodeSelectors, {@code pods}, and the
 * {@code containerNames} beside it where Chaos Mesh reads them: every kind but a PodChaos pod-kill or pod-failure) — and
 * the cluster it selects in: the {@code remoteCluster} of the spec holding it (null: the cluster the experiment is
 * applied to).
 *
 * <p>Read from the experiment's model as JSON, so every kind — PodChaos, StressChaos, NetworkChaos's {@code target}, a
 * Schedule's or Workflow's embedded spec — is covered without a switch over them. A cloud kind (AWSChaos, GCPChaos,
 * AzureChaos) selects no pods but a {@code machine}: its pods are the ones on the node that machine backs, which only
 * the cluster can say ({@link ClusterLookup#concrete}); until then its selector matches nothing.
 */
public record PodSelection(PodSelector selector, String remoteCluster, CloudMachine machine) {
    public PodSelection {
        Objects.requireNonNull(selector, "selector");
    }

    public PodSelection(PodSelector selector, String remoteCluster) {
        this(selector, remoteCluster, null);
    }

    /**
     * Every object named {@code selector} below {@code spec} of {@code model}, in document order. An empty
     * {@code namespaces} means the experiment's own namespace, {@code namespace}, as in Chaos Mesh.
     */
    public static List<PodSelection> of(HasMetadata model, String namespace) {
        JsonNode spec = LiveChaosRun.SERIALIZATION.convertValue(model, JsonNode.class).path("spec");
        return in(spec, namespace);
    }

    /** Every object named {@code selector} below {@code node} (e.g. one Workflow template), in document order. */
    static List<PodSelection> in(JsonNode node, String namespace) {
        var out = new ArrayList<PodSelection>();
        collect(node, namespace, null, out);
        return out;
    }

    /** The {@code remoteCluster} that {@code node} (an experiment's spec, or an embedded one) names, or null. */
    static String remoteClusterOf(JsonNode node) {
        JsonNode remote = node.path("remoteCluster");
        return remote.isTextual() && !remote.asText().isEmpty() ? remote.asText() : null;
    }

    /**
     * The {@code containerNames} of the spec holding a selector: Chaos Mesh's container selector for every kind that has
     * them, but a PodChaos pod-kill or pod-failure hits the whole pod and ignores them.
     */
    private static Set<String> containerNames(JsonNode spec) {
        String action = spec.path("action").asText("");
        if (action.equals("pod-kill") || action.equals("pod-failure")) return Set.of();
        var names = new TreeSet<String>();
        for (JsonNode n : spec.path("containerNames")) names.add(n.asText(""));
        return names;
    }

    private static void collect(JsonNode node, String namespace, String cluster, List<PodSelection> out) {
        if (node.isArray()) {
            for (JsonNode child : node) collect(child, namespace, cluster, out);
            return;
        }
        if (!node.isObject()) return;
        // Chaos Mesh forwards an experiment naming a remoteCluster, and everything it selects (a NetworkChaos's target too), there.
        String here = remoteClusterOf(node) != null ? remoteClusterOf(node) : cluster;
        // until the cluster says which node runs on the machine, its selector names a node no node is (a provider ID)
        CloudMachine.of(node).ifPresent(m -> out.add(new PodSelection(new PodSelector(Set.of(namespace), java.util.Map.of(), Set.of(), List.of(),
                java.util.Map.of(), Set.of(), java.util.Map.of(), java.util.Map.of(), Set.of(m.providerID())), here, m)));
        for (var it = node.fields(); it.hasNext(); ) {
            var field = it.next();
            if (field.getKey().equals("selector") && field.getValue().isObject()) {
                PodSelectorSpec spec = LiveChaosRun.SERIALIZATION.convertValue(field.getValue(), PodSelectorSpec.class);
                PodSelector selector = ChaosSelectors.selector(spec, namespace);
                Set<String> containers = containerNames(node);
                out.add(new PodSelection(containers.isEmpty() ? selector : selector.withContainers(containers), here));
            } else {
                collect(field.getValue(), namespace, here, out);
            }
        }
    }
}
