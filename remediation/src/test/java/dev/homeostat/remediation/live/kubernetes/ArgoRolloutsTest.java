package dev.homeostat.remediation.live.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.guard.GuardContext;
import dev.homeostat.remediation.guard.RolloutGuard;
import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.policy.Mode;
import dev.homeostat.remediation.port.DeploymentInfo;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Argo Rollouts on the mock API server: pods of a Rollout's ReplicaSets belong to it, the rollout guard reads its
 * status, and rollback aborts a Rollout mid-update or undoes a settled one — never patching a ReplicaSet.
 */
@EnableKubernetesMockClient(crud = true)
class ArgoRolloutsTest {
    static KubernetesClient client;
    private static final AtomicInteger NEXT = new AtomicInteger();
    private Fixtures f;
    private KubernetesCluster cluster;

    @BeforeEach
    void freshNamespace() {
        f = new Fixtures(client, "argo" + NEXT.incrementAndGet());
        cluster = new KubernetesCluster(client, f.ns);
    }

    /** A Rollout {@code checkout} at {@code revision} (image checkout:N), with ReplicaSets of revisions 1..revision and a pod each. */
    private GenericKubernetesResource rollout(int revision, String phase, Map<String, Object> extraSpec) {
        var spec = new java.util.LinkedHashMap<String, Object>(Map.of("replicas", 2, "selector", Map.of("matchLabels", Map.of("app", "checkout")),
                "strategy", Map.of("canary", Map.of("steps", List.of(Map.of("setWeight", 20), Map.of("pause", Map.of()))))));
        spec.put("template", Map.of("metadata", Map.of("labels", Map.of("app", "checkout")),
                "spec", Map.of("containers", List.of(Map.of("name", "checkout", "image", "checkout:" + revision)))));
        spec.putAll(extraSpec);
        var r = new GenericKubernetesResource();
        r.setApiVersion("argoproj.io/v1alpha1");
        r.setKind("Rollout");
        r.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("checkout").withNamespace(f.ns).withGeneration(3L)
                .addToAnnotations(ArgoRollouts.REVISION, String.valueOf(revision)).build());
        r.setAdditionalProperty("spec", spec);
        r.setAdditionalProperty("status", Map.of("phase", phase, "observedGeneration", "3", "replicas", 2, "readyReplicas", 2,
                "updatedReplicas", phase.equals("Healthy") ? 2 : 1, "message", phase.equals("Paused") ? "CanaryPauseStep" : ""));
        var created = client.genericKubernetesResources(ArgoRollouts.CONTEXT).inNamespace(f.ns).resource(r).create();
        for (int rev = 1; rev <= revision; rev++) {
            PodTemplateSpec template = new PodTemplateSpecBuilder(Fixtures.template("checkout", "checkout:" + rev))
                    .editMetadata().addToLabels(ArgoRollouts.POD_TEMPLATE_HASH, "h" + rev).endMetadata().build();
            client.apps().replicaSets().inNamespace(f.ns).resource(new ReplicaSetBuilder()
                    .withNewMetadata().withName("checkout-h" + rev).withNamespace(f.ns).addToAnnotations(ArgoRollouts.REVISION, String.valueOf(rev))
                    .addToOwnerReferences(new OwnerReferenceBuilder().withApiVersion("argoproj.io/v1alpha1").withKind("Rollout").withName("checkout")
                            .withUid(created.getMetadata().getUid()).withController(true).build()).endMetadata()
                    .withNewSpec().withNewSelector().addToMatchLabels("app", "checkout").endSelector().withTemplate(template).endSpec().build()).create();
            f.pod("checkout-h" + rev + "-x", "ReplicaSet", "checkout-h" + rev, "n1", true, Map.of("app", "checkout"));
        }
        return created;
    }

    private GenericKubernetesResource stored() {
        return client.genericKubernetesResources(ArgoRollouts.CONTEXT).inNamespace(f.ns).withName("checkout").get();
    }

    private Target deployment() { return new Target(Target.Kind.DEPLOYMENT, f.ns, "checkout"); }

    @Test
    void podsOfARolloutBelongToIt_andItsStatusIsTheRolloutsView() {
        rollout(2, "Paused", Map.of());
        assertThat(cluster.pods()).extracting(p -> p.deployment()).containsOnly("checkout");
        DeploymentInfo info = cluster.deployments().stream().filter(d -> d.name().equals("checkout")).findFirst().orElseThrow();
        assertThat(info.rollout()).isNotNull();
        assertThat(info.rollout().phase()).isEqualTo("Paused");
        assertThat(info.observedGeneration()).isEqualTo(3);
        assertThat(info.rolloutInProgress()).isTrue();
    }

    @Test
    void rolloutGuard_holdsARestartBack_whileTheRolloutIsPaused_andLetsItGoWhenHealthy() {
        rollout(2, "Paused", Map.of());
        var restart = new ClusterAction.RestartPod(new Target(Target.Kind.POD, f.ns, "checkout-h2-x"));
        var veto = new RolloutGuard().veto(restart, new GuardContext(0, "r", Mode.AUTO, cluster, false));
        assertThat(veto).hasValueSatisfying(v -> assertThat(v).contains("Argo Rollout " + f.ns + "/checkout is Paused").contains("CanaryPauseStep"));
        assertThat(new RolloutGuard().veto(restart, new GuardContext(0, "r", Mode.AUTO, cluster, true))).isEmpty();

        client.genericKubernetesResources(ArgoRollouts.CONTEXT).inNamespace(f.ns).withName("checkout").edit(r -> {
            r.setAdditionalProperty("status", Map.of("phase", "Healthy", "observedGeneration", "3", "replicas", 2, "updatedReplicas", 2, "readyReplicas", 2));
            return r;
        });
        assertThat(new RolloutGuard().veto(restart, new GuardContext(0, "r", Mode.AUTO, cluster, false))).isEmpty();
    }

    @Test
    void rollback_abortsARolloutMidUpdate_andTouchesNoReplicaSet() {
        rollout(2, "Paused", Map.of());
        var before = client.apps().replicaSets().inNamespace(f.ns).list().getItems();
        var outcome = cluster.execute(new ClusterAction.RollbackDeployment(deployment()));
        assertThat(outcome.applied()).as(outcome.detail()).isTrue();
        assertThat(outcome.detail()).contains("aborted Rollout " + f.ns + "/checkout");
        Object abort = stored().get("status", "abort");
        assertThat(abort).isEqualTo(true);
        assertThat(client.apps().replicaSets().inNamespace(f.ns).list().getItems()).isEqualTo(before);

        var again = cluster.execute(new ClusterAction.RollbackDeployment(deployment()));
        assertThat(again.applied()).isFalse();
        assertThat(again.detail()).contains("already aborted");
    }

    @Test
    void rollback_undoesASettledRollout_toThePreviousRevisionsTemplate() {
        rollout(2, "Healthy", Map.of());
        var outcome = cluster.execute(new ClusterAction.RollbackDeployment(deployment()));
        assertThat(outcome.applied()).as(outcome.detail()).isTrue();
        assertThat(outcome.detail()).contains("from revision 2 to revision 1");
        Object image = ((Map<?, ?>) ((List<?>) stored().get("spec", "template", "spec", "containers")).getFirst()).get("image");
        assertThat(image).isEqualTo("checkout:1");
        Map<?, ?> labels = (Map<?, ?>) stored().get("spec", "template", "metadata", "labels");
        assertThat(labels.get("app")).isEqualTo("checkout");
        assertThat(labels.containsKey(ArgoRollouts.POD_TEMPLATE_HASH)).isFalse();
    }

    @Test
    void rollback_ofAWorkloadRefRollout_namesTheDeploymentToRollBack() {
        f.deployment("checkout-app", 0, 1, "checkout:1");
        rollout(2, "Healthy", Map.of("workloadRef", Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", "checkout-app")));
        assertThat(cluster.deployments()).extracting(DeploymentInfo::name).containsExactly("checkout");
        var outcome = cluster.execute(new ClusterAction.RollbackDeployment(new Target(Target.Kind.DEPLOYMENT, f.ns, "checkout-app")));
        assertThat(outcome.applied()).isFalse();
        assertThat(outcome.detail()).contains("takes its template from Deployment checkout-app");
    }
}
