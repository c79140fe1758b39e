package dev.homeostat.remediation.live.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.port.ActionOutcome;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The live adapter's actions against a real Kubernetes API with real controllers (k3s in Docker), where the mock
 * server of {@link KubernetesClusterTest} has none: a deleted pod is replaced by its ReplicaSet, a scaled Deployment
 * gets its pods. For users with Docker; without it the class is skipped (disabledWithoutDocker), and every action
 * here is also covered against the mock API by {@link KubernetesClusterTest}, so this is never the only test.
 * The pods' image need not be pulled: the actions act on API objects, which exist while the pods are Pending.
 */
@Testcontainers(disabledWithoutDocker = true)
class KubernetesClusterK3sIT {
    @Container
    static final K3sContainer K3S = new K3sContainer(DockerImageName.parse("rancher/k3s:v1.30.4-k3s1"));
    private static final AtomicInteger NEXT = new AtomicInteger();

    static KubernetesClient client;
    private String ns;
    private KubernetesCluster cluster;

    @BeforeAll
    static void connect() {
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(K3S.getKubeConfigYaml())).build();
    }

    @AfterAll
    static void disconnect() {
        if (client != null) client.close();
    }

    @BeforeEach
    void freshNamespace() {
        ns = "k3s" + NEXT.incrementAndGet();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        cluster = new KubernetesCluster(client, ns, KubernetesCluster.Eviction.DELETE_AFTER_PDB_CHECK, Pager.NONE);
    }

    private void deployment(String name, int replicas) {
        client.apps().deployments().inNamespace(ns).resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withTemplate(Fixtures.template(name, "registry.k8s.io/pause:3.9")).endSpec().build()).create();
        await().atMost(Duration.ofSeconds(60)).until(() -> pods(name).size() == replicas);
    }

    private List<Pod> pods(String app) {
        return client.pods().inNamespace(ns).withLabel("app", app).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .sorted(Comparator.comparing(p -> p.getMetadata().getName())).toList();
    }

    @Test
    void restartPod_deletesIt_andItsReplicaSetReplacesItUnderANewName() {
        deployment("web", 1);
        String before = pods("web").getFirst().getMetadata().getName();

        ActionOutcome outcome = cluster.execute(new ClusterAction.RestartPod(new Target(Target.Kind.POD, ns, before)));

        assertThat(outcome.applied()).as(outcome.detail()).isTrue();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(pods("web"))
                .singleElement().satisfies(p -> assertThat(p.getMetadata().getName()).isNotEqualTo(before)));
    }

    @Test
    void scaleDeployment_makesTheControllerCreateThePods() {
        deployment("web", 1);

        ActionOutcome outcome = cluster.execute(new ClusterAction.ScaleDeployment(new Target(Target.Kind.DEPLOYMENT, ns, "web"), 3));

        assertThat(outcome.applied()).as(outcome.detail()).isTrue();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(pods("web")).hasSize(3));
        assertThat(cluster.deployments()).filteredOn(d -> d.name().equals("web")).singleElement()
                .satisfies(d -> assertThat(d.replicas()).isEqualTo(3));
    }

    @Test
    void cordonNode_makesTheK3sNodeUnschedulable() {
        String node = client.nodes().list().getItems().getFirst().getMetadata().getName();
        try {
            ActionOutcome outcome = cluster.execute(new ClusterAction.CordonNode(new Target(Target.Kind.NODE, null, node)));

            assertThat(outcome.applied()).as(outcome.detail()).isTrue();
            assertThat(client.nodes().withName(node).get().getSpec().getUnschedulable()).isTrue();
        } finally {
            // The other tests need a schedulable node (one-node cluster).
            client.nodes().withName(node).edit(n -> { n.getSpec().setUnschedulable(false); return n; });
        }
    }

    @Test
    void isolatePod_takesItOutOfTheServiceSelector_andTheReplicaSetStartsAReplacement() {
        deployment("web", 1);
        client.services().inNamespace(ns).resource(new ServiceBuilder().withNewMetadata().withName("web").withNamespace(ns).endMetadata()
                .withNewSpec().addToSelector("app", "web").addNewPort().withPort(80).endPort().endSpec().build()).create();
        String isolated = pods("web").getFirst().getMetadata().getName();

        ActionOutcome outcome = cluster.execute(new ClusterAction.IsolatePod(new Target(Target.Kind.POD, ns, isolated)));

        assertThat(outcome.applied()).as(outcome.detail()).isTrue();
        Pod after = client.pods().inNamespace(ns).withName(isolated).get();
        assertThat(after.getMetadata().getLabels()).containsEntry(KubernetesCluster.ISOLATED_LABEL, "true").doesNotContainKey("app");
        // Kept for debugging, out of the ReplicaSet: the controller starts a pod that matches the selector again.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(pods("web"))
                .singleElement().satisfies(p -> assertThat(p.getMetadata().getName()).isNotEqualTo(isolated)));
    }
}
