package dev.homeostat.remediation.live.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.Engine;
import dev.homeostat.remediation.fakes.FakeMetrics;
import dev.homeostat.remediation.fakes.Harness;
import dev.homeostat.remediation.fakes.ManualClock;
import dev.homeostat.remediation.fakes.Recorder;
import dev.homeostat.remediation.fakes.TestDetectors;
import dev.homeostat.remediation.guard.GuardContext;
import dev.homeostat.remediation.guard.PdbGuard;
import dev.homeostat.remediation.guard.RolloutGuard;
import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.EngineEvent;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.policy.Mode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The PDB and rollout guards' vetoes, reading the cluster through the live adapter on the fabric8 CRUD mock server. */
@EnableKubernetesMockClient(crud = true)
class GuardsOnMockApiTest {
    static KubernetesClient client;
    private static final AtomicInteger NEXT = new AtomicInteger();

    private Fixtures f;
    private KubernetesCluster cluster;

    @BeforeEach
    void freshNamespace() {
        f = new Fixtures(client, "guards" + NEXT.incrementAndGet());
        cluster = new KubernetesCluster(client, f.ns);
    }

    private GuardContext context(boolean duringRollout) { return new GuardContext(0, "r", Mode.AUTO, cluster, duringRollout); }

    private void webWithTwoPods() {
        Deployment web = f.deployment("web", 2, 1, "web:1");
        f.replicaSet(web, "aaa", 1, "web:1");
        f.pod("web-aaa-1", "ReplicaSet", "web-aaa", "n1", true, Map.of("app", "web"));
        f.pod("web-aaa-2", "ReplicaSet", "web-aaa", "n1", true, Map.of("app", "web"));
    }

    private void rollingOut() {
        client.apps().deployments().inNamespace(f.ns).withName("web").editStatus(d -> { d.getStatus().setUpdatedReplicas(1); return d; });
    }

    private Target pod(String name) { return new Target(Target.Kind.POD, f.ns, name); }

    @Test
    void pdbGuard_vetoesRestartAndIsolation_whileTheBudgetAllowsNoDisruption() {
        webWithTwoPods();
        f.pdb("web-budget", "web", 0);
        var guard = new PdbGuard();

        assertThat(guard.veto(new ClusterAction.RestartPod(pod("web-aaa-1")), context(false)))
                .hasValueSatisfying(r -> assertThat(r).contains("PodDisruptionBudget " + f.ns + "/web-budget allows no disruption"));
        assertThat(guard.veto(new ClusterAction.IsolatePod(pod("web-aaa-1")), context(false))).isPresent();
        assertThat(guard.veto(new ClusterAction.Page(pod("web-aaa-1"), "help"), context(false))).isEmpty();
    }

    @Test
    void pdbGuard_allowsTheRestart_whenTheBudgetHasRoom() {
        webWithTwoPods();
        f.pdb("web-budget", "web", 1);

        assertThat(new PdbGuard().veto(new ClusterAction.RestartPod(pod("web-aaa-1")), context(false))).isEmpty();
    }

    @Test
    void pdbGuard_allowsRestartingAPodThatIsNotReady_evenWithTheBudgetSpent() {
        Deployment web = f.deployment("web", 2, 1, "web:1");
        f.replicaSet(web, "aaa", 1, "web:1");
        f.pod("web-aaa-1", "ReplicaSet", "web-aaa", "n1", true, Map.of("app", "web"));
        f.pod("web-aaa-2", "ReplicaSet", "web-aaa", "n1", false, Map.of("app", "web"));
        f.pdb("web-budget", "web", 0);
        var guard = new PdbGuard();

        // a crash-looping pod serves nobody: replacing it takes nothing from the budget (AlwaysAllow)
        assertThat(guard.veto(new ClusterAction.RestartPod(pod("web-aaa-2")), context(false))).isEmpty();
        assertThat(guard.veto(new ClusterAction.RestartPod(pod("web-aaa-1")), context(false))).isPresent();
    }

    @Test
    void rolloutGuard_vetoesDeploymentAndPodActions_duringARollout_unlessTheRuleAllowsIt() {
        webWithTwoPods();
        rollingOut();
        var guard = new RolloutGuard();
        var web = new Target(Target.Kind.DEPLOYMENT, f.ns, "web");

        assertThat(guard.veto(new ClusterAction.ScaleDeployment(web, 3), context(false)))
                .hasValueSatisfying(r -> assertThat(r).contains("is rolling out (updatedReplicas 1 of 2").contains("duringRollout: true"));
        assertThat(guard.veto(new ClusterAction.RestartPod(pod("web-aaa-1")), context(false))).isPresent();
        assertThat(guard.veto(new ClusterAction.RollbackDeployment(web), context(true))).isEmpty();
    }

    @Test
    void rolloutGuard_letsActionsThrough_onceTheRolloutSettled() {
        webWithTwoPods();

        assertThat(new RolloutGuard().veto(new ClusterAction.RollbackDeployment(new Target(Target.Kind.DEPLOYMENT, f.ns, "web")), context(false)))
                .isEmpty();
    }

    @Test
    void engine_overTheLiveAdapter_journalsThePdbVeto_andDeletesNothing() {
        webWithTwoPods();
        f.pdb("web-budget", "web", 0);
        var clock = new ManualClock(15_000);
        var metrics = new FakeMetrics();
        var journal = new Recorder();
        var policy = Harness.parse("""
                  rules:
                    - name: restart-leaking-pod
                      match: {signals: [mem]}
                      actions: [restart-pod]
                  guards: {maxUnavailableFraction: 0.5}
                """);
        var engine = new Engine(policy, metrics, cluster, cluster, clock, journal, 1, TestDetectors.threshold());
        metrics.add("mem_ratio", Map.of("pod", "web-aaa-1", "namespace", f.ns, "service", "web"), 15_000, 0.95);

        engine.tick();

        assertThat(journal.held()).singleElement()
                .satisfies(s -> assertThat(s.guard()).isEqualTo(PdbGuard.NAME));
        assertThat(journal.executed()).isEmpty();
        assertThat(client.pods().inNamespace(f.ns).list().getItems()).hasSize(2);
    }
}
