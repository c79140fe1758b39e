package dev.homeostat.remediation.live.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.port.ActionOutcome;
import dev.homeostat.remediation.port.PdbInfo;
import dev.homeostat.remediation.port.PodInfo;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every action and read of the live adapter against the fabric8 mock API server in CRUD mode (one server for the class). */
@EnableKubernetesMockClient(crud = true)
class KubernetesClusterTest {
    static KubernetesClient client;
    static KubernetesMockServer server;
    private static final AtomicInteger NEXT = new AtomicInteger();

    private Fixtures f;
    private KubernetesCluster cluster;
    private String node;

    @BeforeEach
    void freshNamespace() {
        int n = NEXT.incrementAndGet();
        f = new Fixtures(client, "ns" + n);
        node = "node-" + n; // nodes are cluster-wide: one per test
        cluster = new KubernetesCluster(client, f.ns, KubernetesCluster.Eviction.DELETE_AFTER_PDB_CHECK, Pager.NONE);
    }

    private static Target pod(String ns, String name) { return new Target(Target.Kind.POD, ns, name); }

    private static Target deployment(String ns, String name) { return new Target(Target.Kind.DEPLOYMENT, ns, name); }

    private static Target nodeTarget(String name) { return new Target(Target.Kind.NODE, null, name); }

    @Test
    void pods_resolveTheirDeploymentThroughTheReplicaSet_withReadinessRestartsStartAndRevision() {
        Deployment web = f.deployment("web", 2, 1, "web:1");
        f.replicaSet(web, "aaa", 1, "web:1");
        f.pod("web-aaa-2", "ReplicaSet", "web-aaa", node, true, Map.of("app", "web"));
        f.pod("web-aaa-1", "ReplicaSet", "web-aaa", node, false, Map.of("app", "web"));
        f.pod("lonely", null, null, node, true, Map.of());

        long started = Instant.parse("2026-01-02T03:04:05Z").toEpochMilli();
        assertThat(cluster.pods()).containsExactly(
                new PodInfo(f.ns, "lonely", null, node, true, 3, started, 0, null),
                new PodInfo(f.ns, "web-aaa-1", "web", node, false, 3, started, 1, null),
                new PodInfo(f.ns, "web-aaa-2", "web", node, true, 3, started, 1, null));
        assertThat(cluster.deployments()).singleElement().satisfies(d -> {
            assertThat(d.replicas()).isEqualTo(2);
            assertThat(d.readyReplicas()).isEqualTo(2);
            assertThat(d.rolloutInProgress()).isFalse();
        });
    }

    @Test
    void aPodsStart_asItsReadyConditionAndProbesTellIt_soTheEngineLetsANewPodComeUp() {
        Deployment web = f.deployment("web", 3, 1, "web:1");
        f.replicaSet(web, "aaa", 1, "web:1");
        // not Ready since the kubelet started it (the condition written a second later), a liveness probe waiting 180 s
        withStart(f.pod("web-aaa-new", "ReplicaSet", "web-aaa", node, false, Map.of("app", "web")), "2026-01-02T03:04:06Z",
                new io.fabric8.kubernetes.api.model.ProbeBuilder().withInitialDelaySeconds(180).build(), null);
        // not Ready since well after its start: it served, then stopped; a startup probe of 30 × 5 s
        withStart(f.pod("web-aaa-lost", "ReplicaSet", "web-aaa", node, false, Map.of("app", "web")), "2026-01-02T03:10:00Z",
                null, new io.fabric8.kubernetes.api.model.ProbeBuilder().withPeriodSeconds(5).withFailureThreshold(30).build());
        withStart(f.pod("web-aaa-ok", "ReplicaSet", "web-aaa", node, true, Map.of("app", "web")), "2026-01-02T03:06:00Z", null, null);

        long started = Instant.parse("2026-01-02T03:04:05Z").toEpochMilli();
        assertThat(cluster.pods()).extracting(PodInfo::name, PodInfo::readyAtMillis, PodInfo::startupBudgetMillis, PodInfo::neverReady).containsExactly(
                org.assertj.core.groups.Tuple.tuple("web-aaa-lost", Instant.parse("2026-01-02T03:10:00Z").toEpochMilli(), 145_000L, false),
                org.assertj.core.groups.Tuple.tuple("web-aaa-new", PodInfo.NOT_YET, 200_000L, true),
                org.assertj.core.groups.Tuple.tuple("web-aaa-ok", started + 115_000, 0L, false));
    }

    private void withStart(io.fabric8.kubernetes.api.model.Pod pod, String readySince, io.fabric8.kubernetes.api.model.Probe liveness,
                           io.fabric8.kubernetes.api.model.Probe startup) {
        pod.getStatus().getConditions().getFirst().setLastTransitionTime(readySince);
        pod.getSpec().getContainers().getFirst().setLivenessProbe(liveness);
        pod.getSpec().getContainers().getFirst().setStartupProbe(startup);
        client.pods().inNamespace(f.ns).resource(pod).update();
    }

    @Test
    void aDeploymentsMaxUnavailable_isResolvedAsTheDeploymentControllerResolvesIt() {
        var rolling = new io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder().withType("RollingUpdate");
        assertThat(KubeObjects.maxUnavailable(null, 10)).isEqualTo(2);
        assertThat(KubeObjects.maxUnavailable(rolling.withNewRollingUpdate().withMaxUnavailable(new io.fabric8.kubernetes.api.model.IntOrString(3))
                .endRollingUpdate().build(), 10)).isEqualTo(3);
        assertThat(KubeObjects.maxUnavailable(rolling.withNewRollingUpdate().withMaxUnavailable(new io.fabric8.kubernetes.api.model.IntOrString("50%"))
                .endRollingUpdate().build(), 5)).isEqualTo(2);
        assertThat(KubeObjects.maxUnavailable(new io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder().withType("Recreate").build(), 6)).isEqualTo(6);
        // neither surge nor a pod down (maxSurge 0, a percentage rounding to 0; no replicas): one pod down, or it never progresses
        assertThat(KubeObjects.maxUnavailable(rolling.withNewRollingUpdate().withMaxSurge(new io.fabric8.kubernetes.api.model.IntOrString(0))
                .withMaxUnavailable(new io.fabric8.kubernetes.api.model.IntOrString("10%")).endRollingUpdate().build(), 3)).isEqualTo(1);
        assertThat(KubeObjects.maxUnavailable(null, 0)).isEqualTo(1);
        assertThat(KubeObjects.maxUnavailable(null, 1)).isZero(); // a surge of 1 (25 % rounded up): no pod down first
        Deployment web = f.deployment("web", 8, 1, "web:1");
        assertThat(cluster.deployments()).singleElement().satisfies(d -> assertThat(d.maxUnavailable()).isEqualTo(2));
    }

    @Test
    void anEvaluation_listsEachKindOnce_untilTheNextEvaluationOrAnAction() {
        Deployment web = f.deployment("web", 3, 1, "web:1");
        f.replicaSet(web, "aaa", 1, "web:1");
        for (int i = 1; i <= 3; i++) f.pod("web-aaa-" + i, "ReplicaSet", "web-aaa", node, true, Map.of("app", "web"));
        // outside an evaluation every question lists
        int outside = server.getRequestCount();
        cluster.pods();
        int onePodListing = server.getRequestCount() - outside;
        cluster.pods();
        assertThat(server.getRequestCount() - outside).isEqualTo(2 * onePodListing);

        cluster.refresh();
        int start = server.getRequestCount();
        cluster.pods();
        cluster.deployments();
        int listed = server.getRequestCount();
        assertThat(cluster.pod(f.ns, "web-aaa-1")).isPresent();
        assertThat(cluster.podsOf(f.ns, "web")).hasSize(3);
        cluster.deployments();
        cluster.pods();
        assertThat(server.getRequestCount()).as("questions after the first listing of each kind").isEqualTo(listed);
        assertThat(listed - start).isPositive();

        // an action drops what was listed: the next answer is the cluster after it
        assertThat(cluster.execute(new ClusterAction.RestartPod(pod(f.ns, "web-aaa-1"))).applied()).isTrue();
        assertThat(cluster.pods()).extracting(PodInfo::name).containsExactly("web-aaa-2", "web-aaa-3");
        // so does the next evaluation: a change made by someone else shows
        f.pod("web-aaa-4", "ReplicaSet", "web-aaa", node, true, Map.of("app", "web"));
        assertThat(cluster.pods()).hasSize(2);
        cluster.refresh();
        assertThat(cluster.pods()).hasSize(3);
    }

    @Test
    void aStatefulSet_isAStatefulWorkloadOfTheView_andItsPodsBelongToIt() {
        client.apps().statefulSets().inNamespace(f.ns).resource(new io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder()
                .withNewMetadata().withName("db").withNamespace(f.ns).endMetadata()
                .withNewSpec().withReplicas(3).withServiceName("db").withNewSelector().addToMatchLabels("app", "db").endSelector()
                .withTemplate(Fixtures.template("db", "db:1")).endSpec()
                .withNewStatus().withReplicas(3).withReadyReplicas(2).withUpdatedReplicas(3).endStatus().build()).create();
        f.pod("db-0", "StatefulSet", "db", node, true, Map.of("app", "db"));

        assertThat(cluster.pods()).singleElement().satisfies(p -> assertThat(p.deployment()).isEqualTo("db"));
        assertThat(cluster.deployments()).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("db");
            assertThat(d.stateful()).isTrue();
            assertThat(d.replicas()).isEqualTo(3);
            assertThat(d.readyReplicas()).isEqualTo(2);
        });

        // without the right to list StatefulSets the view goes on without them
        server.expect().get().withPath("/apis/apps/v1/namespaces/" + f.ns + "/statefulsets")
                .andReturn(403, new StatusBuilder().withStatus("Failure").withCode(403).withMessage("statefulsets is forbidden").build()).once();
        assertThat(cluster.deployments()).isEmpty();
        assertThat(cluster.deployments()).singleElement().satisfies(d -> assertThat(d.stateful()).isTrue());
    }

    @Test
    void aDeploymentsRolloutHistory_andACrashLoopingPod_areInTheView_asTheDiagnosisOfARecentChangeNeedsThem() {
        Deployment web = f.deployment("web", 2, 2, "web:2");
        f.replicaSet(web, "aaa", 1, "web:1");
        var current = f.replicaSet(web, "bbb", 2, "web:2");
        var looping = new io.fabric8.kubernetes.api.model.PodBuilder(f.pod("web-bbb-1", "ReplicaSet", "web-bbb", node, false, Map.of("app", "web")))
                .editStatus().editFirstContainerStatus().withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState()
                .endContainerStatus().endStatus().build();
        client.pods().inNamespace(f.ns).resource(looping).update();

        assertThat(cluster.deployments()).singleElement().satisfies(d -> {
            assertThat(d.revision()).isEqualTo(2);
            assertThat(d.rollbackTo()).isEqualTo(1);
            assertThat(d.revisionSince()).isEqualTo(Instant.parse(current.getMetadata().getCreationTimestamp()).toEpochMilli());
            assertThat(d.changedSince(d.revisionSince() - 1)).isTrue();
        });
        assertThat(cluster.pods()).singleElement().satisfies(p -> {
            assertThat(p.revision()).isEqualTo(2);
            assertThat(p.crashLooping()).isTrue();
        });
    }

    @Test
    void restartPod_ofTheOnlyReplica_rollsItOverAsKubectlRolloutRestart_andKeepsThePodUntilItsReplacementIsReady() {
        Deployment wiki = f.deployment("wiki", 1, 1, "wiki:1");
        f.replicaSet(wiki, "aaa", 1, "wiki:1");
        f.pod("wiki-aaa-1", "ReplicaSet", "wiki-aaa", node, true, Map.of("app", "wiki"));
        Deployment web = f.deployment("web", 2, 1, "web:1");
        f.replicaSet(web, "bbb", 1, "web:1");
        f.pod("web-bbb-1", "ReplicaSet", "web-bbb", node, true, Map.of("app", "web"));

        ActionOutcome only = cluster.execute(new ClusterAction.RestartPod(pod(f.ns, "wiki-aaa-1")));
        ActionOutcome one = cluster.execute(new ClusterAction.RestartPod(pod(f.ns, "web-bbb-1")));

        assertThat(only.applied()).isTrue();
        assertThat(only.detail()).contains("only replica of deployment " + f.ns + "/wiki").contains("kubectl rollout restart");
        assertThat(client.pods().inNamespace(f.ns).withName("wiki-aaa-1").get()).isNotNull();
        assertThat(client.apps().deployments().inNamespace(f.ns).withName("wiki").get().getSpec().getTemplate().getMetadata().getAnnotations())
                .containsKey(PodRestarts.RESTARTED_AT);
        // one of two replicas: deleted, as any other pod
        assertThat(one.applied()).isTrue();
        assertThat(client.pods().inNamespace(f.ns).withName("web-bbb-1").get()).isNull();
        // a single replica whose strategy recreates: a rollout would take it down first, so it is deleted as any other
        Deployment batch = f.deployment("batch", 1, 1, "batch:1");
        client.apps().deployments().inNamespace(f.ns).withName("batch").edit(d -> new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder(d)
                .editSpec().withNewStrategy().withType("Recreate").endStrategy().endSpec().build());
        f.replicaSet(batch, "ccc", 1, "batch:1");
        f.pod("batch-ccc-1", "ReplicaSet", "batch-ccc", node, true, Map.of("app", "batch"));
        assertThat(cluster.execute(new ClusterAction.RestartPod(pod(f.ns, "batch-ccc-1"))).detail()).startsWith("deleted pod");
    }

    @Test
    void restartPod_deletesThePod_andAMissingPodIsRefused() {
        f.pod("web-1", null, null, node, true, Map.of());

        ActionOutcome outcome = cluster.execute(new ClusterAction.RestartPod(pod(f.ns, "web-1")));
        ActionOutcome again = cluster.execute(new ClusterAction.RestartPod(pod(f.ns, "web-1")));

        assertThat(outcome.applied()).isTrue();
        assertThat(client.pods().inNamespace(f.ns).withName("web-1").get()).isNull();
        assertThat(again.applied()).isFalse();
        assertThat(again.detail()).contains("not found");
    }

    @Test
    void rollback_copiesThePreviousReplicaSetsTemplate_withoutItsPodTemplateHash() {
        Deployment web = f.deployment("web", 3, 3, "web:3-broken");
        f.replicaSet(web, "one", 1, "web:1");
        f.replicaSet(web, "two", 2, "web:2");
        f.replicaSet(web, "three", 3, "web:3-broken");

        ActionOutcome outcome = cluster.execute(new ClusterAction.RollbackDeployment(deployment(f.ns, "web")));

        assertThat(outcome.applied()).as(outcome.detail()).isTrue();
        assertThat(outcome.detail()).contains("from revision 3 to revision 2");
        Deployment after = client.apps().deployments().inNamespace(f.ns).withName("web").get();
        assertThat(after.getSpec().getTemplate()).isEqualTo(Fixtures.template("web", "web:2"));
        assertThat(after.getSpec().getTemplate().getMetadata().getLabels()).doesNotContainKey(KubernetesCluster.POD_TEMPLATE_HASH);
    }

    @Test
    void rollback_withoutAPreviousRevision_isRefused_andLeavesTheTemplate() {
        Deployment web = f.deployment("web", 3, 1, "web:1");
        f.replicaSet(web, "one", 1, "web:1");

        ActionOutcome outcome = cluster.execute(new ClusterAction.RollbackDeployment(deployment(f.ns, "web")));

        assertThat(outcome.applied()).isFalse();
        assertThat(outcome.detail()).contains("no revision before 1");
        assertThat(client.apps().deployments().inNamespace(f.ns).withName("web").get().getSpec().getTemplate())
                .isEqualTo(Fixtures.template("web", "web:1"));
    }

    @Test
    void scaleDeployment_setsTheReplicas_andAMissingDeploymentIsRefused() {
        f.deployment("web", 2, 1, "web:1");

        ActionOutcome outcome = cluster.execute(new ClusterAction.ScaleDeployment(deployment(f.ns, "web"), 4));
        ActionOutcome missing = cluster.execute(new ClusterAction.ScaleDeployment(deployment(f.ns, "nope"), 4));

        assertThat(outcome.applied()).isTrue();
        assertThat(outcome.detail()).contains("from 2 to 4");
        assertThat(client.apps().deployments().inNamespace(f.ns).withName("web").get().getSpec().getReplicas()).isEqualTo(4);
        assertThat(missing.applied()).isFalse();
    }

    @Test
    void isolatePod_dropsTheLabelsItsServiceSelects_marksIt_andKeepsThePod() {
        f.service("web", Map.of("app", "web", "tier", "front"));
        f.pod("web-1", "ReplicaSet", "web-aaa", node, true, Map.of("app", "web", "tier", "front", "version", "v1"));

        ActionOutcome outcome = cluster.execute(new ClusterAction.IsolatePod(pod(f.ns, "web-1")));

        assertThat(outcome.applied()).as(outcome.detail()).isTrue();
        var after = client.pods().inNamespace(f.ns).withName("web-1").get();
        assertThat(after).isNotNull();
        assertThat(after.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(
                Map.of("version", "v1", KubernetesCluster.ISOLATED_LABEL, "true"));
        assertThat(after.getMetadata().getAnnotations()).containsEntry(KubernetesCluster.ISOLATED_LABELS_ANNOTATION, "app=web,tier=front");
    }

    @Test
    void isolatePod_thatNoServiceSelects_isRefused() {
        f.service("api", Map.of("app", "api"));
        f.pod("web-1", null, null, node, true, Map.of("app", "web"));

        ActionOutcome outcome = cluster.execute(new ClusterAction.IsolatePod(pod(f.ns, "web-1")));

        assertThat(outcome.applied()).isFalse();
        assertThat(outcome.detail()).contains("no Service selects pod");
        assertThat(client.pods().inNamespace(f.ns).withName("web-1").get().getMetadata().getLabels()).containsEntry("app", "web");
    }

    @Test
    void cordonNode_makesItUnschedulable_andTheViewSaysSo() {
        f.node(node);

        ActionOutcome outcome = cluster.execute(new ClusterAction.CordonNode(nodeTarget(node)));

        assertThat(outcome.applied()).isTrue();
        assertThat(client.nodes().withName(node).get().getSpec().getUnschedulable()).isTrue();
        assertThat(cluster.nodes()).filteredOn(n -> n.name().equals(node)).singleElement()
                .satisfies(n -> assertThat(n.unschedulable()).isTrue());
        assertThat(cluster.execute(new ClusterAction.CordonNode(nodeTarget("no-such-node"))).applied()).isFalse();
    }

    @Test
    void drainNode_evictsManagedPods_leavesDaemonSets_andNeverForcesPastAPdb() {
        f.node(node);
        f.pod("web-1", "ReplicaSet", "web-aaa", node, true, Map.of("app", "web"));
        f.pod("db-1", "StatefulSet", "db", node, true, Map.of("app", "db"));
        f.pod("db-2", "StatefulSet", "db", node, true, Map.of("app", "db"));
        f.pod("logs-x", "DaemonSet", "logs", node, true, Map.of("app", "logs"));
        f.pod("elsewhere", "ReplicaSet", "web-aaa", "other-" + node, true, Map.of("app", "web"));
        f.pdb("db-budget", "db", 1); // one of the two db pods may go

        ActionOutcome outcome = cluster.execute(new ClusterAction.DrainNode(nodeTarget(node)));

        assertThat(client.nodes().withName(node).get().getSpec().getUnschedulable()).isTrue();
        assertThat(client.pods().inNamespace(f.ns).list().getItems()).extracting(p -> p.getMetadata().getName())
                .containsExactlyInAnyOrder("db-2", "logs-x", "elsewhere");
        assertThat(outcome.applied()).isFalse();
        assertThat(outcome.detail()).contains("evicted [" + f.ns + "/db-1, " + f.ns + "/web-1]")
                .contains("could not evict [" + f.ns + "/db-2 (PodDisruptionBudget " + f.ns + "/db-budget allows no more disruptions)]")
                .contains("left DaemonSet pods [" + f.ns + "/logs-x]");
    }

    @Test
    void drainNode_throughTheEvictionApi_reportsThePodsTheApiServerRefused() {
        f.node(node);
        f.pod("web-1", "ReplicaSet", "web-aaa", node, true, Map.of("app", "web"));
        f.pod("web-2", "ReplicaSet", "web-aaa", node, true, Map.of("app", "web"));
        // the CRUD mock has no eviction subresource: script the API server's answers instead
        server.expect().post().withPath("/api/v1/namespaces/" + f.ns + "/pods/web-1/eviction")
                .andReturn(201, new StatusBuilder().withStatus("Success").withCode(201).build()).once();
        server.expect().post().withPath("/api/v1/namespaces/" + f.ns + "/pods/web-2/eviction")
                .andReturn(429, new StatusBuilder().withStatus("Failure").withCode(429).withReason("TooManyRequests")
                        .withMessage("Cannot evict pod as it would violate the pod's disruption budget.").build()).once();
        var api = new KubernetesCluster(client, f.ns, KubernetesCluster.Eviction.API, Pager.NONE);

        ActionOutcome outcome = api.execute(new ClusterAction.DrainNode(nodeTarget(node)));

        assertThat(outcome.applied()).isFalse();
        assertThat(outcome.detail()).contains("evicted [" + f.ns + "/web-1]").contains("could not evict [" + f.ns + "/web-2 (");
    }

    @Test
    void drainNode_doesNotEvictAPodNoControllerWouldRecreate() {
        f.node(node);
        f.pod("bare", null, null, node, true, Map.of());

        ActionOutcome outcome = cluster.execute(new ClusterAction.DrainNode(nodeTarget(node)));

        assertThat(outcome.applied()).isFalse();
        assertThat(outcome.detail()).contains("no controller would recreate them");
        assertThat(client.pods().inNamespace(f.ns).withName("bare").get()).isNotNull();
    }

    @Test
    void circuitBreak_addsASelectorKeyNoPodCarries_andAServiceWithoutSelectorIsRefused() {
        f.service("payments", Map.of("app", "payments"));
        f.service("external", Map.of());
        Target payments = new Target(Target.Kind.SERVICE, f.ns, "payments");

        ActionOutcome outcome = cluster.execute(new ClusterAction.CircuitBreak(payments));
        ActionOutcome manual = cluster.execute(new ClusterAction.CircuitBreak(new Target(Target.Kind.SERVICE, f.ns, "external")));

        assertThat(outcome.applied()).isTrue();
        var svc = client.services().inNamespace(f.ns).withName("payments").get();
        assertThat(svc.getSpec().getSelector()).containsEntry("app", "payments").containsEntry(KubernetesCluster.CIRCUIT_BREAKER_KEY, "open");
        assertThat(svc.getMetadata().getAnnotations()).containsKey(KubernetesCluster.CIRCUIT_BREAKER_KEY);
        assertThat(manual.applied()).isFalse();
        assertThat(manual.detail()).contains("has no selector");
    }

    @Test
    void page_withoutAPager_isRefusedAndSaysSo() {
        ActionOutcome outcome = cluster.execute(new ClusterAction.Page(pod(f.ns, "web-1"), "help"));

        assertThat(outcome.applied()).isFalse();
        assertThat(outcome.detail()).contains("no pager configured");
    }

    @Test
    void pdbs_resolveTheirSelectorToPodNames_andDeploymentsReportARolloutInProgress() {
        f.pod("db-1", "StatefulSet", "db", node, true, Map.of("app", "db"));
        f.pod("web-1", "ReplicaSet", "web-aaa", node, true, Map.of("app", "web"));
        f.pdb("db-budget", "db", 0);
        f.deployment("web", 3, 1, "web:1");
        client.apps().deployments().inNamespace(f.ns).withName("web")
                .editStatus(d -> { d.getStatus().setUpdatedReplicas(1); return d; });

        assertThat(cluster.pdbs()).containsExactly(new PdbInfo(f.ns, "db-budget", 0, java.util.List.of("db-1")));
        assertThat(cluster.deployments()).singleElement().satisfies(d -> {
            assertThat(d.updatedReplicas()).isEqualTo(1);
            assertThat(d.rolloutInProgress()).isTrue();
        });
    }

    @Test
    void apiErrors_becomeRefusals_neverExceptions() {
        server.expect().get().withPath("/api/v1/namespaces/" + f.ns + "/services/flaky")
                .andReturn(403, new StatusBuilder().withStatus("Failure").withCode(403).withMessage("services \"flaky\" is forbidden").build()).once();

        ActionOutcome outcome = cluster.execute(new ClusterAction.CircuitBreak(new Target(Target.Kind.SERVICE, f.ns, "flaky")));

        assertThat(outcome.applied()).isFalse();
        assertThat(outcome.detail()).contains("forbidden (403)").contains("RBAC");
    }
}
