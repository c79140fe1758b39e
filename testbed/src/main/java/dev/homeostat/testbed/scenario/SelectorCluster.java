package dev.homeostat.testbed.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homeostat.chaos.CloudMachine;
import dev.homeostat.simulator.spec.DeploymentSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The cluster a user who wrote a manifest's selectors has, as scenario YAML: one workload per selector found anywhere
 * under {@code spec} (an experiment's {@code selector}, a NetworkChaos {@code target.selector}, the selectors a Schedule or
 * Workflow embeds) and per namespace it names, carrying what the selector asks for, and the nodes it names.
 *
 * <ul>
 *   <li>{@code namespaces}: the workload in each of them (none: the object's own namespace); {@code fieldSelectors}
 *       {@code metadata.namespace}: in that one of them;</li>
 *   <li>{@code labelSelectors}, {@code expressionSelectors} (In: the first value, Exists: a value, NotIn and DoesNotExist:
 *       not that value, not that key), {@code annotationSelectors}: the pod template's labels and annotations;
 *       {@code containerNames}: the container's name;</li>
 *   <li>a pod name ({@code pods}, a map of namespace to names; {@code fieldSelectors} {@code metadata.name}) that ends in
 *       {@code -<ordinal>}: a StatefulSet of that name with the ordinal among its pods ({@code web-1} → {@code web}, 2 pods or
 *       more), as such names come from; selectors naming pods of one StatefulSet (selector and target) share it; any
 *       other pod name: a Deployment whose first pods carry the names ({@code podNames}), named as Kubernetes names a
 *       Deployment's pods ({@code cart-7d4b9c8f6-x2x4q} → {@code cart}), else after the pod ({@code nginx});</li>
 *   <li>{@code nodes}, {@code fieldSelectors} {@code spec.nodeName}, {@code nodeSelectors}: nodes so named (a node a
 *       {@code nodeSelectors} picks carries its labels, named by its {@code kubernetes.io/hostname} when given), and then
 *       only those, so that the pods are scheduled there;</li>
 *   <li>{@code podPhaseSelectors}, {@code fieldSelectors} {@code status.phase}: nothing to build, pods run;</li>
 *   <li>a cloud kind's machine (AWSChaos {@code ec2Instance}, GCPChaos {@code project}/{@code zone}/{@code instance},
 *       AzureChaos {@code subscriptionID}/{@code resourceGroupName}/{@code vmName}): a node on it, its {@code providerID}
 *       as Kubernetes writes it on that cloud, beside one other node;</li>
 *   <li>{@code mode} and {@code value}: pods enough for the mode to pick one ({@link #replicasFor}).</li>
 * </ul>
 * A replacement of a named pod gets a new name, in simulation as in Kubernetes: Chaos Mesh finds a named pod only while it lives.
 */
public final class SelectorCluster {
    private static final Pattern ORDINAL = Pattern.compile("(.+)-(\\d{1,3})");
    // a Deployment's pod: <deployment>-<pod-template-hash>-<5 characters>, both from Kubernetes' safe alphabet
    private static final Pattern DEPLOYMENT_POD = Pattern.compile("(.+)-[bcdfghjklmnpqrstvwxz2456789]{5,10}-[bcdfghjklmnpqrstvwxz2456789]{5}");
    private static final String HOSTNAME = "kubernetes.io/hostname";

    /** A Deployment or StatefulSet, keyed namespace/name. */
    record Workload(String namespace, String name, boolean stateful, int replicas, Map<String, String> labels, Map<String, String> annotations,
                    String container, Set<String> podNames) {
        String key() { return namespace + "/" + name; }

        Workload merge(Workload o) {
            var l = new TreeMap<>(o.labels);
            l.putAll(labels);
            var a = new TreeMap<>(o.annotations);
            a.putAll(annotations);
            boolean statefulSet = stateful || o.stateful;
            // a StatefulSet names its pods by ordinal: names of another shape cannot be among them
            var names = new TreeSet<String>();
            if (!statefulSet) {
                names.addAll(podNames);
                names.addAll(o.podNames);
            }
            return new Workload(namespace, name, statefulSet, Math.max(Math.max(replicas, o.replicas), names.size()), l, a, container, names);
        }

        String yaml() {
            return "      - {name: " + name + ", namespace: " + namespace + ", replicas: " + replicas + (stateful ? ", kind: StatefulSet" : "")
                    + (podNames.isEmpty() ? "" : ", podNames: [" + String.join(", ", podNames) + "]")
                    + (annotations.isEmpty() ? "" : ", annotations: " + map(annotations)) + ", labels: " + map(labels)
                    + ", container: {name: " + container + "}}\n";
        }
    }

    private final Map<String, Workload> workloads = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> nodes = new LinkedHashMap<>();
    /** Provider IDs of the machines the cloud kinds name. */
    private final Set<String> machines = new TreeSet<>();
    private int selectors;

    private SelectorCluster() { }

    /** The cluster for the object {@code root}; selectors without namespaces select in its namespace ({@code default} when it names none). */
    public static SelectorCluster of(JsonNode root) {
        return of(List.of(root));
    }

    /** The cluster for several objects (the documents of one file), each selecting in its own namespace by default. */
    public static SelectorCluster of(List<JsonNode> roots) {
        var c = new SelectorCluster();
        for (JsonNode root : roots) c.walk(root.path("spec"), root.path("metadata").path("namespace").asText("default"));
        return c;
    }

    /** The workloads' keys (namespace/name), in the order their selectors appear. */
    public List<String> keys() { return List.copyOf(workloads.keySet()); }

    public boolean isEmpty() { return workloads.isEmpty(); }

    /** The provider IDs of the machines the cloud kinds name, as Kubernetes writes them on their nodes. */
    public List<String> machines() { return List.copyOf(machines); }

    /** The {@code cluster:} lines for nodes and deployments (services are the caller's). */
    public String yaml() {
        var out = new StringBuilder(nodesYaml());
        out.append("    deployments:\n");
        workloads.values().forEach(w -> out.append(w.yaml()));
        return out.toString();
    }

    /** The {@code cluster:} lines for the nodes: those the selectors name and the machines the cloud kinds name, else a pool of 4. */
    public String nodesYaml() {
        if (nodes.isEmpty() && machines.isEmpty()) return "    nodePool: {count: 4, cpu: 8, memory: 32Gi}\n";
        var all = new LinkedHashMap<String, String>(); // name -> extra fields
        nodes.forEach((name, labels) -> all.put(name, labels.isEmpty() ? "" : ", labels: " + map(labels)));
        int i = 0;
        for (String machine : machines) all.put("machine-" + ++i, ", providerID: \"" + machine + "\"");
        if (nodes.isEmpty()) all.put("node-1", ""); // the rest of the cluster, where a stopped machine's pods go
        int pods = Math.max(3, workloads.values().stream().mapToInt(Workload::replicas).sum());
        // room for every pod (0.25 of a core each) on the selected nodes alone, with surge to spare
        int cpu = Math.max(8, 2 * (int) Math.ceil(pods * 0.25 / all.size()));
        var out = new StringBuilder("    nodes:\n");
        all.forEach((name, extra) -> out.append("      - {name: ").append(name).append(", cpu: ").append(cpu).append(", memory: ")
                .append(cpu * 4).append("Gi").append(extra).append("}\n"));
        return out.toString();
    }

    private void walk(JsonNode node, String namespace) {
        if (node.isArray()) {
            for (JsonNode n : node) walk(n, namespace);
            return;
        }
        if (!node.isObject()) return;
        JsonNode selector = node.path("selector");
        // a StatusCheck's or a Schedule's own "type" sits beside no pod selector
        if (selector.isObject() && !node.has("type")) add(node, selector, namespace);
        CloudMachine.of(node).ifPresent(m -> machines.add(m.providerID()));
        node.properties().forEach(e -> { if (!e.getKey().equals("selector")) walk(e.getValue(), namespace); });
    }

    private void add(JsonNode owner, JsonNode selector, String namespace) {
        int index = ++selectors;
        int replicas = replicasFor(owner.path("mode").asText(), owner.path("value").asText());
        // the first name a container can have: a blank one (['']) names none, and the pods keep their usual one
        String container = "app";
        for (JsonNode n : owner.path("containerNames")) if (!n.asText().isBlank()) { container = n.asText(); break; }
        JsonNode fields = selector.path("fieldSelectors");
        var named = new ArrayList<String[]>();
        selector.path("pods").properties().forEach(e -> e.getValue().forEach(n -> named.add(new String[] {e.getKey(), n.asText()})));
        // Chaos Mesh then ignores the other selectors: each named pod's StatefulSet; none to make, a workload by the other fields
        boolean made = false;
        for (String[] pod : named) made |= put(pod[0], pod[1], null, replicas, Map.of(), Map.of(), container);
        if (made) return;
        nodes(selector, fields.path("spec.nodeName").asText(""), index);
        List<String> namespaces = new ArrayList<>();
        selector.path("namespaces").forEach(n -> namespaces.add(n.asText()));
        if (namespaces.isEmpty()) namespaces.add(namespace);
        // the field selector narrows the namespaces listed (outside them Chaos Mesh selects nothing, and so does this cluster)
        String fieldNamespace = fields.path("metadata.namespace").asText("");
        if (namespaces.contains(fieldNamespace)) namespaces.retainAll(List.of(fieldNamespace));
        var labels = labels(selector);
        var annotations = new TreeMap<String, String>();
        selector.path("annotationSelectors").properties().forEach(e -> annotations.put(e.getKey(), e.getValue().asText()));
        for (String ns : namespaces) put(ns, fields.path("metadata.name").asText(""), "target-" + index, replicas, labels, annotations, container);
    }

    /** A workload in {@code ns}: the StatefulSet a pod name with an ordinal comes from, else {@code fallback} (null: none); whether one was put. */
    private boolean put(String ns, String podName, String fallback, int replicas, Map<String, String> labels, Map<String, String> annotations,
                     String container) {
        var m = ORDINAL.matcher(podName);
        Workload w;
        if (m.matches()) {
            w = new Workload(ns, m.group(1), true, Math.max(replicas, Integer.parseInt(m.group(2)) + 1), labels, annotations, container, Set.of());
        } else if (DeploymentSpec.isPodName(podName)) {
            var d = DEPLOYMENT_POD.matcher(podName);
            w = new Workload(ns, d.matches() ? d.group(1) : podName, false, replicas, labels, annotations, container, Set.of(podName));
        } else if (fallback != null) {
            w = new Workload(ns, fallback, false, replicas, labels, annotations, container, Set.of());
        } else {
            return false;
        }
        workloads.merge(w.key(), w, Workload::merge);
        return true;
    }

    /** The labels a pod needs for {@code labelSelectors} and {@code expressionSelectors}. */
    private static Map<String, String> labels(JsonNode selector) {
        var labels = new TreeMap<String, String>();
        selector.path("labelSelectors").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        for (JsonNode r : selector.path("expressionSelectors")) {
            String key = r.path("key").asText();
            var values = new ArrayList<String>();
            r.path("values").forEach(v -> values.add(v.asText()));
            switch (r.path("operator").asText()) {
                case "In" -> { if (!values.contains(labels.get(key))) labels.put(key, values.isEmpty() ? "x" : values.getFirst()); }
                case "Exists" -> labels.putIfAbsent(key, "x");
                case "NotIn" -> { if (values.contains(labels.get(key))) labels.remove(key); }
                case "DoesNotExist" -> labels.remove(key);
                default -> { }
            }
        }
        return labels;
    }

    /** Nodes the selector names: {@code spec.nodeName} (carrying the node labels asked for), else {@code nodes}, else one with {@code nodeSelectors}. */
    private void nodes(JsonNode selector, String fieldNode, int index) {
        var wanted = new TreeMap<String, String>();
        selector.path("nodeSelectors").properties().forEach(e -> wanted.put(e.getKey(), e.getValue().asText()));
        List<String> named = new ArrayList<>();
        selector.path("nodes").forEach(n -> named.add(n.asText()));
        if (!fieldNode.isEmpty()) node(fieldNode, wanted);
        else if (!named.isEmpty()) named.forEach(n -> node(n, Map.of()));
        else if (!wanted.isEmpty()) node(wanted.getOrDefault(HOSTNAME, "selected-" + index), wanted);
    }

    private void node(String name, Map<String, String> labels) {
        var l = nodes.computeIfAbsent(name, k -> new TreeMap<>());
        labels.forEach((k, v) -> { if (!k.equals(HOSTNAME)) l.put(k, v); });
    }

    private static String map(Map<String, String> m) {
        var out = new StringBuilder("{");
        m.forEach((k, v) -> out.append(out.length() > 1 ? ", " : "").append('"').append(k).append("\": \"").append(v).append('"'));
        return out.append('}').toString();
    }

    /**
     * Pods enough for the selector's mode to pick one, as a service someone aims that mode at has: Chaos Mesh rounds a
     * percentage of the matching pods down (30 % of 3 pods is none), and random-max-percent draws up to it (14 pods for
     * 30 %: one or more pods for any draw above 7 %).
     */
    public static int replicasFor(String mode, String value) {
        int v;
        try {
            v = Integer.parseInt(value.strip().replace("%", ""));
        } catch (NumberFormatException e) {
            return 3;
        }
        if (v <= 0 || v > 100) return 3;
        return switch (mode) {
            case "fixed" -> Math.max(3, v);
            case "fixed-percent" -> Math.max(3, (100 + v - 1) / v);
            case "random-max-percent" -> Math.max(3, (400 + v - 1) / v);
            default -> 3;
        };
    }
}
