package dev.homeostat.chaos.crd;

import static dev.homeostat.chaos.crd.Shape.listOf;
import static dev.homeostat.chaos.crd.Shape.mapOf;
import static dev.homeostat.chaos.crd.Shape.oneOf;
import static dev.homeostat.chaos.crd.Shape.text;
import static dev.homeostat.chaos.crd.Support.notModelled;
import static dev.homeostat.chaos.crd.Support.simulated;

import java.util.List;

/**
 * Chaos Mesh's selector types ({@code api/v1alpha1/selector.go}: {@code PodSelectorSpec}, {@code PodSelector},
 * {@code ContainerSelector}) and the fields every pod-scoped experiment shares.
 */
public final class SelectorSchema {
    public static final List<String> MODES = List.of("one", "all", "fixed", "fixed-percent", "random-max-percent");
    public static final List<String> PHASES = List.of("Pending", "Running", "Succeeded", "Failed", "Unknown");

    private SelectorSchema() { }

    /** {@code PodSelectorSpec}: which pods. */
    public static final Shape.Fields SELECTOR = Shape.Fields.of("PodSelectorSpec", List.of(
            Field.of("namespaces", listOf(text()), simulated("the pods' namespaces (a string no namespace can have selects nothing, so it is refused); none: the experiment's own namespace, as Chaos Mesh defaults it")),
            Field.of("labelSelectors", mapOf(text()), simulated("every label must match")),
            Field.of("expressionSelectors", listOf(Shape.Fields.of("LabelSelectorRequirement", List.of(
                    Field.of("key", text(), simulated("the label key")),
                    Field.of("operator", oneOf("In", "NotIn", "Exists", "DoesNotExist"), simulated("In, NotIn, Exists, DoesNotExist")),
                    Field.of("values", listOf(text()), simulated("the values for In and NotIn"))))),
                    simulated("set-based label requirements")),
            Field.of("fieldSelectors", mapOf(text()),
                    simulated("metadata.name, metadata.namespace, spec.nodeName and status.phase, the pod fields the simulator knows, and the pod-spec fields "
                            + "Kubernetes fills for a controller's pod (spec.restartPolicy Always, spec.schedulerName default-scheduler, "
                            + "spec.serviceAccountName default); status.podIP and status.nominatedNodeName cannot exist (a simulated pod has no address "
                            + "and is never preempted)")),
            Field.of("pods", mapOf(listOf(text())), simulated("namespace: [pod names]; when given, the other selectors are ignored, as in Chaos Mesh. A scenario's StatefulSet "
                    + "pods are named by ordinal and a Deployment's first pods can be named (`deployments[].podNames`); `chaos run "
                    + "--simulate` builds either from the names (`web-1` → StatefulSet `web`; `cart-7d4b9c8f6-x2x4q` → Deployment `cart`)")),
            Field.of("nodes", listOf(text()), simulated("pods on any of these nodes (spec.nodeName one of them); with nodeSelectors, on any node either picks (Chaos Mesh joins the two lists)")),
            Field.of("podPhaseSelectors", listOf(oneOf(java.util.stream.Stream.concat(PHASES.stream(), PHASES.stream().map(p -> "!" + p)).toArray(String[]::new))),
                    simulated("pods in any of these phases (status.phase one of them); !Phase leaves that phase out, as Chaos Mesh reads the list "
                            + "(a label selector over the phase: Running includes, !Pending excludes; only exclusions: every other phase)")),
            Field.of("nodeSelectors", mapOf(text()), simulated("pods on nodes carrying these labels: a scenario's nodes carry their labels (nodes[].labels) and kubernetes.io/hostname; with nodes, on any node either picks")),
            Field.of("annotationSelectors", mapOf(text()), simulated("pods carrying every one of these annotations: a scenario's pods carry their workload's (deployments[].annotations, the pod template's)"))));

    public static final Field MODE = Field.of("mode", oneOf(MODES.toArray(String[]::new)),
            simulated("how many of the selected pods are hit, drawn from the run's seed: one, all, fixed N, fixed-percent P, random-max-percent P"));
    public static final Field VALUE = Field.of("value", text(),
            simulated("N or P for fixed, fixed-percent and random-max-percent, a quoted string as the CRD types it"));
    public static final Field REMOTE_CLUSTER = Field.of("remoteCluster", text(),
            simulated("the cluster Chaos Mesh injects into (the one the RemoteCluster of that name connects to): simulated when the scenario's "
                    + "cluster has that name (spec.cluster.name), refused in a scenario of another or no name; checked alone, a note; live, "
                    + "handed to Chaos Mesh unchanged"));
    public static final Field CONTAINER_NAMES = Field.of("containerNames", listOf(text()),
            simulated("only pods running a container of that name are hit (a simulated pod runs one container); a blank name (['']) matches no container, as in Chaos Mesh, with a note"));

    /** {@code PodSelector}: selector, mode and value (NetworkChaos's {@code target} has this shape). */
    public static List<Field> podSelector() {
        return List.of(Field.of("selector", SELECTOR, simulated("which pods; required, and an empty one selects every pod of the experiment's namespace, as Chaos Mesh's webhook defaults it")), MODE, VALUE);
    }

    /** {@code ContainerSelector}: {@link #podSelector()} and containerNames. */
    public static List<Field> containerSelector() {
        var out = new java.util.ArrayList<>(podSelector());
        out.add(CONTAINER_NAMES);
        return List.copyOf(out);
    }

    /** The spec's {@code duration}. */
    public static Field duration(String how) {
        return Field.of("duration", text(), simulated(how));
    }
}
