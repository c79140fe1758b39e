package dev.homeostat.remediation.live.kubernetes;

import dev.homeostat.remediation.port.DeploymentInfo;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * StatefulSets as workloads of the engine's view: listed beside the Deployments, {@code stateful}, so they are neither
 * scaled nor rolled back (as in simulation). Without the right to list them (403) the view has none, said once: their
 * pods then name a workload the view does not list, so nothing reads its size or rollout.
 */
final class StatefulSets {
    private static final System.Logger LOG = System.getLogger(StatefulSets.class.getName());

    private final KubernetesClient client;
    private final String namespace;
    private final AtomicBoolean told = new AtomicBoolean();

    StatefulSets(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** In {@code namespace} (null: every namespace), sorted by namespace and name. */
    List<StatefulSet> list() {
        try {
            var op = client.apps().statefulSets();
            var items = namespace == null ? op.inAnyNamespace().list().getItems() : op.inNamespace(namespace).list().getItems();
            return items.stream().sorted(Comparator.comparing((StatefulSet s) -> Objects.toString(s.getMetadata().getNamespace(), ""))
                    .thenComparing(s -> s.getMetadata().getName())).toList();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 403 && e.getCode() != 404) throw e;
            if (told.compareAndSet(false, true))
                LOG.log(System.Logger.Level.WARNING, "cannot list statefulsets ({0}): the engine's view has no StatefulSet, only their"
                        + " pods; grant list on apps/statefulsets in the engine's ClusterRole", e.getCode());
            return List.of();
        }
    }

    /** One StatefulSet as the view has it. */
    static DeploymentInfo info(StatefulSet s) {
        var status = s.getStatus();
        int replicas = s.getSpec() == null || s.getSpec().getReplicas() == null ? 1 : s.getSpec().getReplicas();
        return new DeploymentInfo(s.getMetadata().getNamespace(), s.getMetadata().getName(), replicas,
                status == null ? 0 : KubeObjects.orZero(status.getReadyReplicas()), status == null ? 0 : KubeObjects.orZero(status.getUpdatedReplicas()),
                s.getMetadata().getGeneration() == null ? 0 : s.getMetadata().getGeneration(),
                status == null || status.getObservedGeneration() == null ? 0 : status.getObservedGeneration(),
                0, Long.MIN_VALUE, 0, null, true, maxUnavailable(s, replicas));
    }

    /** A StatefulSet's rolling update replaces one pod at a time unless {@code rollingUpdate.maxUnavailable} says more. */
    private static int maxUnavailable(StatefulSet s, int replicas) {
        var strategy = s.getSpec() == null ? null : s.getSpec().getUpdateStrategy();
        var value = strategy == null || strategy.getRollingUpdate() == null ? null : strategy.getRollingUpdate().getMaxUnavailable();
        return value == null ? 1 : Math.max(1, KubeObjects.scaled(value, replicas, 0));
    }
}
