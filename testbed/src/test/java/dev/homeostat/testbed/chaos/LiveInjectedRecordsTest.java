package dev.homeostat.testbed.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homeostat.chaos.model.Schedule;
import dev.homeostat.reports.journal.JournalEvent;
import dev.homeostat.testbed.chaos.LiveRunResult.Outcome;
import io.fabric8.chaosmesh.v1alpha1.ExperimentStatus;
import io.fabric8.chaosmesh.v1alpha1.PodChaos;
import io.fabric8.chaosmesh.v1alpha1.PodChaosStatus;
import io.fabric8.chaosmesh.v1alpha1.Record;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chaos Mesh draws {@code mode} itself: a PodChaos of mode one over three matching pods hits one, and says which in
 * {@code status.experiment.containerRecords}. The run's targets are then that pod only; without records, the selector's.
 */
@EnableKubernetesMockClient(crud = true)
class LiveInjectedRecordsTest {
    static KubernetesClient client;
    private static final java.util.logging.Logger MOCK_LOG = LiveChaosRunTest.quiet();
    private static final AtomicInteger NEXT = new AtomicInteger();

    @TempDir Path dir;
    private String ns;
    private final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void freshNamespace() {
        ns = "rec" + NEXT.incrementAndGet();
    }

    private void pod(String name) {
        client.pods().inNamespace(ns).resource(new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(ns).addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("img").endContainer().endSpec()
                .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
                .build()).create();
    }

    private void ready(String name, boolean ready) {
        client.pods().inNamespace(ns).withName(name).edit(p -> new PodBuilder(p).editStatus()
                .editFirstCondition().withStatus(ready ? "True" : "False").endCondition().endStatus().build());
    }

    /** What Chaos Mesh's controller writes once it has injected: one record per target it drew. */
    private void injected(String id) {
        var record = new Record();
        record.setId(id);
        record.setSelectorKey(".");
        record.setPhase("Injected");
        record.setAdditionalProperty("injectedCount", 1);
        client.resources(PodChaos.class).inNamespace(ns).withName("fail-one").edit(pc -> {
            pc.setStatus(new PodChaosStatus(List.of(), new ExperimentStatus(List.of(record), "Run")));
            return pc;
        });
    }

    /**
     * A pod-failure of mode one over web-1..3; at the first poll Chaos Mesh records {@code recordId} (null: no status
     * ever), then web-3 — matched by the selector — goes not ready and back, and a new web-4 appears (seen after web-3's
     * change on the same watch, so that change has been through the run when web-4 is logged).
     */
    private LiveRunResult run(String recordId) throws IOException {
        for (String p : List.of("web-1", "web-2", "web-3")) pod(p);
        Path manifest = dir.resolve("fail-one.yaml");
        Files.writeString(manifest, """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: PodChaos
                metadata: {name: fail-one, namespace: %s}
                spec:
                  action: pod-failure
                  mode: one
                  duration: 30s
                  selector: {labelSelectors: {app: web}}
                """.formatted(ns));
        var calls = new AtomicInteger();
        SloProbe probe = now -> {
            int n = calls.getAndIncrement();
            if (n == 0 && recordId != null) injected(recordId);
            if (n == 2) {
                ready("web-3", false);
                pod("web-4");
                await().atMost(Duration.ofSeconds(20)).until(() -> log.contains("pod/" + ns + "/web-4: pod created"));
            }
            if (n == 4) ready("web-3", true);
            return List.of();
        };
        var options = new LiveRunOptions(null, Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofMinutes(5), 0.01,
                dir.resolve("out"), "run-" + ns);
        return new LiveChaosRun(manifest, client, probe, new ManualClock(5), options, log::add).run();
    }

    private static <T extends JournalEvent> List<T> events(LiveRunResult r, Class<T> type) {
        return r.journal().events().stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void modeOne_theRecordedPodIsTheOnlyTarget_andAnotherMatchingPodsEventsDoNotCount() throws IOException {
        LiveRunResult result = run(ns + "/web-2");

        assertThat(result.outcome()).isEqualTo(Outcome.RECOVERED);
        assertThat(result.targets()).containsExactly("pod/" + ns + "/web-2");
        assertThat(result.signalMoved()).isFalse(); // only web-3 (spared) changed, and web-4 is no target
        String text = "Chaos Mesh injected 1 of the 3 selected pods: " + ns + "/web-2";
        assertThat(log).contains("PodChaos/" + ns + "/fail-one: " + text);
        assertThat(events(result, JournalEvent.FaultStarted.class)).singleElement()
                .satisfies(f -> assertThat(f.targets()).containsExactly("pod/" + ns + "/web-2"));
        assertThat(events(result, JournalEvent.ClusterEvent.class)).extracting(JournalEvent.ClusterEvent::target)
                .doesNotContain("pod/" + ns + "/web-3").contains("fault/fail-one", "pod/" + ns + "/web-4");
        assertThat(events(result, JournalEvent.ClusterEvent.class)).extracting(JournalEvent.ClusterEvent::what).contains(text);
        assertThat(log).doesNotContain("pod/" + ns + "/web-3: pod not ready");
        assertThat(result.detail()).doesNotContain("targets by selector");
    }

    @Test
    void noStatus_theSelectorsPodsStayTargets_andTheRunSaysSoOnce() throws IOException {
        LiveRunResult result = run(null);

        assertThat(result.outcome()).isEqualTo(Outcome.RECOVERED);
        assertThat(result.targets()).containsExactly("pod/" + ns + "/web-1", "pod/" + ns + "/web-2", "pod/" + ns + "/web-3");
        assertThat(result.signalMoved()).isTrue(); // web-3 is a target now
        String note = "targets by selector: Chaos Mesh reported no status.experiment.containerRecords for PodChaos/" + ns + "/fail-one";
        assertThat(result.detail()).contains(note);
        assertThat(log).containsOnlyOnce(note);
        // the journal is as it was before records were read: no note on the fault
        assertThat(events(result, JournalEvent.ClusterEvent.class)).extracting(JournalEvent.ClusterEvent::target).doesNotContain("fault/fail-one");
        assertThat(log).contains("pod/" + ns + "/web-3: pod not ready");
    }

    @Test
    void aContainerRecord_namesItsPod() throws IOException {
        LiveRunResult result = run(ns + "/web-1/c");

        assertThat(result.targets()).containsExactly("pod/" + ns + "/web-1");
        assertThat(log).contains("PodChaos/" + ns + "/fail-one: Chaos Mesh injected 1 of the 3 selected pods: " + ns + "/web-1");
    }

    /** Chaos Mesh's schedule controller at a firing: a PodChaos owned by the Schedule, recording {@code pod}, alone in its status.active. */
    private void firing(String child, String pod) {
        var experiment = Serialization.unmarshal("""
                apiVersion: chaos-mesh.org/v1alpha1
                kind: PodChaos
                metadata: {name: %s, namespace: %s}
                spec: {action: pod-kill, mode: one, selector: {labelSelectors: {app: web}}}
                status: {experiment: {containerRecords: [{id: %s/%s, selectorKey: ".", phase: Injected, injectedCount: 1}]}}
                """.formatted(child, ns, ns, pod), PodChaos.class);
        client.resources(PodChaos.class).inNamespace(ns).resource(experiment).create();
        client.resources(Schedule.class).inNamespace(ns).withName("every-minute").edit(s -> {
            s.setStatus(LiveChaosRun.SERIALIZATION.convertValue(Map.of("active",
                    List.of(Map.of("kind", "PodChaos", "namespace", ns, "name", child))), JsonNode.class));
            return s;
        });
    }

    /** A Schedule of a mode-one pod-kill every minute over web-1..3; {@code firings} plays Chaos Mesh at the n-th poll. */
    private LiveRunResult schedule(Map<Integer, Runnable> firings) throws IOException {
        for (String p : List.of("web-1", "web-2", "web-3")) pod(p);
        Path manifest = dir.resolve("every-minute.yaml");
        Files.writeString(manifest, """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: Schedule
                metadata: {name: every-minute, namespace: %s}
                spec:
                  schedule: "@every 1m"
                  type: PodChaos
                  historyLimit: 1
                  concurrencyPolicy: Forbid
                  podChaos:
                    action: pod-kill
                    mode: one
                    selector: {labelSelectors: {app: web}}
                """.formatted(ns));
        var calls = new AtomicInteger();
        SloProbe probe = now -> {
            Runnable r = firings.get(calls.getAndIncrement());
            if (r != null) r.run();
            return List.of();
        };
        var options = new LiveRunOptions(null, Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofMinutes(5), 0.01,
                dir.resolve("out"), "run-" + ns);
        return new LiveChaosRun(manifest, client, probe, new ManualClock(5), options, log::add).run();
    }

    @Test
    void aSchedulesLaterFiring_addsThePodsItsRecordsName() throws IOException {
        LiveRunResult result = schedule(Map.of(1, () -> firing("every-minute-x7k2p", "web-3"), 3, () -> firing("every-minute-b4n1q", "web-1")));

        assertThat(result.targets()).containsExactly("pod/" + ns + "/web-1", "pod/" + ns + "/web-3");
        assertThat(log).contains("Schedule/" + ns + "/every-minute: Chaos Mesh injected 2 of the 3 selected pods: " + ns + "/web-1, " + ns + "/web-3");
    }

    @Test
    void aSchedule_narrowsToTheRecordsOfTheExperimentsItCreated() throws IOException {
        LiveRunResult result = schedule(Map.of(1, () -> firing("every-minute-x7k2p", "web-3")));

        assertThat(result.targets()).containsExactly("pod/" + ns + "/web-3");
        assertThat(log).contains("Schedule/" + ns + "/every-minute: Chaos Mesh injected 1 of the 3 selected pods: " + ns + "/web-3");
        assertThat(result.detail()).doesNotContain("targets by selector");
    }

    @Test
    void recordIds_areNsPod_orNsPodContainer_andNothingElseIsAPod() {
        JsonNode status = LiveChaosRun.SERIALIZATION.convertValue(Map.of("status", Map.of("experiment", Map.of("containerRecords", List.of(
                Map.of("id", "shop/web-1"), Map.of("id", "shop/web-2/sidecar"), Map.of("id", "10.0.0.7:31767"), Map.of("id", "a/b/c/d"))))),
                JsonNode.class);

        assertThat(InjectedRecords.pods(status)).containsExactly("shop/web-1", "shop/web-2");
        assertThat(InjectedRecords.pods(LiveChaosRun.SERIALIZATION.convertValue(Map.of("spec", Map.of()), JsonNode.class))).isEmpty();
    }

    @Test
    void aNetworkChaossTargetRecords_areTheOtherEndOfItsCalls_notItsTargets() {
        JsonNode status = LiveChaosRun.SERIALIZATION.convertValue(Map.of("status", Map.of("experiment", Map.of("containerRecords", List.of(
                Map.of("id", "shop/web-1", "selectorKey", "."), Map.of("id", "shop/db-1", "selectorKey", ".Target"),
                Map.of("id", "shop/web-2", "selectorKey", ".Target"))))), JsonNode.class);

        assertThat(InjectedRecords.pods(status)).containsExactly("shop/web-1");
    }
}
