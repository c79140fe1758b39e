package dev.homeostat.remediation.live.kubernetes;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/** Builds the objects a Deployment leaves in the API (Deployment → ReplicaSets → Pods), plus nodes, Services and PDBs. */
final class Fixtures {
    private final KubernetesClient client;
    final String ns;

    Fixtures(KubernetesClient client, String ns) {
        this.client = client;
        this.ns = ns;
    }

    static PodTemplateSpec template(String app, String image) {
        return new PodTemplateSpecBuilder().withNewMetadata().addToLabels("app", app).endMetadata()
                .withNewSpec().addNewContainer().withName(app).withImage(image).endContainer().endSpec().build();
    }

    Deployment deployment(String name, int replicas, int revision, String image) {
        return client.apps().deployments().inNamespace(ns).resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(ns).addToAnnotations(KubernetesCluster.REVISION_ANNOTATION, String.valueOf(revision)).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withTemplate(template(name, image)).endSpec()
                .withNewStatus().withReplicas(replicas).withReadyReplicas(replicas).withUpdatedReplicas(replicas).withObservedGeneration(1L).endStatus()
                .build()).create();
    }

    /** A ReplicaSet of {@code deployment} at {@code revision}, its template labelled with a pod-template-hash as the controller does. */
    ReplicaSet replicaSet(Deployment deployment, String hash, int revision, String image) {
        String app = deployment.getMetadata().getName();
        PodTemplateSpec template = new PodTemplateSpecBuilder(template(app, image)).editMetadata().addToLabels(KubernetesCluster.POD_TEMPLATE_HASH, hash).endMetadata().build();
        return client.apps().replicaSets().inNamespace(ns).resource(new ReplicaSetBuilder()
                .withNewMetadata().withName(app + "-" + hash).withNamespace(ns)
                .addToAnnotations(KubernetesCluster.REVISION_ANNOTATION, String.valueOf(revision))
                .addToOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment").withName(app)
                        .withUid(deployment.getMetadata().getUid()).withController(true).build()).endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", app).endSelector().withTemplate(template).endSpec()
                .build()).create();
    }

    Pod pod(String name, String ownerKind, String ownerName, String node, boolean ready, Map<String, String> labels) {
        var b = new PodBuilder().withNewMetadata().withName(name).withNamespace(ns).addToLabels(labels).endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("c").withImage("img").endContainer().endSpec()
                .withNewStatus().withStartTime("2026-01-02T03:04:05Z")
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .addNewContainerStatus().withName("c").withRestartCount(2).endContainerStatus()
                .addNewContainerStatus().withName("sidecar").withRestartCount(1).endContainerStatus()
                .endStatus();
        if (ownerKind != null) {
            b.editMetadata().addToOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind(ownerKind)
                    .withName(ownerName).withUid("uid-" + ownerName).withController(true).build()).endMetadata();
        }
        return client.pods().inNamespace(ns).resource(b.build()).create();
    }

    Node node(String name) {
        return client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build()).create();
    }

    void service(String name, Map<String, String> selector) {
        client.services().inNamespace(ns).resource(new ServiceBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withNewSpec().withSelector(selector).addNewPort().withPort(80).endPort().endSpec().build()).create();
    }

    void pdb(String name, String app, int disruptionsAllowed) {
        client.policy().v1().podDisruptionBudget().inNamespace(ns).resource(new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withNewSpec().withMinAvailable(new IntOrString(1)).withNewSelector().addToMatchLabels("app", app).endSelector().endSpec()
                .withNewStatus().withDisruptionsAllowed(disruptionsAllowed).withCurrentHealthy(2).withDesiredHealthy(1).withExpectedPods(2).endStatus()
                .build()).create();
    }
}
