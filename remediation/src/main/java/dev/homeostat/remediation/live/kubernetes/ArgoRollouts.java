package dev.homeostat.remediation.live.kubernetes;

import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.port.ActionOutcome;
import dev.homeostat.remediation.port.DeploymentInfo;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Argo Rollouts ({@code argoproj.io/v1alpha1 Rollout}) as the engine sees and acts on them: a Rollout owns the
 * ReplicaSets of its pods in a Deployment's stead, so its pods belong to it, its status tells the rollout guard
 * whether an update is under way, and a rollback goes through it — never around it by patching a ReplicaSet, which
 * its controller would revert.
 *
 * <ul>
 *   <li>Rollback of a Rollout mid-update (phase Progressing or Paused): <b>abort</b>, as
 *       {@code kubectl argo rollouts abort} does ({@code status.abort: true} on the status subresource): the
 *       controller scales the stable ReplicaSet back up and the canary or preview down.</li>
 *   <li>Rollback of a settled Rollout: <b>undo</b>, as {@code kubectl argo rollouts undo}: the pod template of the
 *       ReplicaSet with the previous {@code rollout.argoproj.io/revision} (minus {@code rollouts-pod-template-hash})
 *       becomes the Rollout's template. A Rollout that takes its template from a Deployment ({@code workloadRef}) is
 *       refused, naming the Deployment to roll back instead.</li>
 * </ul>
 * Without the Rollout CRD (404) or the right to list Rollouts (403), there are no Rollouts: the engine works on
 * Deployments alone, and says so once in the log.
 */
final class ArgoRollouts {
    static final ResourceDefinitionContext CONTEXT = new ResourceDefinitionContext.Builder().withGroup("argoproj.io").withVersion("v1alpha1")
            .withKind("Rollout").withPlural("rollouts").withNamespaced(true).build();
    static final String KIND = "Rollout";
    static final String REVISION = "rollout.argoproj.io/revision";
    static final String POD_TEMPLATE_HASH = "rollouts-pod-template-hash";
    private static final System.Logger LOG = System.getLogger(ArgoRollouts.class.getName());

    private final KubernetesClient client;
    private final String namespace;
    private final AtomicBoolean told = new AtomicBoolean();

    ArgoRollouts(KubernetesClient client, String namespace) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = namespace;
    }

    /** The Rollouts of the watched namespace(s), sorted; none when the CRD or the right to read it is missing. */
    List<GenericKubernetesResource> list() {
        try {
            var op = client.genericKubernetesResources(CONTEXT);
            var items = namespace == null ? op.inAnyNamespace().list().getItems() : op.inNamespace(namespace).list().getItems();
            return items.stream().sorted(Comparator.comparing((GenericKubernetesResource r) -> Objects.toString(r.getMetadata().getNamespace(), ""))
                    .thenComparing(r -> r.getMetadata().getName())).toList();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404 || e.getCode() == 403) {
                if (told.compareAndSet(false, true)) {
                    LOG.log(System.Logger.Level.INFO, "no Argo Rollouts ({0}): the engine works on Deployments only", e.getCode() == 404
                            ? "the Rollout CRD is not installed" : "no right to list rollouts.argoproj.io; grant it in the engine's ClusterRole to use them");
                }
                return List.of();
            }
            throw e;
        }
    }

    /** A Rollout as a deployment of the engine's view, with its own status. */
    static DeploymentInfo info(GenericKubernetesResource r) {
        int replicas = integer(r.get("spec", "replicas"), 1);
        long observed = longValue(r.get("status", "observedGeneration"), 0);
        long generation = r.getMetadata().getGeneration() == null ? 0 : r.getMetadata().getGeneration();
        var status = new DeploymentInfo.RolloutStatus(Objects.toString(r.get("status", "phase"), ""),
                Boolean.TRUE.equals(r.get("status", "abort")), Objects.toString(r.get("status", "message"), ""));
        return new DeploymentInfo(r.getMetadata().getNamespace(), r.getMetadata().getName(), replicas,
                integer(r.get("status", "readyReplicas"), 0), integer(r.get("status", "updatedReplicas"), 0), generation, observed,
                0, Long.MIN_VALUE, 0, status);
    }

    /** The Deployment a Rollout takes its template from ({@code spec.workloadRef}), if any. */
    static Optional<String> workloadRef(GenericKubernetesResource r) {
        Object kind = r.get("spec", "workloadRef", "kind");
        Object name = r.get("spec", "workloadRef", "name");
        return "Deployment".equals(kind) && name != null ? Optional.of(name.toString()) : Optional.empty();
    }

    /** The Rollout that stands for {@code target}: named so, or referencing a Deployment of that name. */
    Optional<GenericKubernetesResource> find(Target target) {
        return list().stream().filter(r -> Objects.equals(r.getMetadata().getNamespace(), target.namespace()))
                .filter(r -> r.getMetadata().getName().equals(target.name()) || workloadRef(r).filter(target.name()::equals).isPresent())
                .findFirst();
    }

    /** Abort while updating, undo when settled (see the class comment). */
    ActionOutcome rollback(GenericKubernetesResource r) {
        String ref = "Rollout " + r.getMetadata().getNamespace() + "/" + r.getMetadata().getName();
        DeploymentInfo info = info(r);
        var resource = client.genericKubernetesResources(CONTEXT).inNamespace(r.getMetadata().getNamespace()).withName(r.getMetadata().getName());
        if (info.rollout().aborted()) return ActionOutcome.refused(ref + " is already aborted; its stable version runs (kubectl argo rollouts retry to try again)");
        if (info.rollout().updating()) {
            resource.subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"abort\":true}}");
            return ActionOutcome.applied("aborted " + ref + " (it was " + info.rollout().phase() + "): the controller scales the stable ReplicaSet back up");
        }
        Optional<String> workload = workloadRef(r);
        if (workload.isPresent()) {
            return ActionOutcome.refused(ref + " takes its template from Deployment " + workload.get() + " (workloadRef); roll that Deployment's template back instead");
        }
        TreeMap<Long, ReplicaSet> byRevision = new TreeMap<>();
        for (ReplicaSet rs : client.apps().replicaSets().inNamespace(r.getMetadata().getNamespace()).list().getItems()) {
            if (!ownedBy(rs, r)) continue;
            revision(rs.getMetadata().getAnnotations()).ifPresent(v -> byRevision.put(v, rs));
        }
        long current = revision(r.getMetadata().getAnnotations()).orElse(byRevision.isEmpty() ? 0L : byRevision.lastKey());
        var previous = byRevision.lowerEntry(current);
        if (previous == null) return ActionOutcome.refused(ref + " has no revision before " + current + " to undo to (ReplicaSet revisions: " + byRevision.keySet() + ")");
        PodTemplateSpec template = new PodTemplateSpecBuilder(previous.getValue().getSpec().getTemplate())
                .editOrNewMetadata().removeFromLabels(POD_TEMPLATE_HASH).endMetadata().build();
        Object templateMap = client.getKubernetesSerialization().convertValue(template, Map.class);
        resource.edit(x -> {
            @SuppressWarnings("unchecked") Map<String, Object> spec = (Map<String, Object>) x.getAdditionalProperties().get("spec");
            spec.put("template", templateMap);
            return x;
        });
        return ActionOutcome.applied("undid " + ref + " from revision " + current + " to revision " + previous.getKey()
                + " (template of ReplicaSet " + previous.getValue().getMetadata().getName() + ")");
    }

    static boolean ownedBy(ReplicaSet rs, GenericKubernetesResource r) {
        var owners = rs.getMetadata().getOwnerReferences();
        if (owners == null) return false;
        for (OwnerReference o : owners) {
            if (Boolean.TRUE.equals(o.getController()) && KIND.equals(o.getKind()) && o.getName().equals(r.getMetadata().getName())
                    && (o.getUid() == null || r.getMetadata().getUid() == null || o.getUid().equals(r.getMetadata().getUid()))) return true;
        }
        return false;
    }

    private static Optional<Long> revision(Map<String, String> annotations) {
        if (annotations == null || annotations.get(REVISION) == null) return Optional.empty();
        try {
            return Optional.of(Long.parseLong(annotations.get(REVISION).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty(); // not a revision the controller wrote
        }
    }

    private static int integer(Object v, int fallback) {
        return v instanceof Number n ? n.intValue() : fallback;
    }

    /** Argo writes observedGeneration as a string ("3"); older controllers wrote a hash, which counts as unknown. */
    private static long longValue(Object v, long fallback) {
        if (v instanceof Number n) return n.longValue();
        if (v == null) return fallback;
        try {
            return Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
