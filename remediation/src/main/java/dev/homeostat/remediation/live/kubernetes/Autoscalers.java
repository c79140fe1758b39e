package dev.homeostat.remediation.live.kubernetes;

import dev.homeostat.remediation.port.DeploymentInfo;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * HorizontalPodAutoscalers ({@code autoscaling/v2}) as the engine's view has them: each on the workload its
 * {@code spec.scaleTargetRef} names — kind and name, in the HPA's own namespace, as the HPA controller resolves it — so
 * {@code scale-up} stays within the range the HPA would clamp it back to. Listed with the workloads, once per evaluation.
 * Without the right to list them (403) or without {@code autoscaling/v2} (404: Kubernetes before 1.23) the view has
 * none, said once in the log: scale-up then cannot see an HPA, and what it asks above one's maximum is undone at the
 * HPA's next sync.
 */
final class Autoscalers {
    private static final System.Logger LOG = System.getLogger(Autoscalers.class.getName());

    private final KubernetesClient client;
    private final String namespace;
    private final AtomicBoolean told = new AtomicBoolean();

    Autoscalers(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** In {@code namespace} (null: every namespace); none when they cannot be read. */
    List<HorizontalPodAutoscaler> list() {
        try {
            var op = client.autoscaling().v2().horizontalPodAutoscalers();
            return namespace == null ? op.inAnyNamespace().list().getItems() : op.inNamespace(namespace).list().getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 403 && e.getCode() != 404) throw e;
            if (told.compareAndSet(false, true))
                LOG.log(System.Logger.Level.WARNING, "cannot list autoscaling/v2 horizontalpodautoscalers ({0}): scale-up cannot see an"
                        + " HPA's maxReplicas and may ask more, which the HPA undoes; grant list on them in the engine's ClusterRole", e.getCode());
            return List.of();
        }
    }

    /**
     * The workloads, each with the HPA that targets it. Two HPAs on one workload are a misconfiguration Kubernetes
     * refuses to act on (AmbiguousSelector); the one of the lower maximum stands, so the engine asks no more than either allows.
     */
    static List<DeploymentInfo> attach(List<DeploymentInfo> workloads, List<HorizontalPodAutoscaler> hpas) {
        if (hpas.isEmpty()) return List.copyOf(workloads);
        Map<String, DeploymentInfo.Autoscaler> byTarget = new HashMap<>();
        for (HorizontalPodAutoscaler h : hpas) {
            var ref = h.getSpec() == null ? null : h.getSpec().getScaleTargetRef();
            if (ref == null || ref.getKind() == null || ref.getName() == null || h.getSpec().getMaxReplicas() == null) continue;
            Integer min = h.getSpec().getMinReplicas();
            var hpa = new DeploymentInfo.Autoscaler(h.getMetadata().getName(), min == null ? 1 : min, h.getSpec().getMaxReplicas());
            byTarget.merge(key(ref.getKind(), h.getMetadata().getNamespace(), ref.getName()), hpa,
                    (a, b) -> a.maxReplicas() <= b.maxReplicas() ? a : b);
        }
        return workloads.stream().map(w -> {
            var hpa = byTarget.get(key(kind(w), w.namespace(), w.name()));
            return hpa == null ? w : w.withHpa(hpa);
        }).toList();
    }

    /** The kind an HPA's {@code scaleTargetRef} names this workload by. */
    private static String kind(DeploymentInfo w) {
        if (w.rollout() != null) return ArgoRollouts.KIND;
        return w.stateful() ? "StatefulSet" : "Deployment";
    }

    private static String key(String kind, String namespace, String name) { return kind + "/" + namespace + "/" + name; }
}
