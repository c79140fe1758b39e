package dev.homeostat.remediation.live.kubernetes;

import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.port.ActionOutcome;
import dev.homeostat.remediation.port.ClusterActions;
import dev.homeostat.remediation.port.ClusterView;
import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.remediation.port.NodeInfo;
import dev.homeostat.remediation.port.PdbInfo;
import dev.homeostat.remediation.port.PodInfo;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The engine's {@link ClusterView} and {@link ClusterActions} over a live Kubernetes API, through a
 * fabric8 {@link KubernetesClient}. Reads list the objects on each call (the engine reads a few
 * times per evaluation interval); every list is sorted by namespace and name, so the engine sees
 * the same order every time. Reads throw when the API cannot be reached: an empty answer would
 * make the guards think there is nothing to protect.
 *
 * <p>Actions never throw for an API refusal: 403, 404, 409, 429 and the rest come back as
 * {@link ActionOutcome#refused} naming the object and the reason. How each action is carried out:
 * <ul>
 *   <li>restart-pod: delete the pod (its ReplicaSet starts a fresh one).</li>
 *   <li>rollback of a pod set an Argo Rollout manages: abort it mid-update, undo it when settled ({@link ArgoRollouts}).</li>
 *   <li>rollback: as {@code kubectl rollout undo}: the template of the ReplicaSet with the previous
 *       {@code deployment.kubernetes.io/revision} (minus its {@code pod-template-hash} label) becomes the
 *       Deployment's template; a paused Deployment is refused, as kubectl refuses it.</li>
 *   <li>scale-up: the Deployment's {@code scale} subresource (the view names the HorizontalPodAutoscaler on it, whose
 *       maximum the engine does not ask past: {@link Autoscalers}).</li>
 *   <li>isolate-pod: remove from the pod every label a Service in its namespace selects it by, add
 *       {@code homeostat.dev/isolated=true}, and record the removed labels in the annotation
 *       {@code homeostat.dev/isolated-labels}. The endpoints drop it; its ReplicaSet releases it and
 *       starts a replacement (a StatefulSet cannot while the pod holds its name); the pod keeps running for debugging.</li>
 *   <li>cordon-node: {@code spec.unschedulable = true}.</li>
 *   <li>drain-node: cordon, then evict every pod on the node that a controller recreates, except
 *       DaemonSet and mirror pods; pods without a controller are not evicted (as {@code kubectl drain}
 *       without {@code --force}). An eviction a PodDisruptionBudget forbids is not forced: the drain
 *       is refused, naming the pods it could not evict. See {@link Eviction}.</li>
 *   <li>circuit-break: add {@code homeostat.dev/circuit-breaker: open} to the Service's selector. No
 *       pod carries that label, so the Service's endpoints empty and callers get an immediate
 *       connection refusal instead of a timeout: the circuit is open. It needs no service mesh and no
 *       NetworkPolicy-enforcing CNI. To close it, remove that selector key (the annotation
 *       {@code homeostat.dev/circuit-breaker} on the Service says so).</li>
 *   <li>lift: undo one of the above the engine took, by the mark it left ({@link LiveLifts}): uncordon a node it
 *       cordoned (annotation {@code homeostat.dev/cordoned}), remove the circuit-breaker selector key, delete its
 *       VirtualService.</li>
 *   <li>page: the {@link Pager}.</li>
 * </ul>
 */
public final class KubernetesCluster implements ClusterView, ClusterActions {
    public static final String ISOLATED_LABEL = "homeostat.dev/isolated";
    public static final String ISOLATED_LABELS_ANNOTATION = "homeostat.dev/isolated-labels";
    public static final String CIRCUIT_BREAKER_KEY = "homeostat.dev/circuit-breaker";
    public static final String REVISION_ANNOTATION = "deployment.kubernetes.io/revision";
    static final String POD_TEMPLATE_HASH = "pod-template-hash";
    static final String MIRROR_ANNOTATION = "kubernetes.io/config.mirror";

    /** How a drain evicts a pod. */
    public enum Eviction {
        /** The Eviction API ({@code pods/eviction}): the API server applies PodDisruptionBudgets and answers 429 when one forbids it. */
        API,
        /**
         * For API servers without the eviction subresource (the fabric8 mock server answers 409
         * there): check each covering PodDisruptionBudget's {@code disruptionsAllowed} here, counting
         * this drain's own evictions, then delete the pod.
         */
        DELETE_AFTER_PDB_CHECK
    }

    private final KubernetesClient client;
    private final String namespace;
    private final Eviction eviction;
    private final Pager pager;
    private final ArgoRollouts rollouts;
    private final IstioMesh mesh;
    private final LiveLifts lifts;
    private final StatefulSets statefulSets;
    private final Autoscalers autoscalers;
    private final PodRestarts restarts;
    private final NodeDrains drains;
    private final EvaluationListings listed = new EvaluationListings();

    /** Watches {@code namespace} (null: every namespace), evicts through the Eviction API, has no pager. */
    public KubernetesCluster(KubernetesClient client, String namespace) {
        this(client, namespace, Eviction.API, Pager.NONE);
    }

    public KubernetesCluster(KubernetesClient client, String namespace, Eviction eviction, Pager pager) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = namespace;
        this.eviction = Objects.requireNonNull(eviction, "eviction");
        this.pager = Objects.requireNonNull(pager, "pager");
        this.rollouts = new ArgoRollouts(client, namespace);
        this.statefulSets = new StatefulSets(client, namespace);
        this.autoscalers = new Autoscalers(client, namespace);
        this.restarts = new PodRestarts(client, java.time.Clock.systemUTC());
        this.drains = new NodeDrains(client, eviction);
        this.mesh = new IstioMesh(client);
        this.lifts = new LiveLifts(client, mesh);
    }

    // --- ClusterView ---------------------------------------------------------------------------

    @Override
    public void refresh() { listed.refresh(); }

    /** Drops what this evaluation listed: the next question lists again (after an action here or elsewhere). */
    public void forget() { listed.forget(); }

    @Override
    public List<PodInfo> pods() { return listed.of("pods", this::listPods); }

    private List<PodInfo> listPods() {
        Map<String, String> deploymentOfReplicaSet = new HashMap<>();
        Map<String, Integer> revisionOfReplicaSet = new HashMap<>();
        for (ReplicaSet rs : list(client.apps().replicaSets())) {
            // an Argo Rollout owns its ReplicaSets as a Deployment does: its pods belong to it
            KubeObjects.controller(rs).filter(o -> "Deployment".equals(o.getKind()) || ArgoRollouts.KIND.equals(o.getKind()))
                    .ifPresent(o -> deploymentOfReplicaSet.put(KubeObjects.key(rs), o.getName()));
            KubeObjects.revision(rs.getMetadata().getAnnotations()).ifPresent(r -> revisionOfReplicaSet.put(KubeObjects.key(rs), r.intValue()));
        }
        List<Pod> pods = sorted(list(client.pods()));
        // a StatefulSet's pod is at the revision its ControllerRevision holds: listed only where there are such pods
        boolean stateful = pods.stream().anyMatch(p -> KubeObjects.controller(p).filter(o -> "StatefulSet".equals(o.getKind())).isPresent());
        Map<String, Integer> revisionOfControllerRevision = stateful ? StatefulSets.revisionByName(controllerRevisions()) : Map.of();
        return pods.stream().map(p -> KubeObjects.podInfo(p, deploymentOfReplicaSet, revisionOfReplicaSet, revisionOfControllerRevision)).toList();
    }

    private List<io.fabric8.kubernetes.api.model.apps.ControllerRevision> controllerRevisions() {
        return listed.of("controllerrevisions", statefulSets::revisions);
    }

    @Override
    public List<DeploymentInfo> deployments() { return listed.of("deployments", this::listDeployments); }

    private List<DeploymentInfo> listDeployments() {
        var argo = rollouts.list();
        // A Deployment a Rollout takes its template from (workloadRef) is scaled down by it: the Rollout stands for it.
        var managed = new java.util.HashSet<String>();
        for (var r : argo) ArgoRollouts.workloadRef(r).ifPresent(d -> managed.add(r.getMetadata().getNamespace() + "/" + d));
        var out = new ArrayList<DeploymentInfo>();
        List<ReplicaSet> replicaSets = list(client.apps().replicaSets());
        sorted(list(client.apps().deployments())).stream().filter(d -> !managed.contains(KubeObjects.key(d)))
                .map(d -> KubeObjects.deploymentInfo(d, replicaSets.stream().filter(rs -> KubeObjects.ownedBy(rs, d)).toList()))
                .forEach(out::add);
        argo.forEach(r -> out.add(ArgoRollouts.info(r)));
        var sets = statefulSets.list();
        var revisions = sets.isEmpty() ? List.<io.fabric8.kubernetes.api.model.apps.ControllerRevision>of() : controllerRevisions();
        sets.forEach(s -> out.add(StatefulSets.info(s, StatefulSets.ownedBy(s, revisions))));
        out.sort(Comparator.comparing(DeploymentInfo::namespace).thenComparing(DeploymentInfo::name));
        return Autoscalers.attach(out, autoscalers.list());
    }

    @Override
    public List<NodeInfo> nodes() { return listed.of("nodes", this::listNodes); }

    private List<NodeInfo> listNodes() {
        return sorted(client.nodes().list().getItems()).stream().map(n -> new NodeInfo(n.getMetadata().getName(),
                n.getStatus() != null && n.getStatus().getConditions() != null && n.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())),
                n.getSpec() != null && Boolean.TRUE.equals(n.getSpec().getUnschedulable()))).toList();
    }

    @Override
    public List<ClusterAction> measuresInForce() { return lifts.marked(namespace); }

    /** Budgets with their selectors resolved to pod names; a budget whose status is not computed yet allows nothing. */
    @Override
    public List<PdbInfo> pdbs() { return listed.of("pdbs", this::listPdbs); }

    private List<PdbInfo> listPdbs() {
        List<Pod> pods = list(client.pods());
        return sorted(list(client.policy().v1().podDisruptionBudget())).stream().map(b -> {
            String ns = b.getMetadata().getNamespace();
            List<String> covered = pods.stream()
                    .filter(p -> ns.equals(p.getMetadata().getNamespace())
                            && LabelSelectors.matches(b.getSpec() == null ? null : b.getSpec().getSelector(), p.getMetadata().getLabels()))
                    .map(p -> p.getMetadata().getName()).sorted().toList();
            int allowed = b.getStatus() == null || b.getStatus().getDisruptionsAllowed() == null ? 0 : b.getStatus().getDisruptionsAllowed();
            return new PdbInfo(ns, b.getMetadata().getName(), allowed, covered);
        }).toList();
    }

    // --- ClusterActions ------------------------------------------------------------------------

    @Override
    public ActionOutcome execute(ClusterAction action) {
        try {
            return act(action);
        } finally {
            forget();
        }
    }

    private ActionOutcome act(ClusterAction action) {
        try {
            return switch (action) {
                case ClusterAction.RestartPod r -> restarts.restart(r.target());
                case ClusterAction.RollbackDeployment r -> rollback(r.target());
                case ClusterAction.ScaleDeployment s -> scale(s.target(), s.replicas());
                case ClusterAction.IsolatePod i -> isolate(i.target());
                case ClusterAction.CordonNode c -> cordon(c.target().name());
                case ClusterAction.DrainNode d -> drain(d.target().name());
                case ClusterAction.CircuitBreak c -> circuitBreak(c.target());
                case ClusterAction.LimitRetries l -> mesh.limitRetries(l.target());
                case ClusterAction.Lift l -> lifts.lift(l.measure(), l.why());
                case ClusterAction.Page p -> pager.page(p);
            };
        } catch (KubernetesClientException e) {
            return ActionOutcome.refused(refusal(action.target(), e));
        }
    }

    private ActionOutcome rollback(Target target) {
        var rollout = rollouts.find(target);
        if (rollout.isPresent()) return rollouts.rollback(rollout.get());
        var resource = client.apps().deployments().inNamespace(target.namespace()).withName(target.name());
        Deployment d = resource.get();
        if (d == null) return ActionOutcome.refused("deployment " + target.ref() + " not found");
        if (d.getSpec() != null && Boolean.TRUE.equals(d.getSpec().getPaused())) {
            return ActionOutcome.refused("deployment " + target.ref() + " is paused; resume it before rolling back (kubectl rollout resume)");
        }
        TreeMap<Long, ReplicaSet> byRevision = new TreeMap<>();
        for (ReplicaSet rs : client.apps().replicaSets().inNamespace(target.namespace()).list().getItems()) {
            if (!KubeObjects.ownedBy(rs, d)) continue;
            KubeObjects.revision(rs.getMetadata().getAnnotations()).ifPresent(r -> byRevision.put(r, rs));
        }
        long current = KubeObjects.revision(d.getMetadata().getAnnotations())
                .orElse(byRevision.isEmpty() ? 0L : byRevision.lastKey());
        var previous = byRevision.lowerEntry(current);
        if (previous == null) {
            return ActionOutcome.refused("deployment " + target.ref() + " has no revision before " + current
                    + " to roll back to (ReplicaSet revisions: " + byRevision.keySet() + ")");
        }
        PodTemplateSpec template = new PodTemplateSpecBuilder(previous.getValue().getSpec().getTemplate())
                .editOrNewMetadata().removeFromLabels(POD_TEMPLATE_HASH).endMetadata().build();
        if (template.equals(d.getSpec().getTemplate())) {
            return ActionOutcome.refused("deployment " + target.ref() + ": skipped rollback, its template already matches revision " + previous.getKey());
        }
        resource.edit(x -> new DeploymentBuilder(x).editSpec().withTemplate(template).endSpec().build());
        return ActionOutcome.applied("rolled deployment " + target.ref() + " back from revision " + current + " to revision "
                + previous.getKey() + " (template of ReplicaSet " + previous.getValue().getMetadata().getName() + ")");
    }

    private ActionOutcome scale(Target target, int replicas) {
        var resource = client.apps().deployments().inNamespace(target.namespace()).withName(target.name());
        Deployment d = resource.get();
        if (d == null) return ActionOutcome.refused("deployment " + target.ref() + " not found");
        Integer before = d.getSpec() == null ? null : d.getSpec().getReplicas();
        resource.scale(replicas);
        return ActionOutcome.applied("scaled deployment " + target.ref() + " from " + (before == null ? 1 : before) + " to " + replicas + " replicas");
    }

    private ActionOutcome isolate(Target target) {
        var resource = client.pods().inNamespace(target.namespace()).withName(target.name());
        Pod pod = resource.get();
        if (pod == null) return ActionOutcome.refused("pod " + target.ref() + " not found");
        Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        List<Service> selecting = sorted(client.services().inNamespace(target.namespace()).list().getItems()).stream()
                .filter(s -> s.getSpec() != null && LabelSelectors.matchesServiceSelector(s.getSpec().getSelector(), labels)).toList();
        if (selecting.isEmpty()) {
            return ActionOutcome.refused("no Service selects pod " + target.ref() + "; there is no traffic to take it out of");
        }
        var removed = new TreeMap<String, String>();
        for (Service s : selecting) s.getSpec().getSelector().keySet().forEach(k -> removed.put(k, labels.get(k)));
        String record = String.join(",", removed.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        resource.edit(p -> {
            var b = new PodBuilder(p).editMetadata();
            removed.keySet().forEach(b::removeFromLabels);
            return b.addToLabels(ISOLATED_LABEL, "true").addToAnnotations(ISOLATED_LABELS_ANNOTATION, record).endMetadata().build();
        });
        return ActionOutcome.applied("isolated pod " + target.ref() + " from service(s) "
                + String.join(", ", selecting.stream().map(s -> s.getMetadata().getName()).toList()) + ": removed labels " + record
                + ", added " + ISOLATED_LABEL + "=true; " + KubeObjects.replacement(pod, true) + ", the pod stays for debugging");
    }

    private ActionOutcome cordon(String name) {
        var resource = client.nodes().withName(name);
        Node node = resource.get();
        if (node == null) return ActionOutcome.refused("node " + name + " not found");
        if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
            return ActionOutcome.applied("node " + name + " was already cordoned");
        }
        resource.edit(n -> new NodeBuilder(n).editOrNewSpec().withUnschedulable(true).endSpec()
                .editOrNewMetadata().addToAnnotations(LiveLifts.CORDONED_BY, "by homeostat; it uncordons the node once it is healthy again").endMetadata().build());
        return ActionOutcome.applied("cordoned node " + name);
    }

    private ActionOutcome drain(String node) {
        ActionOutcome cordoned = cordon(node);
        return cordoned.applied() ? drains.evictAll(node) : cordoned;
    }

    private ActionOutcome circuitBreak(Target target) {
        var resource = client.services().inNamespace(target.namespace()).withName(target.name());
        Service svc = resource.get();
        if (svc == null) return ActionOutcome.refused("service " + target.ref() + " not found");
        Map<String, String> selector = svc.getSpec() == null ? null : svc.getSpec().getSelector();
        if (selector == null || selector.isEmpty()) {
            return ActionOutcome.refused("service " + target.ref() + " has no selector (its endpoints are managed by hand); its circuit cannot be opened by selector");
        }
        if (selector.containsKey(CIRCUIT_BREAKER_KEY)) return ActionOutcome.applied("circuit to service " + target.ref() + " was already open");
        resource.edit(s -> new ServiceBuilder(s)
                .editSpec().addToSelector(CIRCUIT_BREAKER_KEY, "open").endSpec()
                .editMetadata().addToAnnotations(CIRCUIT_BREAKER_KEY,
                        "open: homeostat added selector " + CIRCUIT_BREAKER_KEY + "=open; remove that selector key to close the circuit")
                .endMetadata().build());
        return ActionOutcome.applied("opened the circuit to service " + target.ref() + ": its selector now also requires "
                + CIRCUIT_BREAKER_KEY + "=open, which no pod carries, so its endpoints are empty and callers fail fast;"
                + " remove that selector key to close it");
    }

    // --- helpers -------------------------------------------------------------------------------

    private <T extends HasMetadata, L extends KubernetesResourceList<T>, R extends Resource<T>> List<T> list(MixedOperation<T, L, R> op) {
        return namespace == null ? op.inAnyNamespace().list().getItems() : op.inNamespace(namespace).list().getItems();
    }

    static <T extends HasMetadata> List<T> sorted(List<T> items) {
        return items.stream().sorted(Comparator.comparing((T t) -> Objects.toString(t.getMetadata().getNamespace(), ""))
                .thenComparing(t -> t.getMetadata().getName())).toList();
    }

    static String statusMessage(KubernetesClientException e) {
        return e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : String.valueOf(e.getMessage());
    }

    /** The API's refusal in the engine's words: what, why, and what would fix it. */
    static String refusal(Target target, KubernetesClientException e) {
        String what = target.ref();
        return switch (e.getCode()) {
            case 403 -> what + ": forbidden (403); grant the engine's ServiceAccount this verb in its RBAC Role: " + statusMessage(e);
            case 404 -> what + ": not found (404): " + statusMessage(e);
            case 409 -> what + ": conflict (409), the object changed meanwhile; the next attempt reads it afresh: " + statusMessage(e);
            case 422 -> what + ": invalid (422): " + statusMessage(e);
            case 429 -> what + ": too many requests or a PodDisruptionBudget forbids it now (429): " + statusMessage(e);
            default -> what + ": API error " + e.getCode() + ": " + statusMessage(e);
        };
    }
}
