package dev.homeostat.testbed.serve;

import static dev.homeostat.testbed.serve.ClusterMirrorPodStatusTest.assertSameView;
import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.live.kubernetes.KubernetesCluster;
import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.remediation.port.PdbInfo;
import dev.homeostat.simulator.Simulation;
import dev.homeostat.simulator.cluster.DeploymentView;
import dev.homeostat.simulator.spec.SimulationSpec;
import dev.homeostat.testbed.scenario.ScenarioLoader;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the live engine's adapter reads of the mirrored workloads and budgets, against what the embedded engine's adapter
 * (testbed.run.SimulatedCluster) reads of the simulation at the same instant: every Deployment's and StatefulSet's
 * {@link DeploymentInfo} (a StatefulSet stateful, each strategy's maxUnavailable as the simulation resolves it), every
 * PodDisruptionBudget's {@link PdbInfo}, through rollouts and a drain.
 */
@EnableKubernetesMockClient(crud = true)
class ClusterMirrorWorkloadsTest {
    /** An API server of each test's own. */
    KubernetesClient client;

    @TempDir Path dir;

    /**
     * Strategies of each kind (percentages, counts, Kubernetes' default, a maxSurge of 0 with a percentage that rounds to no
     * pod), a StatefulSet rolling 2 members at a time, budgets of each kind; a rollout of web and of db at 2m, node-1
     * drained from 5m for 5m.
     */
    private static final String SCENARIO = """
            apiVersion: homeostat.dev/v1alpha1
            kind: Scenario
            metadata: {name: workloads}
            spec:
              duration: 30m
              scrapeInterval: 15s
              seed: 1
              cluster:
                nodePool: {prefix: node, count: 3, cpu: 8, memory: 32Gi}
                deployments:
                  - {name: web, replicas: 4, strategy: {maxSurge: 50%, maxUnavailable: 50%}, container: {cpuRequest: 250m, startupTime: 20s}}
                  - {name: worker, replicas: 3, strategy: {maxSurge: 0, maxUnavailable: 10%}, container: {cpuRequest: 250m}}
                  - {name: api, replicas: 3, container: {cpuRequest: 250m}}
                  - {name: batch, replicas: 6, strategy: {maxSurge: 2, maxUnavailable: 2}, container: {cpuRequest: 250m}}
                  - {name: db, kind: StatefulSet, replicas: 4, strategy: {maxUnavailable: 50%}, container: {cpuRequest: 250m, startupTime: 20s}}
                services:
                  - {name: web, requestsPerSecond: 20}
                  - {name: db, requestsPerSecond: 0}
                pdbs:
                  - {name: web, selector: {app: web}, minAvailable: 50%}
                  - {name: worker, selector: {app: worker}, maxUnavailable: 1}
                  - {name: db, selector: {app: db}, maxUnavailable: 34%}
              changes:
                - {type: rollout, target: {deployment: web}, at: 2m}
                - {type: rollout, target: {deployment: db}, at: 2m}
                - {type: drain, target: {node: node-1}, at: 5m, duration: 5m}
              engine: {policy: POLICY}
            """;

    private final AtomicReference<ClusterMirror> mirror = new AtomicReference<>();

    private Simulation start() throws Exception {
        Path policy = Path.of("..", "remediation", "policies", "default.yaml").toAbsolutePath().normalize();
        Path file = Files.writeString(dir.resolve("workloads.yaml"), SCENARIO.replace("POLICY", policy.toString()));
        SimulationSpec spec = new ScenarioLoader().load(file).simulation();
        var sim = new Simulation(spec, 1, e -> { if (mirror.get() != null) mirror.get().on(e); });
        mirror.set(new ClusterMirror(client, spec, dev.homeostat.chaos.TargetCluster.scenario(null), l -> { }));
        mirror.get().init(sim);
        sim.runUntil(30_000);
        mirror.get().sync(sim);
        return sim;
    }

    @Test
    void everyDeployment_hasTheSimulationsMaxUnavailable_inTheLiveView_itsStrategyWrittenAsTheScenarioGivesIt() throws Exception {
        Simulation sim = start();
        var live = new KubernetesCluster(client, null);
        assertThat(assertSameWorkloads(sim, live)).filteredOn(d -> !d.stateful()).extracting(DeploymentInfo::name, DeploymentInfo::maxUnavailable)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("api", 0), org.assertj.core.groups.Tuple.tuple("batch", 2),
                        org.assertj.core.groups.Tuple.tuple("web", 2), org.assertj.core.groups.Tuple.tuple("worker", 1));
        var web = client.apps().deployments().inNamespace("default").withName("web").get().getSpec().getStrategy();
        assertThat(web.getType()).isEqualTo("RollingUpdate");
        assertThat(web.getRollingUpdate().getMaxUnavailable()).isEqualTo(new IntOrString("50%"));
        var batch = client.apps().deployments().inNamespace("default").withName("batch").get().getSpec().getStrategy().getRollingUpdate();
        assertThat(List.of(batch.getMaxSurge(), batch.getMaxUnavailable())).containsExactly(new IntOrString(2), new IntOrString(2));
        var api = client.apps().deployments().inNamespace("default").withName("api").get().getSpec().getStrategy().getRollingUpdate();
        assertThat(api.getMaxUnavailable()).isEqualTo(new IntOrString("25%")); // left out: as the API server defaults it

        boolean midRollout = false;
        while (sim.now() < 4 * 60_000) {
            step(sim);
            midRollout |= sim.deployment("default", "web").orElseThrow().rolloutInProgress();
            assertSameWorkloads(sim, live);
        }
        assertThat(midRollout).isTrue();
    }

    @Test
    void aStatefulSet_isOneInTheLiveView_statefulAtItsRevision_andItsPodsAtTheirs_throughARollout() throws Exception {
        Simulation sim = start();
        var live = new KubernetesCluster(client, null);
        assertThat(assertSameWorkloads(sim, live)).filteredOn(DeploymentInfo::stateful).singleElement()
                .satisfies(d -> assertThat(List.of(d.name(), d.maxUnavailable(), d.revision())).containsExactly("db", 2, 1));
        assertThat(client.apps().deployments().inNamespace("default").withName("db").get()).isNull();
        var db = client.apps().statefulSets().inNamespace("default").withName("db").get();
        assertThat(db.getSpec().getServiceName()).isEqualTo("db");
        assertThat(db.getSpec().getUpdateStrategy().getRollingUpdate().getMaxUnavailable()).isEqualTo(new IntOrString("50%"));
        assertThat(client.pods().inNamespace("default").withName("db-0").get().getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> {
                    assertThat(o.getKind()).isEqualTo("StatefulSet");
                    assertThat(o.getUid()).isEqualTo(db.getMetadata().getUid());
                });

        boolean rolled = false;
        while (sim.now() < 4 * 60_000) {
            step(sim);
            DeploymentView view = sim.deployment("default", "db").orElseThrow();
            rolled |= view.revision() == 2 && view.updatedReplicas() < view.replicas();
            assertSameWorkloads(sim, live);
            assertSameView(sim, live);
        }
        assertThat(rolled).isTrue();
        assertThat(live.deployment("default", "db")).hasValueSatisfying(d -> {
            assertThat(d.revision()).isEqualTo(2);
            assertThat(d.rollbackTo()).isEqualTo(1);
        });
    }

    @Test
    void everyBudget_isInTheLiveView_asTheSimulationCountsIt_throughADrain() throws Exception {
        Simulation sim = start();
        var live = new KubernetesCluster(client, null);
        assertThat(assertSameBudgets(sim, live)).extracting(PdbInfo::name).containsExactly("db", "web", "worker");
        var web = client.policy().v1().podDisruptionBudget().inNamespace("default").withName("web").get();
        assertThat(web.getSpec().getMinAvailable()).isEqualTo(new IntOrString("50%"));
        assertThat(web.getSpec().getSelector().getMatchLabels()).containsEntry("app", "web");
        assertThat(List.of(web.getStatus().getCurrentHealthy(), web.getStatus().getDesiredHealthy(), web.getStatus().getExpectedPods()))
                .containsExactly(4, 2, 4);
        assertThat(web.getStatus().getObservedGeneration()).isEqualTo(web.getMetadata().getGeneration());

        boolean heldBack = false;
        while (sim.now() < 8 * 60_000) {
            step(sim);
            heldBack |= sim.pdbs().stream().anyMatch(p -> p.disruptionsAllowed() == 0);
            assertSameBudgets(sim, live);
        }
        assertThat(heldBack).as("a budget with no disruption left, during the drain").isTrue();
    }

    /**
     * Every workload as the live adapter reads it from the API against the simulation's view, as the embedded engine's
     * adapter reads that; the live workloads, in order. Two fields are compared as far as the API can hold them: the
     * generations by how far the controller lags (the API server counts its own, every spec write of the mirror's
     * included), and not when a revision began (the API server stamps a ReplicaSet's or ControllerRevision's
     * creationTimestamp with its own wall clock, which {@code sim serve}'s pacer maps virtual time to, a test's does not).
     */
    static List<DeploymentInfo> assertSameWorkloads(Simulation sim, KubernetesCluster live) {
        live.forget();
        List<DeploymentInfo> infos = live.deployments();
        assertThat(infos).extracting(DeploymentInfo::name).containsExactlyElementsOf(sim.deployments().stream().map(DeploymentView::name).toList());
        for (DeploymentView d : sim.deployments()) {
            DeploymentInfo info = infos.stream().filter(i -> i.namespace().equals(d.namespace()) && i.name().equals(d.name())).findFirst().orElseThrow();
            var expected = new DeploymentInfo(d.namespace(), d.name(), d.replicas(), d.readyReplicas(), d.updatedReplicas(), d.generation(),
                    d.observedGeneration(), d.revision(), d.revisionSince(), d.rollbackTo(), null, d.stateful(), d.maxUnavailable());
            assertThat(comparable(info)).as(d.name() + " at " + sim.now()).isEqualTo(comparable(expected));
        }
        return infos;
    }

    private static DeploymentInfo comparable(DeploymentInfo d) {
        return new DeploymentInfo(d.namespace(), d.name(), d.replicas(), d.readyReplicas(), d.updatedReplicas(), d.generation() - d.observedGeneration(),
                0, d.revision(), Long.MIN_VALUE, d.rollbackTo(), d.rollout(), d.stateful(), d.maxUnavailable());
    }

    /** Every budget as the live adapter reads it against the simulation's, as the embedded engine's adapter reads that. */
    static List<PdbInfo> assertSameBudgets(Simulation sim, KubernetesCluster live) {
        live.forget();
        List<PdbInfo> expected = sim.pdbs().stream().map(p -> new PdbInfo(p.namespace(), p.name(), p.disruptionsAllowed(), p.pods())).toList();
        List<PdbInfo> infos = live.pdbs();
        assertThat(infos).as("at " + sim.now()).isEqualTo(expected);
        return infos;
    }

    /** One slice of {@code sim serve} at 30× (6 virtual seconds), off the simulation's own grid. */
    private void step(Simulation sim) {
        mirror.get().readBack(sim);
        sim.runUntil(sim.now() + 6_017);
        mirror.get().sync(sim);
    }
}
