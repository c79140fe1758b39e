package dev.homeostat.remediation.live.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.port.DeploymentInfo;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HorizontalPodAutoscalers of the live view: each on the workload its scaleTargetRef names, and no other. */
@EnableKubernetesMockClient(crud = true)
class AutoscalersTest {
    static KubernetesClient client;
    static KubernetesMockServer server;
    private static final AtomicInteger NEXT = new AtomicInteger();

    private Fixtures f;
    private KubernetesCluster cluster;

    @BeforeEach
    void freshNamespace() {
        f = new Fixtures(client, "hpa-" + NEXT.incrementAndGet());
        cluster = new KubernetesCluster(client, f.ns);
    }

    private void hpa(String namespace, String name, String kind, String target, Integer min, int max) {
        client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace).resource(new HorizontalPodAutoscalerBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withNewScaleTargetRef().withApiVersion("apps/v1").withKind(kind).withName(target).endScaleTargetRef()
                .withMinReplicas(min).withMaxReplicas(max).endSpec().build()).create();
    }

    private DeploymentInfo.Autoscaler hpaOf(String deployment) {
        return cluster.deployments().stream().filter(d -> d.name().equals(deployment)).findFirst().orElseThrow().hpa();
    }

    @Test
    void anHpaTargetingADeployment_showsOnIt_withItsMinAndMaxReplicas() {
        f.deployment("orders", 4, 1, "orders:1");
        f.deployment("cart", 2, 1, "cart:1");
        hpa(f.ns, "orders-hpa", "Deployment", "orders", 2, 16);

        assertThat(hpaOf("orders")).isEqualTo(new DeploymentInfo.Autoscaler("orders-hpa", 2, 16));
        assertThat(hpaOf("cart")).isNull();
    }

    @Test
    void anHpaTargetingAnotherKindOrName_orInAnotherNamespace_doesNotShow() {
        f.deployment("orders", 4, 1, "orders:1");
        hpa(f.ns, "by-kind", "StatefulSet", "orders", 2, 16);
        hpa(f.ns, "by-name", "Deployment", "order", 2, 16);
        String other = f.ns + "-other";
        hpa(other, "elsewhere", "Deployment", "orders", 2, 16);

        assertThat(hpaOf("orders")).isNull();
        // watching every namespace, the HPA of the other namespace still does not reach across
        var everywhere = new KubernetesCluster(client, null);
        assertThat(everywhere.deployments()).filteredOn(d -> d.namespace().equals(f.ns) && d.name().equals("orders"))
                .singleElement().satisfies(d -> assertThat(d.hpa()).isNull());
    }

    @Test
    void withoutMinReplicas_itIsOne_asKubernetesDefaultsIt_andOfTwoHpasTheLowerMaximumStands() {
        f.deployment("orders", 4, 1, "orders:1");
        hpa(f.ns, "a", "Deployment", "orders", null, 20);
        hpa(f.ns, "b", "Deployment", "orders", null, 12);

        assertThat(hpaOf("orders")).isEqualTo(new DeploymentInfo.Autoscaler("b", 1, 12));
    }

    @Test
    void withoutTheRightToListHpas_theViewGoesOnWithoutThem() {
        f.deployment("orders", 4, 1, "orders:1");
        hpa(f.ns, "orders", "Deployment", "orders", 2, 16);
        server.expect().get().withPath("/apis/autoscaling/v2/namespaces/" + f.ns + "/horizontalpodautoscalers")
                .andReturn(403, new StatusBuilder().withStatus("Failure").withCode(403).withMessage("horizontalpodautoscalers is forbidden").build())
                .once();

        assertThat(cluster.deployments()).singleElement().satisfies(d -> assertThat(d.hpa()).isNull());
        assertThat(hpaOf("orders")).isEqualTo(new DeploymentInfo.Autoscaler("orders", 2, 16));
    }
}
