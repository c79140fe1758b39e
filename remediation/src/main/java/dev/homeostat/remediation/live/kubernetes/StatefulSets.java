package dev.homeostat.remediation.live.kubernetes;

import dev.homeostat.remediation.port.DeploymentInfo;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * StatefulSets as workloads of the engine's view: listed beside the Deployments, {@code stateful}, so they are neither
 * scaled nor rolled back (as in simulation). Their rollout history is their ControllerRevisions, as
 * {@code kubectl rollout history statefulset} reads it: a StatefulSet is at the revision its {@code status.updateRevision}
 * names, and a pod at the one its {@code controller-revision-hash} label names, so the diagnosis of a recent change reads
 * a StatefulSet's revisions as a Deployment's. Without the right to list StatefulSets (403) the view has none, said once:
 * their pods then name a workload the view does not list, so nothing reads its size or rollout; without the right to
 * list ControllerRevisions, no revisions, said once.
 */
final class StatefulSets {
    private static final System.Logger LOG = System.getLogger(StatefulSets.class.getName());
    /** The label the StatefulSet controller puts on each pod: the name of the ControllerRevision it was created from. */
    static final String REVISION_LABEL = "controller-revision-hash";

    private final KubernetesClient client;
    private final String namespace;
    private final AtomicBoolean toldSets = new AtomicBoolean();
    private final AtomicBoolean toldRevisions = new AtomicBoolean();

    StatefulSets(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** In {@code namespace} (null: every namespace), sorted by namespace and name. */
    List<StatefulSet> list() {
        var op = client.apps().statefulSets();
        var items = listed(toldSets, "statefulsets", "the engine's view has no StatefulSet, only their pods",
                () -> namespace == null ? op.inAnyNamespace().list().getItems() : op.inNamespace(namespace).list().getItems());
        return items.stream().sorted(Comparator.comparing((StatefulSet s) -> Objects.toString(s.getMetadata().getNamespace(), ""))
                .thenComparing(s -> s.getMetadata().getName())).toList();
    }

    /** The ControllerRevisions in {@code namespace} (null: every namespace), each StatefulSet's (and DaemonSet's) history. */
    List<ControllerRevision> revisions() {
        var op = client.apps().controllerRevisions();
        return listed(toldRevisions, "controllerrevisions", "StatefulSets and their pods are viewed at revision 0, none to roll back to",
                () -> namespace == null ? op.inAnyNamespace().list().getItems() : op.inNamespace(namespace).list().getItems());
    }

    /** A listing the engine may lack the right to: empty on 403 (and 404, an API without the kind), said once. */
    private static <T> List<T> listed(AtomicBoolean told, String resource, String without, Supplier<List<T>> list) {
        try {
            return list.get();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 403 && e.getCode() != 404) throw e;
            if (told.compareAndSet(false, true))
                LOG.log(System.Logger.Level.WARNING, "cannot list {0} ({1}): {2}; grant list on apps/{0} in the engine's ClusterRole",
                        resource, e.getCode(), without);
            return List.of();
        }
    }

    /** Each ControllerRevision's {@code revision}, by namespace/name: what a pod's {@link #REVISION_LABEL} resolves to. */
    static Map<String, Integer> revisionByName(List<ControllerRevision> revisions) {
        var out = new HashMap<String, Integer>();
        for (ControllerRevision r : revisions) if (r.getRevision() != null) out.put(KubeObjects.key(r), r.getRevision().intValue());
        return out;
    }

    /** A pod's revision, from the ControllerRevision its label names (0: none known). */
    static int podRevision(HasMetadata pod, Map<String, Integer> revisionByName) {
        var labels = pod.getMetadata().getLabels();
        String name = labels == null ? null : labels.get(REVISION_LABEL);
        return name == null ? 0 : revisionByName.getOrDefault(pod.getMetadata().getNamespace() + "/" + name, 0);
    }

    /**
     * One StatefulSet as the view has it, with its history from the ControllerRevisions it owns ({@code owned}): its
     * revision is that of {@code status.updateRevision}, begun when that ControllerRevision was created; a rollback
     * would return to the highest revision below it still held (0: none).
     */
    static DeploymentInfo info(StatefulSet s, List<ControllerRevision> owned) {
        var status = s.getStatus();
        int replicas = s.getSpec() == null || s.getSpec().getReplicas() == null ? 1 : s.getSpec().getReplicas();
        String update = status == null ? null : status.getUpdateRevision();
        ControllerRevision current = update == null ? null
                : owned.stream().filter(r -> update.equals(r.getMetadata().getName()) && r.getRevision() != null).findFirst().orElse(null);
        int revision = current == null ? 0 : current.getRevision().intValue();
        long since = current == null ? Long.MIN_VALUE : KubeObjects.millis(current.getMetadata().getCreationTimestamp()).orElse(Long.MIN_VALUE);
        int rollbackTo = owned.stream().filter(r -> r.getRevision() != null).mapToInt(r -> r.getRevision().intValue())
                .filter(r -> r < revision).max().orElse(0);
        return new DeploymentInfo(s.getMetadata().getNamespace(), s.getMetadata().getName(), replicas,
                status == null ? 0 : KubeObjects.orZero(status.getReadyReplicas()), status == null ? 0 : KubeObjects.orZero(status.getUpdatedReplicas()),
                s.getMetadata().getGeneration() == null ? 0 : s.getMetadata().getGeneration(),
                status == null || status.getObservedGeneration() == null ? 0 : status.getObservedGeneration(),
                revision, since, rollbackTo, null, true, maxUnavailable(s, replicas));
    }

    /** The ControllerRevisions {@code s} controls, as {@code kubectl rollout history} finds them. */
    static List<ControllerRevision> ownedBy(StatefulSet s, List<ControllerRevision> revisions) {
        return revisions.stream().filter(r -> Objects.equals(r.getMetadata().getNamespace(), s.getMetadata().getNamespace()))
                .filter(r -> KubeObjects.controller(r).filter(o -> "StatefulSet".equals(o.getKind()) && o.getName().equals(s.getMetadata().getName())
                        && (o.getUid() == null || s.getMetadata().getUid() == null || o.getUid().equals(s.getMetadata().getUid()))).isPresent())
                .toList();
    }

    /** A StatefulSet's rolling update replaces one pod at a time unless {@code rollingUpdate.maxUnavailable} says more. */
    private static int maxUnavailable(StatefulSet s, int replicas) {
        var strategy = s.getSpec() == null ? null : s.getSpec().getUpdateStrategy();
        var value = strategy == null || strategy.getRollingUpdate() == null ? null : strategy.getRollingUpdate().getMaxUnavailable();
        return value == null ? 1 : Math.max(1, KubeObjects.scaled(value, replicas, 0));
    }
}
