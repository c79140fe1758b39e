package dev.homeostat.remediation.live.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.Target;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the live adapter says replaces a pod it restarts or isolates: the pod's controller, as that controller does it. */
@EnableKubernetesMockClient(crud = true)
class PodReplacementTest {
    static KubernetesClient client;
    static KubernetesMockServer server;

    private Fixtures f;
    private KubernetesCluster cluster;
    private final String node = "node-1";

    @BeforeEach
    void freshNamespace() {
        f = new Fixtures(client, "replacement");
        cluster = new KubernetesCluster(client, f.ns, KubernetesCluster.Eviction.DELETE_AFTER_PDB_CHECK, Pager.NONE);
    }

    private static Target pod(String ns, String name) { return new Target(Target.Kind.POD, ns, name); }

    @Test
    void restartAndIsolate_sayWhatReplacesThePod_asItsControllerDoes() {
        f.service("db", Map.of("app", "db"));
        f.pod("web-aaa-1", "ReplicaSet", "web-aaa", node, false, Map.of("app", "web"));
        f.pod("db-0", "StatefulSet", "db", node, false, Map.of("app", "db"));
        f.pod("db-1", "StatefulSet", "db", node, false, Map.of("app", "db"));
        f.pod("lonely", null, null, node, false, Map.of());

        assertThat(cluster.execute(new ClusterAction.RestartPod(pod(f.ns, "web-aaa-1"))).detail()).endsWith("; its ReplicaSet starts a replacement");
        assertThat(cluster.execute(new ClusterAction.RestartPod(pod(f.ns, "db-0"))).detail())
                .endsWith("; its StatefulSet starts a replacement of the same name once it is gone");
        assertThat(cluster.execute(new ClusterAction.RestartPod(pod(f.ns, "lonely"))).detail()).endsWith("; no controller owns it, so nothing replaces it");
        assertThat(cluster.execute(new ClusterAction.IsolatePod(pod(f.ns, "db-1"))).detail())
                .endsWith("; it keeps its name, so its StatefulSet starts no replacement while it runs, the pod stays for debugging");
    }
}
