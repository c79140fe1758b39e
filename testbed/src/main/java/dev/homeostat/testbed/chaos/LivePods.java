package dev.homeostat.testbed.chaos;

import dev.homeostat.simulator.fault.PodSelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One cluster's pods as {@link PodSelector} reads them ({@link PodSelector.Candidate}): labels, annotations, node, phase
 * and the pod-spec fields as the API server holds them, and the labels of the pod's Node. The Nodes are listed once, the
 * first time a selector asks for a node label (only {@code nodeSelectors} do), and kept for this object's life — one
 * poll, or one watch; a node that appears later is read by name once.
 */
final class LivePods {
    private final KubernetesClient client;
    private final Map<String, Map<String, String>> nodeLabels = new ConcurrentHashMap<>();
    private volatile boolean listed;

    LivePods(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * Whether {@code selector} picks {@code pod}: with {@code containerNames}, through one of its containers of those
     * names — its containers, and the init containers that keep running (restartPolicy Always), as Chaos Mesh's
     * container selector reads them.
     */
    boolean selects(PodSelector selector, Pod pod) {
        if (selector.containers().isEmpty()) return selector.matches(candidate(pod, null));
        PodSpec spec = pod.getSpec();
        if (spec == null) return false;
        for (Container c : spec.getContainers()) if (selector.matches(candidate(pod, c.getName()))) return true;
        for (Container c : spec.getInitContainers())
            if ("Always".equals(c.getRestartPolicy()) && selector.matches(candidate(pod, c.getName()))) return true;
        return false;
    }

    /**
     * {@code pod} as the selector reads it, through {@code container} (null: no container condition); an unscheduled pod
     * is on node {@code ""}, which no node selection picks.
     */
    PodSelector.Candidate candidate(Pod pod, String container) {
        var meta = pod.getMetadata();
        PodSpec spec = pod.getSpec();
        String node = spec == null || spec.getNodeName() == null ? "" : spec.getNodeName();
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return new PodSelector.Candidate(meta.getNamespace(), meta.getName(), meta.getLabels() == null ? Map.of() : meta.getLabels(),
                meta.getAnnotations() == null ? Map.of() : meta.getAnnotations(), node, key -> label(node, key), phase, container, specFields(spec));
    }

    /** The pod-spec fields a field selector may name, with the API server's defaults where the pod names none. */
    static Map<String, String> specFields(PodSpec spec) {
        var out = new HashMap<>(PodSelector.SPEC_DEFAULTS);
        if (spec == null) return out;
        if (spec.getRestartPolicy() != null) out.put("spec.restartPolicy", spec.getRestartPolicy());
        if (spec.getSchedulerName() != null) out.put("spec.schedulerName", spec.getSchedulerName());
        // serviceAccount is the deprecated alias the API server still copies into serviceAccountName
        String account = spec.getServiceAccountName() != null ? spec.getServiceAccountName() : spec.getServiceAccount();
        if (account != null) out.put("spec.serviceAccountName", account);
        return out;
    }

    private String label(String node, String key) {
        if (node.isEmpty()) return null;
        if (!listed) listNodes();
        Map<String, String> labels = nodeLabels.computeIfAbsent(node, this::readNode);
        return labels.get(key);
    }

    private synchronized void listNodes() {
        if (listed) return;
        try {
            for (Node n : client.nodes().list().getItems()) nodeLabels.put(n.getMetadata().getName(), labelsOf(n));
        } catch (KubernetesClientException e) {
            throw new KubernetesClientException("nodeSelectors pick pods by their Nodes' labels, and listing the Nodes failed ("
                    + e.getMessage() + "); the kubeconfig's user needs list on nodes, as Chaos Mesh's controller has", e);
        }
        listed = true;
    }

    private Map<String, String> readNode(String name) {
        Node n = client.nodes().withName(name).get();
        return n == null ? Map.of() : labelsOf(n);
    }

    private static Map<String, String> labelsOf(Node n) {
        return n.getMetadata().getLabels() == null ? Map.of() : Map.copyOf(n.getMetadata().getLabels());
    }
}
