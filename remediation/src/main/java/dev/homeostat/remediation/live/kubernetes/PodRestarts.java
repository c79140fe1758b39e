package dev.homeostat.remediation.live.kubernetes;

import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.port.ActionOutcome;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A pod restart, live: the pod is deleted and its controller starts a fresh one (a StatefulSet under the same name) — unless it is the only ready pod of a
 * Deployment of one replica whose strategy takes no pod down first ({@code maxUnavailable} 0, the default for one
 * replica), which is restarted as {@code kubectl rollout restart} restarts it
 * (the template's {@code kubectl.kubernetes.io/restartedAt} annotation set to now), so the Deployment's RollingUpdate
 * starts the replacement and deletes the pod once the replacement is Ready.
 */
final class PodRestarts {
    /** The annotation {@code kubectl rollout restart} writes on the pod template. */
    static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

    private final KubernetesClient client;
    private final Clock clock;

    PodRestarts(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    ActionOutcome restart(Target target) {
        Pod pod = client.pods().inNamespace(target.namespace()).withName(target.name()).get();
        if (pod == null) return ActionOutcome.refused("pod " + target.ref() + " not found");
        Deployment only = onlyReplicaOf(pod);
        if (only != null) {
            String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
            client.apps().deployments().inNamespace(target.namespace()).withName(only.getMetadata().getName()).edit(d -> new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder(d)
                    .editSpec().editTemplate().editOrNewMetadata().addToAnnotations(RESTARTED_AT, now).endMetadata().endTemplate().endSpec().build());
            return ActionOutcome.applied("pod " + target.ref() + " is the only replica of deployment " + target.namespace() + "/"
                    + only.getMetadata().getName() + ": restarted as kubectl rollout restart does, its replacement Ready before it goes");
        }
        var deleted = client.pods().inNamespace(target.namespace()).withName(target.name()).delete();
        return deleted.isEmpty() ? ActionOutcome.refused("pod " + target.ref() + " not found")
                : ActionOutcome.applied("deleted pod " + target.ref() + "; " + KubeObjects.replacement(pod, false));
    }

    /** The pod's Deployment when it has one replica, the pod is Ready and its RollingUpdate takes no pod down first; else null. */
    private Deployment onlyReplicaOf(Pod pod) {
        var rsRef = KubeObjects.controller(pod).filter(o -> "ReplicaSet".equals(o.getKind())).orElse(null);
        if (rsRef == null || !KubeObjects.podInfo(pod, java.util.Map.of(), java.util.Map.of()).ready()) return null;
        var rs = client.apps().replicaSets().inNamespace(pod.getMetadata().getNamespace()).withName(rsRef.getName()).get();
        var dRef = rs == null ? null : KubeObjects.controller(rs).filter(o -> "Deployment".equals(o.getKind())).orElse(null);
        if (dRef == null) return null;
        Deployment d = client.apps().deployments().inNamespace(pod.getMetadata().getNamespace()).withName(dRef.getName()).get();
        if (d == null || d.getSpec() == null || d.getSpec().getTemplate() == null || !Integer.valueOf(1).equals(d.getSpec().getReplicas())) return null;
        // a strategy that may take the pod down first (Recreate, maxUnavailable 1) would restart it no better than a deletion
        if (KubeObjects.maxUnavailable(d.getSpec().getStrategy(), 1) > 0) return null;
        return d;
    }
}
