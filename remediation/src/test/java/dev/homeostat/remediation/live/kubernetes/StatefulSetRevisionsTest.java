package dev.homeostat.remediation.live.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.port.PodInfo;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A StatefulSet's rollout history as the view reads it from its ControllerRevisions (as {@code kubectl rollout history
 * statefulset} does): the StatefulSet at its update revision, since that revision's creation, with the one below to roll
 * back to; each pod at the revision its {@code controller-revision-hash} names.
 */
@EnableKubernetesMockClient(crud = true)
class StatefulSetRevisionsTest {
    KubernetesClient client;
    KubernetesMockServer server;

    private static final String NS = "data";

    @Test
    void aStatefulSetMidRollout_isAtItsUpdateRevision_andEachPodAtTheRevisionItsLabelNames() {
        StatefulSet db = statefulSet("db-v2");
        ControllerRevision first = revision(db, "db-v1", 1);
        ControllerRevision second = revision(db, "db-v2", 2);
        pod("db-0", "db-v1");
        pod("db-1", "db-v2");
        var cluster = new KubernetesCluster(client, NS);

        assertThat(cluster.deployments()).singleElement().satisfies(d -> {
            assertThat(d.stateful()).isTrue();
            assertThat(d.revision()).isEqualTo(2);
            assertThat(d.rollbackTo()).isEqualTo(1);
            assertThat(d.revisionSince()).isEqualTo(Instant.parse(second.getMetadata().getCreationTimestamp()).toEpochMilli());
        });
        assertThat(cluster.pods()).extracting(PodInfo::name, PodInfo::deployment, PodInfo::revision)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("db-0", "db", 1), org.assertj.core.groups.Tuple.tuple("db-1", "db", 2));
        assertThat(first.getRevision()).isEqualTo(1L);
    }

    @Test
    void withoutTheRightToListControllerRevisions_theStatefulSetAndItsPodsAreAtRevisionZero() {
        StatefulSet db = statefulSet("db-v1");
        revision(db, "db-v1", 1);
        pod("db-0", "db-v1");
        server.expect().get().withPath("/apis/apps/v1/namespaces/" + NS + "/controllerrevisions")
                .andReturn(403, new StatusBuilder().withStatus("Failure").withCode(403).withMessage("controllerrevisions is forbidden").build()).times(2);
        var cluster = new KubernetesCluster(client, NS);

        assertThat(cluster.deployments()).singleElement().satisfies(d -> {
            assertThat(d.stateful()).isTrue();
            assertThat(d.revision()).isZero();
            assertThat(d.rollbackTo()).isZero();
            assertThat(d.revisionSince()).isEqualTo(Long.MIN_VALUE);
        });
        assertThat(cluster.pods()).singleElement().satisfies(p -> assertThat(p.revision()).isZero());
    }

    private StatefulSet statefulSet(String updateRevision) {
        return client.apps().statefulSets().inNamespace(NS).resource(new StatefulSetBuilder()
                .withNewMetadata().withName("db").withNamespace(NS).endMetadata()
                .withNewSpec().withReplicas(2).withServiceName("db").withNewSelector().addToMatchLabels("app", "db").endSelector()
                .withTemplate(Fixtures.template("db", "db:2")).endSpec()
                .withNewStatus().withReplicas(2).withReadyReplicas(2).withUpdatedReplicas(1).withCurrentRevision("db-v1")
                .withUpdateRevision(updateRevision).endStatus().build()).create();
    }

    private ControllerRevision revision(StatefulSet owner, String name, long revision) {
        return client.apps().controllerRevisions().inNamespace(NS).resource(new ControllerRevisionBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).addToLabels("app", "db")
                .addToOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("StatefulSet").withName("db")
                        .withUid(owner.getMetadata().getUid()).withController(true).build()).endMetadata()
                .withRevision(revision).build()).create();
    }

    private void pod(String name, String revision) {
        client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName(name).withNamespace(NS)
                .addToLabels(Map.of("app", "db", StatefulSets.REVISION_LABEL, revision))
                .addToOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("StatefulSet").withName("db")
                        .withUid("uid-db").withController(true).build()).endMetadata()
                .withNewSpec().withNodeName("node-1").addNewContainer().withName("db").withImage("db:2").endContainer().endSpec()
                .withNewStatus().withStartTime("2026-01-02T03:04:05Z")
                .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build()).create();
    }
}
