package dev.homeostat.remediation.live.kubernetes;

import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.port.ActionOutcome;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Lifting the engine's own measures on a live cluster. Each lift undoes only what the engine itself put there, by the
 * marks it left: a node it cordoned carries {@link #CORDONED_BY}, an open circuit the selector key
 * {@link KubernetesCluster#CIRCUIT_BREAKER_KEY}, a retry cut the VirtualService {@link IstioMesh} owns. A node someone
 * else cordoned is left cordoned. Replicas the engine added carry no mark: the engine lifts them from its own ledger,
 * only while the Deployment still has the replicas it set, so a restarted engine does not take back an earlier one's.
 */
final class LiveLifts {
    /** The annotation the engine puts on a node it cordons (and removes when it uncordons it). */
    static final String CORDONED_BY = "homeostat.dev/cordoned";

    private final KubernetesClient client;
    private final IstioMesh mesh;

    LiveLifts(KubernetesClient client, IstioMesh mesh) {
        this.client = Objects.requireNonNull(client, "client");
        this.mesh = Objects.requireNonNull(mesh, "mesh");
    }

    /**
     * The engine's measures still in force by their marks, in {@code namespace} (null: every namespace) and on the
     * nodes: cordoned nodes it marked, Services whose selector carries the circuit-breaker key, VirtualServices it
     * manages (none where Istio's API is not served).
     */
    List<ClusterAction> marked(String namespace) {
        var out = new ArrayList<ClusterAction>();
        for (Node n : client.nodes().list().getItems()) {
            Map<String, String> annotations = n.getMetadata().getAnnotations();
            boolean cordoned = n.getSpec() != null && Boolean.TRUE.equals(n.getSpec().getUnschedulable());
            if (cordoned && annotations != null && annotations.containsKey(CORDONED_BY)) {
                out.add(new ClusterAction.CordonNode(new Target(Target.Kind.NODE, null, n.getMetadata().getName())));
            }
        }
        List<Service> services = namespace == null ? client.services().inAnyNamespace().list().getItems()
                : client.services().inNamespace(namespace).list().getItems();
        for (Service s : services) {
            Map<String, String> selector = s.getSpec() == null ? null : s.getSpec().getSelector();
            if (selector != null && selector.containsKey(KubernetesCluster.CIRCUIT_BREAKER_KEY)) {
                out.add(new ClusterAction.CircuitBreak(new Target(Target.Kind.SERVICE, s.getMetadata().getNamespace(), s.getMetadata().getName())));
            }
        }
        for (GenericKubernetesResource vs : mesh.managed(namespace)) {
            String name = vs.getMetadata().getName();
            if (!name.startsWith(IstioMesh.PREFIX)) continue;
            out.add(new ClusterAction.LimitRetries(new Target(Target.Kind.SERVICE, vs.getMetadata().getNamespace(),
                    name.substring(IstioMesh.PREFIX.length()))));
        }
        out.sort(java.util.Comparator.comparing((ClusterAction a) -> a.target().ref()).thenComparing(ClusterAction::kind));
        return List.copyOf(out);
    }

    ActionOutcome lift(ClusterAction measure) { return lift(measure, null); }

    /** Lifts {@code measure}; {@code why} says why a scale-up is taken back before its load has gone (null: it has). */
    ActionOutcome lift(ClusterAction measure, String why) {
        Target t = measure.target();
        return switch (measure) {
            case ClusterAction.CordonNode c -> uncordon(t.name());
            case ClusterAction.DrainNode d -> uncordon(t.name());
            case ClusterAction.LimitRetries l -> mesh.restoreRetries(t);
            case ClusterAction.CircuitBreak c -> closeCircuit(t);
            case ClusterAction.ScaleDeployment s -> scaleBack(t, s.replicas(), why);
            default -> throw new IllegalArgumentException("not a measure the engine lifts: " + measure.kind());
        };
    }

    private ActionOutcome uncordon(String name) {
        var resource = client.nodes().withName(name);
        Node node = resource.get();
        if (node == null) return ActionOutcome.refused("node " + name + " not found");
        boolean cordoned = node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
        Map<String, String> annotations = node.getMetadata().getAnnotations();
        if (!cordoned) return ActionOutcome.applied("node " + name + " was already schedulable");
        if (annotations == null || !annotations.containsKey(CORDONED_BY)) {
            return ActionOutcome.refused("node " + name + " was cordoned by someone else (no " + CORDONED_BY + " annotation): left cordoned");
        }
        resource.edit(n -> new NodeBuilder(n).editSpec().withUnschedulable(false).endSpec()
                .editMetadata().removeFromAnnotations(CORDONED_BY).endMetadata().build());
        return ActionOutcome.applied("uncordoned node " + name + ": pods are scheduled there again");
    }

    /** Back to the replicas before the engine's scale-up; the engine checked that the replicas are still its own. */
    private ActionOutcome scaleBack(Target target, int replicas, String why) {
        var resource = client.apps().deployments().inNamespace(target.namespace()).withName(target.name());
        if (resource.get() == null) return ActionOutcome.refused("deployment " + target.ref() + " not found");
        resource.scale(replicas);
        return ActionOutcome.applied("scaled deployment " + target.ref() + " back to " + replicas + " replicas, "
                + (why != null ? why : "as before the engine's scale-up: its load has gone"));
    }

    private ActionOutcome closeCircuit(Target target) {
        var resource = client.services().inNamespace(target.namespace()).withName(target.name());
        Service svc = resource.get();
        if (svc == null) return ActionOutcome.refused("service " + target.ref() + " not found");
        Map<String, String> selector = svc.getSpec() == null ? null : svc.getSpec().getSelector();
        if (selector == null || !selector.containsKey(KubernetesCluster.CIRCUIT_BREAKER_KEY)) {
            return ActionOutcome.applied("circuit to service " + target.ref() + " was already closed");
        }
        resource.edit(s -> new ServiceBuilder(s)
                .editSpec().removeFromSelector(KubernetesCluster.CIRCUIT_BREAKER_KEY).endSpec()
                .editMetadata().removeFromAnnotations(KubernetesCluster.CIRCUIT_BREAKER_KEY).endMetadata().build());
        return ActionOutcome.applied("closed the circuit to service " + target.ref() + ": removed the selector key "
                + KubernetesCluster.CIRCUIT_BREAKER_KEY + ", its ready pods are its endpoints again");
    }
}
