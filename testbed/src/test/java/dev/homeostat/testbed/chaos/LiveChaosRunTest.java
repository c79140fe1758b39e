package dev.homeostat.testbed.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.homeostat.reports.journal.Journal;
import dev.homeostat.reports.journal.JournalEvent;
import dev.homeostat.reports.journal.JournalIo;
import dev.homeostat.testbed.chaos.LiveRunResult.Outcome;
import io.fabric8.chaosmesh.v1alpha1.PodChaos;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live runner against the fabric8 mock API server in CRUD mode: every way a run ends leaves nothing behind. */
@EnableKubernetesMockClient(crud = true)
class LiveChaosRunTest {
    static KubernetesClient client;
    // The mock server logs every request at INFO; held strongly so the level sticks.
    private static final java.util.logging.Logger MOCK_LOG = quiet();
    private static final AtomicInteger NEXT = new AtomicInteger();

    @TempDir Path dir;
    private String ns;

    static java.util.logging.Logger quiet() {
        var logger = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }
    private final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void freshNamespace() {
        ns = "chaos" + NEXT.incrementAndGet();
    }

    // --- fixtures -------------------------------------------------------------------------------

    private Path manifest(String name, String action, String duration, String app) throws IOException {
        String yaml = """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: PodChaos
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  action: %s
                  mode: all
                  selector:
                    labelSelectors:
                      app: %s
                """.formatted(name, ns, action, app) + (duration == null ? "" : "  duration: \"" + duration + "\"\n");
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private void pod(String name, String app, boolean ready) {
        client.pods().inNamespace(ns).resource(new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(ns).addToLabels("app", app).endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("img").endContainer().endSpec()
                .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .addNewContainerStatus().withName("c").withRestartCount(0).endContainerStatus().endStatus()
                .build()).create();
    }

    private void service(String name, String app) {
        client.services().inNamespace(ns).resource(new ServiceBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withNewSpec().addToSelector("app", app).endSpec().build()).create();
    }

    private List<PodChaos> experiments() {
        return client.resources(PodChaos.class).inNamespace(ns).list().getItems();
    }

    private LiveRunOptions options(Duration observe, Duration timeout) {
        return new LiveRunOptions(null, Duration.ofSeconds(5), observe, timeout, 0.01, dir.resolve("out"), "run-" + ns);
    }

    private LiveChaosRun run(Path manifest, SloProbe slo, LiveRunOptions options) {
        return new LiveChaosRun(manifest, client, slo, new ManualClock(5), options, log::add);
    }

    /** A probe that remembers, on its first call, what the API server held then (the run is between apply and delete). */
    private final class Spy implements SloProbe {
        final AtomicInteger calls = new AtomicInteger();
        volatile List<PodChaos> seenDuringRun;
        private final SloProbe next;

        Spy(SloProbe next) { this.next = next; }

        @Override public List<SloReading> read(long nowMillis) {
            if (calls.getAndIncrement() == 0) seenDuringRun = experiments();
            return next.read(nowMillis);
        }
    }

    /** Waits until the run has seen a pod event: watch events arrive on the client's threads. */
    private void awaitLogged(String line) {
        await().atMost(Duration.ofSeconds(20)).until(() -> log.contains(line));
    }

    private static <T extends JournalEvent> List<T> events(Journal j, Class<T> type) {
        return j.events().stream().filter(type::isInstance).map(type::cast).toList();
    }

    // --- the paths ------------------------------------------------------------------------------

    @Test
    void success_appliesLabelledExperiment_recordsTargetsAndServices_thenDeletesIt() throws IOException {
        pod("frontend-2", "frontend", true);
        pod("frontend-1", "frontend", true);
        pod("cart-1", "cart", true);
        service("frontend", "frontend");
        var spy = new Spy(SloProbe.NONE);

        LiveRunResult result = run(manifest("kill-frontend", "pod-kill", null, "frontend"), spy, options(Duration.ofMinutes(1), Duration.ofMinutes(10))).run();

        assertThat(result.outcome()).isEqualTo(Outcome.RECOVERED);
        assertThat(result.cleanedUp()).isTrue();
        assertThat(spy.seenDuringRun).singleElement().satisfies(p -> {
            assertThat(p.getMetadata().getName()).isEqualTo("kill-frontend");
            assertThat(p.getMetadata().getLabels()).containsEntry(LiveChaosRun.MANAGED_BY_LABEL, "homeostat")
                    .containsEntry(LiveChaosRun.RUN_ID_LABEL, "run-" + ns);
        });
        assertThat(experiments()).isEmpty();
        assertThat(result.created()).containsExactly("PodChaos/" + ns + "/kill-frontend");

        Journal journal = JournalIo.read(result.journalFile());
        assertThat(journal.engine()).isFalse();
        assertThat(journal.scenario()).isEqualTo("kill-frontend");
        var started = events(journal, JournalEvent.FaultStarted.class);
        assertThat(started).singleElement().satisfies(f -> {
            assertThat(f.fault()).isEqualTo("kill-frontend");
            assertThat(f.kind()).isEqualTo("PodChaos/pod-kill");
            assertThat(f.targets()).containsExactly("pod/" + ns + "/frontend-1", "pod/" + ns + "/frontend-2");
            assertThat(f.services()).containsExactly("service/" + ns + "/frontend");
            assertThat(f.tookEffect()).isTrue();
            assertThat(f.end()).isEqualTo(f.t()); // instant, as the simulator journals it
        });
        assertThat(events(journal, JournalEvent.FaultEnded.class)).extracting(JournalEvent.FaultEnded::fault).containsExactly("kill-frontend");
        assertThat(journal.events().getLast()).isInstanceOf(JournalEvent.RunEnded.class);
        // Instant kind: watched for the whole --observe window.
        assertThat(journal.events().getLast().t()).isGreaterThanOrEqualTo(Duration.ofMinutes(1).toMillis());
    }

    @Test
    void durationExperiment_sloFromPrometheus_violatedThenRestoredByTheFaultsEnd_podChangesJournaled() throws IOException {
        pod("frontend-1", "frontend", true);
        pod("frontend-2", "frontend", true);
        service("frontend", "frontend");
        // Calls 0-1 healthy, 2-7 (10s..35s) failing, then healthy again: the violation outlives the 30s fault window.
        try (var prometheus = new StubPrometheus(ns, n -> n >= 2 && n <= 7 ? "0.2" : "0.001")) {
            var deleted = new AtomicInteger();
            SloProbe prom = new PrometheusSloProbe(prometheus.url(), "sum by (service) (rate(errors[1m]))", Duration.ofSeconds(5), ns);
            SloProbe probe = now -> {
                // What Chaos Mesh's pod-failure shows from outside: a pod goes not ready, and comes back.
                int n = deleted.getAndIncrement();
                if (n == 1) {
                    client.pods().inNamespace(ns).withName("frontend-1").edit(p -> new PodBuilder(p).editStatus()
                            .editFirstCondition().withStatus("False").endCondition().endStatus().build());
                    awaitLogged("pod/" + ns + "/frontend-1: pod not ready");
                }
                if (n == 4) {
                    client.pods().inNamespace(ns).withName("frontend-1").edit(p -> new PodBuilder(p).editStatus()
                            .editFirstCondition().withStatus("True").endCondition().endStatus().build());
                    awaitLogged("pod/" + ns + "/frontend-1: pod ready");
                }
                return prom.read(now);
            };
            var clock = new ManualClock(5);
            LiveRunResult result = new LiveChaosRun(manifest("fail-frontend", "pod-failure", "30s", "frontend"), client, probe, clock,
                    options(Duration.ofMinutes(2), Duration.ofMinutes(10)), log::add).run();

            assertThat(result.outcome()).isEqualTo(Outcome.RECOVERED);
            assertThat(prometheus.queries).first().isEqualTo("sum by (service) (rate(errors[1m]))");
            Journal journal = result.journal();
            var start = events(journal, JournalEvent.FaultStarted.class).getFirst();
            assertThat(start.end() - start.t()).isEqualTo(30_000);
            assertThat(events(journal, JournalEvent.FaultEnded.class)).singleElement()
                    .satisfies(e -> assertThat(e.t()).isEqualTo(start.end()));
            assertThat(events(journal, JournalEvent.SloViolated.class)).singleElement()
                    .satisfies(v -> assertThat(v.service()).isEqualTo("service/" + ns + "/frontend"));
            assertThat(events(journal, JournalEvent.SloRestored.class)).singleElement()
                    .satisfies(r -> assertThat(r.by()).isEqualTo("fault-ended"));
            assertThat(events(journal, JournalEvent.ClusterEvent.class)).extracting(JournalEvent.ClusterEvent::what)
                    .containsSubsequence("pod not ready", "pod ready");
            assertThat(result.signalMoved()).isTrue();
            assertThat(experiments()).isEmpty();
        }
    }

    @Test
    void failure_sloSourceThrows_experimentStillDeleted_outcomeFailed() throws IOException {
        pod("frontend-1", "frontend", true);
        var calls = new AtomicInteger();
        SloProbe broken = now -> {
            if (calls.getAndIncrement() == 1) throw new IllegalStateException("prometheus exploded");
            return List.of();
        };
        var spy = new Spy(broken);

        LiveRunResult result = run(manifest("kill-frontend", "pod-kill", null, "frontend"), spy, options(Duration.ofMinutes(2), Duration.ofMinutes(10))).run();

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.outcome().exitCode()).isNotZero();
        assertThat(result.detail()).contains("prometheus exploded");
        assertThat(spy.seenDuringRun).hasSize(1);
        assertThat(experiments()).isEmpty();
        assertThat(log).contains("deleted PodChaos/" + ns + "/kill-frontend");
        Journal journal = JournalIo.read(result.journalFile());
        assertThat(journal.events().getLast()).isInstanceOf(JournalEvent.RunEnded.class);
    }

    @Test
    void timeout_sloNeverRecovers_experimentDeleted_faultEndsAtTheDeletion() throws IOException {
        pod("frontend-1", "frontend", true);
        var spy = new Spy(now -> List.of(new SloReading("service/" + ns + "/frontend", 0.5)));

        LiveRunResult result = run(manifest("fail-frontend", "pod-failure", "1m", "frontend"), spy,
                options(Duration.ofMinutes(2), Duration.ofMinutes(3))).run();

        assertThat(result.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(result.outcome().exitCode()).isEqualTo(1);
        assertThat(result.detail()).contains("timed out").contains("service/" + ns + "/frontend");
        assertThat(spy.seenDuringRun).hasSize(1);
        assertThat(experiments()).isEmpty();
        Journal journal = result.journal();
        assertThat(journal.events().getLast().t()).isEqualTo(Duration.ofMinutes(3).toMillis());
        assertThat(events(journal, JournalEvent.SloRestored.class)).isEmpty();
    }

    @Test
    void timeoutShorterThanTheFault_endsTheFaultWhenItIsDeleted() throws IOException {
        pod("frontend-1", "frontend", true);
        LiveRunResult result = run(manifest("fail-frontend", "pod-failure", "10m", "frontend"), SloProbe.NONE,
                options(Duration.ofMinutes(2), Duration.ofMinutes(1))).run();

        assertThat(result.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(experiments()).isEmpty();
        assertThat(events(result.journal(), JournalEvent.FaultEnded.class)).singleElement()
                .satisfies(e -> assertThat(e.t()).isEqualTo(Duration.ofMinutes(1).toMillis()));
    }

    @Test
    void interrupt_shutdownHookDeletesTheExperiment_andTheRunEndsInterruptedWithItsJournal() throws Exception {
        pod("frontend-1", "frontend", true);
        var applied = new CountDownLatch(1);
        var spy = new Spy(now -> {
            applied.countDown();
            return List.of();
        });
        // A real pause per step, so the run is still in its window when the hook fires.
        LiveChaosRun run = new LiveChaosRun(manifest("fail-frontend", "pod-failure", "1h", "frontend"), client, spy, new ManualClock(50),
                options(Duration.ofMinutes(2), Duration.ofHours(2)), log::add);
        CompletableFuture<LiveRunResult> running = CompletableFuture.supplyAsync(run::run);
        assertThat(applied.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(experiments()).hasSize(1);

        run.cleanupHook().run(); // what the JVM does on Ctrl-C

        assertThat(experiments()).isEmpty();
        LiveRunResult result = running.get(30, TimeUnit.SECONDS);
        assertThat(result.outcome()).isEqualTo(Outcome.INTERRUPTED);
        assertThat(result.outcome().exitCode()).isEqualTo(130);
        assertThat(result.cleanedUp()).isTrue();
        assertThat(JournalIo.read(result.journalFile()).events()).last().isInstanceOf(JournalEvent.RunEnded.class);
        assertThat(events(result.journal(), JournalEvent.FaultEnded.class)).hasSize(1);

        run.cleanupHook().run(); // idempotent: deleting twice is fine
        assertThat(experiments()).isEmpty();
        assertThat(log.stream().filter(l -> l.startsWith("deleted "))).hasSize(1);
    }

    @Test
    void hookBeforeApply_createsNothing() throws IOException {
        pod("frontend-1", "frontend", true);
        LiveChaosRun run = run(manifest("kill-frontend", "pod-kill", null, "frontend"), SloProbe.NONE, options(Duration.ofMinutes(1), Duration.ofMinutes(5)));
        run.cleanupHook().run();

        LiveRunResult result = run.run();

        assertThat(result.outcome()).isEqualTo(Outcome.INTERRUPTED);
        assertThat(result.created()).isEmpty();
        assertThat(experiments()).isEmpty();
    }

    @Test
    void noMatchingPods_recordsTookEffectFalse() throws IOException {
        pod("cart-1", "cart", true);
        LiveRunResult result = run(manifest("kill-nothing", "pod-kill", null, "no-such-app"), SloProbe.NONE,
                options(Duration.ofSeconds(30), Duration.ofMinutes(5))).run();

        assertThat(result.outcome()).isEqualTo(Outcome.RECOVERED);
        assertThat(result.targets()).isEmpty();
        assertThat(result.signalMoved()).isFalse();
        assertThat(events(result.journal(), JournalEvent.FaultStarted.class)).singleElement().satisfies(f -> {
            assertThat(f.targets()).isEmpty();
            assertThat(f.tookEffect()).isFalse();
        });
        assertThat(log).anyMatch(l -> l.contains("nothing matched the selector"));
        assertThat(experiments()).isEmpty();
    }

    @Test
    void namespaceFlag_overridesMetadataNamespace_andTheSelectorsDefault() throws IOException {
        Path file = manifest("kill-frontend", "pod-kill", null, "frontend");
        String other = ns + "-other";
        String own = ns;
        ns = other;
        pod("frontend-9", "frontend", true);
        var spy = new Spy(SloProbe.NONE);
        var options = new LiveRunOptions(other, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMinutes(5), 0.01, dir.resolve("out"), "r1");

        LiveRunResult result = run(file, spy, options).run();

        assertThat(spy.seenDuringRun).singleElement().satisfies(p -> assertThat(p.getMetadata().getNamespace()).isEqualTo(other));
        assertThat(result.targets()).containsExactly("pod/" + other + "/frontend-9");
        assertThat(client.resources(PodChaos.class).inNamespace(own).list().getItems()).isEmpty();
        assertThat(experiments()).isEmpty();
    }

    @Test
    void dryRunYaml_isLabelledAndNamespaced_andCreatesNothing() throws IOException {
        Path file = manifest("kill-frontend", "pod-kill", null, "frontend");

        String yaml = Planned.dryRunYaml(file, "staging", "r42");

        assertThat(yaml).contains("kind: \"PodChaos\"").contains("namespace: \"staging\"")
                .contains("app.kubernetes.io/managed-by: \"homeostat\"").contains("homeostat.dev/run-id: \"r42\"");
        assertThat(experiments()).isEmpty();
        assertThat(client.resources(PodChaos.class).inNamespace("staging").list().getItems()).isEmpty();
    }

    @Test
    void badManifest_failsBeforeAnythingIsApplied_namingFileAndField() throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: PodChaos
                metadata: {name: x, namespace: default}
                spec:
                  action: pod-explode
                  mode: all
                  selector: {labelSelectors: {app: a}}
                """);
        assertThatThrownBy(() -> run(file, SloProbe.NONE, options(Duration.ofMinutes(1), Duration.ofMinutes(5))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad.yaml:5").hasMessageContaining("spec.action");
    }

    @Test
    void watchSeesPodDeletionsAndCreations_asClusterEvents() throws IOException {
        pod("frontend-1", "frontend", true);
        var calls = new AtomicInteger();
        SloProbe probe = now -> {
            int n = calls.getAndIncrement();
            if (n == 1) {
                client.pods().inNamespace(ns).withName("frontend-1").delete();
                awaitLogged("pod/" + ns + "/frontend-1: pod deleted");
            }
            if (n == 2) {
                pod("frontend-1b", "frontend", true);
                awaitLogged("pod/" + ns + "/frontend-1b: pod created");
            }
            return List.of();
        };
        LiveRunResult result = new LiveChaosRun(manifest("kill-frontend", "pod-kill", null, "frontend"), client, probe, new ManualClock(5),
                options(Duration.ofSeconds(40), Duration.ofMinutes(5)), log::add).run();

        assertThat(result.outcome()).isEqualTo(Outcome.RECOVERED);
        assertThat(events(result.journal(), JournalEvent.ClusterEvent.class))
                .extracting(e -> e.target() + " " + e.what())
                .contains("pod/" + ns + "/frontend-1 pod deleted", "pod/" + ns + "/frontend-1b pod created");
        assertThat(result.signalMoved()).isTrue();
        assertThat(experiments()).isEmpty();
    }
}
