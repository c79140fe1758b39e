package dev.homeostat.testbed.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.homeostat.reports.journal.JournalEvent;
import io.fabric8.chaosmesh.v1alpha1.PodChaos;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An experiment naming {@code spec.remoteCluster} is applied to the kubeconfig's cluster (its Chaos Mesh forwards it) and
 * its pods are watched in the remote cluster, through the kubeconfig's context of that name — or, without one, not
 * watched, and the run says so. Two mock API servers stand for the two clusters.
 */
class LiveRemoteClusterTest {
    private static final java.util.logging.Logger MOCK_LOG = LiveChaosRunTest.quiet();
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static KubernetesMockServer localApi;
    private static KubernetesMockServer remoteApi;
    static KubernetesClient local;
    static KubernetesClient remote;

    @TempDir Path dir;
    private final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void clusters() {
        localApi = crudServer();
        remoteApi = crudServer();
        local = localApi.createClient();
        remote = remoteApi.createClient();
    }

    static KubernetesMockServer crudServer() {
        var api = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        api.init();
        return api;
    }

    @AfterAll
    static void stop() {
        local.close();
        remote.close();
        localApi.destroy();
        remoteApi.destroy();
    }

    private Path remoteKill(String ns) throws IOException {
        Path file = dir.resolve("remote-kill.yaml");
        Files.writeString(file, """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: PodChaos
                metadata: {name: kill-web, namespace: %s}
                spec:
                  action: pod-kill
                  mode: all
                  remoteCluster: eu-west
                  selector: {labelSelectors: {app: web}}
                """.formatted(ns));
        return file;
    }

    private LiveRunOptions options(String ns) {
        return new LiveRunOptions(null, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(5), 0.01, dir.resolve("out"), "r-" + ns);
    }

    @Test
    void withAContextOfThatName_thePodsAreLookedUpAndWatchedThere_andTheExperimentIsAppliedHere() throws IOException {
        String ns = "rc" + NEXT.incrementAndGet();
        local.pods().inNamespace(ns).resource(LiveSelectionTest.pod(ns, "web-here", "n", "Running").build()).create();
        remote.pods().inNamespace(ns).resource(LiveSelectionTest.pod(ns, "web-there", "n", "Running").build()).create();
        var appliedHere = new AtomicInteger();
        var calls = new AtomicInteger();
        SloProbe probe = now -> {
            if (calls.getAndIncrement() == 1) {
                appliedHere.set(local.resources(PodChaos.class).inNamespace(ns).list().getItems().size());
                remote.pods().inNamespace(ns).withName("web-there").delete();
                await().atMost(Duration.ofSeconds(20)).until(() -> log.contains("pod/" + ns + "/web-there: pod deleted"));
            }
            return List.of();
        };
        var remotes = RemoteClusters.of(Set.of("eu-west"), name -> remote);

        LiveRunResult result = new LiveChaosRun(remoteKill(ns), local, remotes, probe, new ManualClock(5), options(ns), log::add).run();

        assertThat(result.targets()).containsExactly("pod/" + ns + "/web-there");
        assertThat(appliedHere.get()).as("applied to the kubeconfig's cluster, whose Chaos Mesh forwards it").isEqualTo(1);
        assertThat(remote.resources(PodChaos.class).inNamespace(ns).list().getItems()).isEmpty();
        assertThat(local.resources(PodChaos.class).inNamespace(ns).list().getItems()).as("deleted after the run").isEmpty();
        assertThat(result.signalMoved()).isTrue();
        assertThat(result.detail()).doesNotContain("not watched");
    }

    @Test
    void withoutAContext_theRunSaysItsPodsAreNotWatched_notThatNothingMatched() throws IOException {
        String ns = "rc" + NEXT.incrementAndGet();
        local.pods().inNamespace(ns).resource(LiveSelectionTest.pod(ns, "web-here", "n", "Running").build()).create();
        var remotes = RemoteClusters.of(Set.of("us-east"), name -> remote);

        LiveRunResult result = new LiveChaosRun(remoteKill(ns), local, remotes, SloProbe.NONE, new ManualClock(5), options(ns), log::add).run();

        assertThat(result.created()).containsExactly("PodChaos/" + ns + "/kill-web");
        assertThat(result.targets()).isEmpty();
        assertThat(log).filteredOn(l -> l.startsWith("applied ")).singleElement().asString()
                .contains("not watched: the experiment runs in cluster eu-west, which the kubeconfig has no context for, so its pods are not watched")
                .doesNotContain("nothing matched");
        assertThat(result.journal().events()).filteredOn(JournalEvent.ClusterEvent.class::isInstance)
                .map(e -> ((JournalEvent.ClusterEvent) e).target() + ": " + ((JournalEvent.ClusterEvent) e).what())
                .singleElement().asString().startsWith("fault/kill-web: not watched: the experiment runs in cluster eu-west");
        assertThat(result.detail()).contains("not watched: cluster eu-west (no kubeconfig context)");
    }

    @Test
    void aClientIsOpenedOnlyForAContextAskedFor_andClosedWithTheClusters() {
        var opened = new CopyOnWriteArrayList<String>();
        try (var remotes = RemoteClusters.of(List.of("eu-west", "us-east"), name -> {
            opened.add(name);
            return remoteApi.createClient();
        })) {
            Optional<KubernetesClient> eu = remotes.client("eu-west");
            assertThat(eu).isPresent();
            assertThat(remotes.client("eu-west")).containsSame(eu.get());
            assertThat(remotes.client("ap-south")).isEmpty();
            assertThat(opened).containsExactly("eu-west");
        }
    }

    @Test
    void aWorkflowStepNamingAnotherCluster_isWatchedThere_orSaidNotWatched_whileItsLocalStepsAreWatchedHere() throws IOException {
        String ns = "rc" + NEXT.incrementAndGet();
        local.pods().inNamespace(ns).resource(LiveSelectionTest.pod(ns, "web-here", "n", "Running").build()).create();
        remote.pods().inNamespace(ns).resource(LiveSelectionTest.pod(ns, "web-there", "n", "Running").build()).create();
        Path file = dir.resolve("workflow.yaml");
        Files.writeString(file, """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: Workflow
                metadata: {name: day, namespace: %s}
                spec:
                  entry: day
                  templates:
                    - {name: day, templateType: Serial, deadline: 5m, children: [here, there]}
                    - name: here
                      templateType: PodChaos
                      deadline: 1m
                      podChaos: {action: pod-failure, mode: all, selector: {labelSelectors: {app: web}}}
                    - name: there
                      templateType: PodChaos
                      deadline: 1m
                      podChaos: {action: pod-failure, mode: all, remoteCluster: eu-west, selector: {labelSelectors: {app: web}}}
                """.formatted(ns));

        LiveRunResult watched = new LiveChaosRun(file, local, RemoteClusters.of(Set.of("eu-west"), name -> remote), SloProbe.NONE,
                new ManualClock(1), options(ns), log::add).run();
        assertThat(watched.journal().events()).filteredOn(JournalEvent.FaultStarted.class::isInstance)
                .map(e -> ((JournalEvent.FaultStarted) e).fault() + " " + ((JournalEvent.FaultStarted) e).targets())
                .containsExactly("day-here [pod/" + ns + "/web-here]", "day-there [pod/" + ns + "/web-there]");

        log.clear();
        LiveRunResult unwatched = new LiveChaosRun(file, local, RemoteClusters.NONE, SloProbe.NONE, new ManualClock(1), options(ns), log::add).run();
        assertThat(unwatched.journal().events()).filteredOn(JournalEvent.FaultStarted.class::isInstance)
                .map(e -> ((JournalEvent.FaultStarted) e).fault() + " " + ((JournalEvent.FaultStarted) e).targets())
                .containsExactly("day-here [pod/" + ns + "/web-here]", "day-there []");
        assertThat(unwatched.journal().events()).filteredOn(JournalEvent.ClusterEvent.class::isInstance)
                .map(e -> ((JournalEvent.ClusterEvent) e).target()).containsExactly("fault/day-there");
        assertThat(log).anyMatch(l -> l.startsWith("  step day-there") && l.contains("0 target pod(s) — not watched: the experiment runs in cluster eu-west"));
        assertThat(unwatched.detail()).contains("not watched: cluster eu-west");
    }
}
