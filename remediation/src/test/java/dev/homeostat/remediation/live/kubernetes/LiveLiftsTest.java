package dev.homeostat.remediation.live.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.port.ActionOutcome;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lifting the engine's measures on the fabric8 mock API server: only what the engine itself put there is undone. */
@EnableKubernetesMockClient(crud = true)
class LiveLiftsTest {
    static KubernetesClient client;
    private static final AtomicInteger NEXT = new AtomicInteger();

    private Fixtures f;
    private KubernetesCluster cluster;
    private String node;

    @BeforeEach
    void fresh() {
        int n = NEXT.incrementAndGet();
        f = new Fixtures(client, "lift" + n);
        node = "lift-node-" + n;
        cluster = new KubernetesCluster(client, f.ns, KubernetesCluster.Eviction.DELETE_AFTER_PDB_CHECK, Pager.NONE);
    }

    private static ClusterAction.Lift lift(ClusterAction measure) { return new ClusterAction.Lift(measure); }

    @Test
    void aNodeTheEngineCordoned_isMarked_andTheLiftUncordonsItAndRemovesTheMark() {
        f.node(node);
        var cordon = new ClusterAction.CordonNode(new Target(Target.Kind.NODE, null, node));
        assertThat(cluster.execute(cordon).applied()).isTrue();
        assertThat(client.nodes().withName(node).get().getMetadata().getAnnotations()).containsKey(LiveLifts.CORDONED_BY);

        ActionOutcome outcome = cluster.execute(lift(cordon));

        assertThat(outcome.applied()).as(outcome.detail()).isTrue();
        var after = client.nodes().withName(node).get();
        assertThat(after.getSpec().getUnschedulable()).isFalse();
        assertThat(after.getMetadata().getAnnotations()).doesNotContainKey(LiveLifts.CORDONED_BY);
    }

    @Test
    void aNodeSomeoneElseCordoned_isLeftCordoned() {
        f.node(node);
        client.nodes().withName(node).edit(n -> new NodeBuilder(n).editOrNewSpec().withUnschedulable(true).endSpec().build());

        ActionOutcome outcome = cluster.execute(lift(new ClusterAction.DrainNode(new Target(Target.Kind.NODE, null, node))));

        assertThat(outcome.applied()).isFalse();
        assertThat(outcome.detail()).contains("cordoned by someone else");
        assertThat(client.nodes().withName(node).get().getSpec().getUnschedulable()).isTrue();
    }

    @Test
    void replicasTheEngineAdded_areTakenBack_toTheReplicasTheLiftNames() {
        f.deployment("web", 2, 1, "web:1");
        var web = new Target(Target.Kind.DEPLOYMENT, f.ns, "web");
        assertThat(cluster.execute(new ClusterAction.ScaleDeployment(web, 4)).applied()).isTrue();

        ActionOutcome outcome = cluster.execute(lift(new ClusterAction.ScaleDeployment(web, 2)));

        assertThat(outcome.applied()).as(outcome.detail()).isTrue();
        assertThat(client.apps().deployments().inNamespace(f.ns).withName("web").get().getSpec().getReplicas()).isEqualTo(2);
        assertThat(cluster.execute(lift(new ClusterAction.ScaleDeployment(new Target(Target.Kind.DEPLOYMENT, f.ns, "gone"), 2))).applied()).isFalse();
    }

    @Test
    void anOpenCircuit_isClosed_byRemovingTheSelectorKeyTheEngineAdded() {
        f.service("payments", Map.of("app", "payments"));
        var breaker = new ClusterAction.CircuitBreak(new Target(Target.Kind.SERVICE, f.ns, "payments"));
        assertThat(cluster.execute(breaker).applied()).isTrue();

        ActionOutcome outcome = cluster.execute(lift(breaker));

        assertThat(outcome.applied()).as(outcome.detail()).isTrue();
        var svc = client.services().inNamespace(f.ns).withName("payments").get();
        assertThat(svc.getSpec().getSelector()).containsExactly(Map.entry("app", "payments"));
        assertThat(svc.getMetadata().getAnnotations()).doesNotContainKey(KubernetesCluster.CIRCUIT_BREAKER_KEY);
    }

    @Test
    void aRetryCut_isLifted_byDeletingTheEnginesVirtualService_andSomeoneElsesIsLeft() {
        virtualService("homeostat-db", Map.of(IstioMesh.MANAGED_BY, "homeostat"));
        virtualService("homeostat-cache", Map.of());
        var mesh = client.genericKubernetesResources(IstioMesh.VIRTUAL_SERVICE).inNamespace(f.ns);

        ActionOutcome ours = cluster.execute(lift(new ClusterAction.LimitRetries(new Target(Target.Kind.SERVICE, f.ns, "db"))));
        ActionOutcome theirs = cluster.execute(lift(new ClusterAction.LimitRetries(new Target(Target.Kind.SERVICE, f.ns, "cache"))));

        assertThat(ours.applied()).as(ours.detail()).isTrue();
        assertThat(mesh.withName("homeostat-db").get()).isNull();
        assertThat(theirs.applied()).isFalse();
        assertThat(theirs.detail()).contains("not the engine's");
        assertThat(mesh.withName("homeostat-cache").get()).isNotNull();
    }

    private void virtualService(String name, Map<String, String> labels) {
        client.genericKubernetesResources(IstioMesh.VIRTUAL_SERVICE).inNamespace(f.ns).resource(new GenericKubernetesResourceBuilder()
                .withApiVersion("networking.istio.io/v1").withKind("VirtualService")
                .withNewMetadata().withName(name).withNamespace(f.ns).withLabels(labels).endMetadata()
                .addToAdditionalProperties("spec", Map.of("hosts", List.of(name))).build()).create();
    }

    @Test
    void theMarksOfAnEarlierEngine_readBackAsTheMeasuresInForce_andSomeoneElsesCordonIsNotAmongThem() {
        f.node(node);
        f.node(node + "-maintenance");
        assertThat(cluster.execute(new ClusterAction.DrainNode(new Target(Target.Kind.NODE, null, node))).applied()).isTrue();
        client.nodes().withName(node + "-maintenance").edit(n -> new NodeBuilder(n).editOrNewSpec().withUnschedulable(true).endSpec().build());
        f.service("payments", Map.of("app", "payments"));
        f.service("cart", Map.of("app", "cart"));
        assertThat(cluster.execute(new ClusterAction.CircuitBreak(new Target(Target.Kind.SERVICE, f.ns, "payments"))).applied()).isTrue();
        virtualService("homeostat-db", Map.of(IstioMesh.MANAGED_BY, "homeostat"));
        virtualService("homeostat-cache", Map.of());

        assertThat(cluster.measuresInForce()).filteredOn(a -> a.target().namespace() == null || a.target().namespace().equals(f.ns))
                .filteredOn(a -> !(a.target().kind() == Target.Kind.NODE) || a.target().name().startsWith(node))
                .containsExactly(
                        new ClusterAction.CordonNode(new Target(Target.Kind.NODE, null, node)),
                        new ClusterAction.LimitRetries(new Target(Target.Kind.SERVICE, f.ns, "db")),
                        new ClusterAction.CircuitBreak(new Target(Target.Kind.SERVICE, f.ns, "payments")));
    }

    private void ready(String name, boolean ready) {
        client.nodes().withName(name).editStatus(n -> new NodeBuilder(n).editStatus()
                .withConditions(new io.fabric8.kubernetes.api.model.NodeConditionBuilder().withType("Ready").withStatus(ready ? "True" : "False").build())
                .endStatus().build());
    }

    @Test
    void theEngineOverTheLiveAdapter_drainsALostNode_andUncordonsItOnceItIsBack_aNewEngineLiftsWhatTheOldOneLeft() {
        f.node(node);
        f.node(node + "-b");
        var web = f.deployment("web", 2, 1, "web:1");
        f.replicaSet(web, "aaa", 2, "web:1");
        f.pod("web-aaa-1", "ReplicaSet", "web-aaa", node, true, Map.of("app", "web"));
        f.pod("web-aaa-2", "ReplicaSet", "web-aaa", node + "-b", true, Map.of("app", "web"));
        ready(node, false);
        var clock = new dev.homeostat.remediation.fakes.ManualClock(15_000);
        var metrics = new dev.homeostat.remediation.fakes.FakeMetrics();
        var journal = new dev.homeostat.remediation.fakes.Recorder();
        var policy = dev.homeostat.remediation.fakes.Harness.parse("""
                  rules:
                    - name: off-the-node
                      match: {signals: [mem]}
                      actions: [drain-node]
                  guards: {maxUnavailableFraction: 1.0}
                  liftAfter: 30s
                """);
        var engine = new dev.homeostat.remediation.Engine(policy, metrics, cluster, cluster, clock, journal, 1,
                dev.homeostat.remediation.fakes.TestDetectors.threshold());
        metrics.add("mem_ratio", Map.of("pod", "web-aaa-1", "namespace", f.ns, "service", "web"), 15_000, 0.95);
        engine.tick();
        assertThat(journal.executed()).as("held: %s", journal.held().stream().map(h -> h.guard() + ": " + h.detail()).toList())
                .singleElement().satisfies(a -> assertThat(a.applied()).as(a.detail()).isTrue());
        assertThat(client.nodes().withName(node).get().getSpec().getUnschedulable()).isTrue();
        assertThat(client.nodes().withName(node).get().getMetadata().getAnnotations()).containsKey(LiveLifts.CORDONED_BY);

        ready(node, true);
        for (long t = 30_000; t <= 75_000; t += 15_000) {
            clock.set(t);
            engine.tick();
        }

        assertThat(client.nodes().withName(node).get().getSpec().getUnschedulable()).isFalse();
        assertThat(journal.of(dev.homeostat.remediation.model.EngineEvent.ActionTaken.class)).extracting(a -> a.action().kind())
                .containsExactly("drain-node", "lift");

        // an engine that stopped left a drained node behind, lost; the next one lifts it once it is back
        assertThat(cluster.execute(new ClusterAction.DrainNode(new Target(Target.Kind.NODE, null, node))).applied()).isTrue();
        ready(node, false);
        var successor = new dev.homeostat.remediation.Engine(policy, metrics, cluster, cluster, clock, journal, 2,
                dev.homeostat.remediation.fakes.TestDetectors.threshold());
        clock.set(90_000);
        successor.tick();
        ready(node, true);
        for (long t = 105_000; t <= 150_000; t += 15_000) {
            clock.set(t);
            successor.tick();
        }
        assertThat(client.nodes().withName(node).get().getSpec().getUnschedulable()).isFalse();
        assertThat(journal.of(dev.homeostat.remediation.model.EngineEvent.ActionTaken.class)).last()
                .satisfies(a -> assertThat(a.rule()).isEqualTo("measures-in-force"));
    }
}
