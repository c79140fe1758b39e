package dev.homeostat.testbed.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.homeostat.chaos.model.Workflow;
import dev.homeostat.reports.journal.Journal;
import dev.homeostat.reports.journal.JournalEvent;
import dev.homeostat.testbed.chaos.LiveRunResult.Outcome;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
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
 * A Workflow is journaled as the simulation scores it, one incident per step at the step's planned offset with the
 * step's own targets; any other kind keeps its one incident per applied resource, byte for byte.
 */
@EnableKubernetesMockClient(crud = true)
class LiveChaosRunWorkflowTest {
    static KubernetesClient client;
    private static final java.util.logging.Logger MOCK_LOG = LiveChaosRunTest.quiet();
    private static final AtomicInteger NEXT = new AtomicInteger();

    @TempDir Path dir;
    private String ns;
    private final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void freshNamespace() {
        ns = "wf" + NEXT.incrementAndGet();
    }

    /** chaos-experiments/manifests/workflow-serial.yaml in the test's namespace: delay 2m, pause 1m, then two 2m steps together. */
    private Path workflow() throws IOException {
        String yaml = """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: Workflow
                metadata:
                  name: checkout-game-day
                  namespace: %1$s
                spec:
                  entry: game-day
                  templates:
                    - name: game-day
                      templateType: Serial
                      deadline: 10m
                      children: [cart-delay, pause, together]
                    - name: cart-delay
                      templateType: NetworkChaos
                      deadline: 2m
                      networkChaos:
                        action: delay
                        mode: all
                        selector: {namespaces: [%1$s], labelSelectors: {app: cart}}
                        delay: {latency: 150ms}
                    - name: pause
                      templateType: Suspend
                      deadline: 1m
                    - name: together
                      templateType: Parallel
                      children: [checkout-failure, catalog-cpu]
                    - name: checkout-failure
                      templateType: PodChaos
                      deadline: 2m
                      podChaos:
                        action: pod-failure
                        mode: one
                        selector: {namespaces: [%1$s], labelSelectors: {app: checkout}}
                    - name: catalog-cpu
                      templateType: StressChaos
                      deadline: 2m
                      stressChaos:
                        mode: all
                        selector: {namespaces: [%1$s], labelSelectors: {app: catalog}}
                        stressors: {cpu: {workers: 1, load: 50}}
                """.formatted(ns);
        Path file = dir.resolve("workflow-serial.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private void pod(String name, String app) {
        client.pods().inNamespace(ns).resource(new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(ns).addToLabels("app", app).endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("img").endContainer().endSpec()
                .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True").endCondition()
                .addNewContainerStatus().withName("c").withRestartCount(0).endContainerStatus().endStatus()
                .build()).create();
    }

    private void service(String name, String app) {
        client.services().inNamespace(ns).resource(new ServiceBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withNewSpec().addToSelector("app", app).endSpec().build()).create();
    }

    private void cluster() {
        pod("cart-1", "cart");
        pod("checkout-1", "checkout");
        pod("catalog-2", "catalog");
        pod("catalog-1", "catalog");
        service("cart", "cart");
        service("checkout", "checkout");
        service("catalog", "catalog");
    }

    private LiveRunResult run(Path manifest, Duration timeout) {
        return run(manifest, timeout, SloProbe.NONE);
    }

    private LiveRunResult run(Path manifest, Duration timeout, SloProbe probe) {
        var options = new LiveRunOptions(null, Duration.ofSeconds(5), Duration.ofMinutes(1), timeout, 0.01, dir.resolve("out"), "run-" + ns);
        return new LiveChaosRun(manifest, client, probe, new ManualClock(1), options, log::add).run();
    }

    /**
     * What Chaos Mesh's workflow controller writes for a step: the template's WorkflowNode, the experiment it creates
     * (named by the node's status.chaosResource) and that experiment's records.
     */
    private void stepInjected(String template, String kind, String... records) {
        String node = "checkout-game-day-" + template + "-x1";
        client.genericKubernetesResources(WorkflowFollower.NODES).inNamespace(ns).resource(new GenericKubernetesResourceBuilder()
                .withApiVersion("chaos-mesh.org/v1alpha1").withKind("WorkflowNode").withNewMetadata().withName(node).withNamespace(ns).endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of("workflowName", "checkout-game-day", "templateName", template, "type", kind),
                        "status", Map.of("chaosResource", Map.of("apiGroup", "chaos-mesh.org", "kind", kind, "name", node + "-abcde"))))
                .build()).create();
        var context = new ResourceDefinitionContext.Builder().withGroup("chaos-mesh.org").withVersion("v1alpha1").withKind(kind)
                .withPlural(kind.toLowerCase(java.util.Locale.ROOT)).withNamespaced(true).build();
        var recordList = java.util.Arrays.stream(records).map(id -> Map.of("id", id, "selectorKey", ".", "phase", "Injected")).toList();
        client.genericKubernetesResources(context).inNamespace(ns).resource(new GenericKubernetesResourceBuilder()
                .withApiVersion("chaos-mesh.org/v1alpha1").withKind(kind).withNewMetadata().withName(node + "-abcde").withNamespace(ns).endMetadata()
                .withAdditionalProperties(Map.of("status", Map.of("experiment", Map.of("containerRecords", recordList)))).build()).create();
    }

    private static <T extends JournalEvent> List<T> events(Journal j, Class<T> type) {
        return j.events().stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void workflow_journalsOneIncidentPerStep_atThePlannedOffsets_withEachStepsOwnTargets() throws IOException {
        cluster();

        LiveRunResult result = run(workflow(), Duration.ofMinutes(30));

        assertThat(result.outcome()).isEqualTo(Outcome.RECOVERED);
        assertThat(result.created()).containsExactly("Workflow/" + ns + "/checkout-game-day");
        assertThat(client.resources(Workflow.class).inNamespace(ns).list().getItems()).isEmpty(); // cleanup untouched
        Journal journal = result.journal();
        var started = events(journal, JournalEvent.FaultStarted.class);
        assertThat(started).extracting(JournalEvent.FaultStarted::fault).containsExactly(
                "checkout-game-day-cart-delay", "checkout-game-day-checkout-failure", "checkout-game-day-catalog-cpu");
        assertThat(started).extracting(JournalEvent.FaultStarted::t).containsExactly(0L, 180_000L, 180_000L);
        assertThat(started).extracting(JournalEvent.FaultStarted::end).containsExactly(120_000L, 300_000L, 300_000L);
        assertThat(started).extracting(JournalEvent.FaultStarted::kind)
                .containsExactly("NetworkChaos/delay", "PodChaos/pod-failure", "StressChaos/cpu");
        assertThat(started.get(0).targets()).containsExactly("pod/" + ns + "/cart-1");
        assertThat(started.get(0).services()).containsExactly("service/" + ns + "/cart");
        assertThat(started.get(1).targets()).containsExactly("pod/" + ns + "/checkout-1");
        assertThat(started.get(1).services()).containsExactly("service/" + ns + "/checkout");
        assertThat(started.get(2).targets()).containsExactly("pod/" + ns + "/catalog-1", "pod/" + ns + "/catalog-2");
        assertThat(started.get(2).services()).containsExactly("service/" + ns + "/catalog");
        assertThat(started).allSatisfy(f -> assertThat(f.tookEffect()).isTrue());
        // Each step ends after its own duration; the window covers the last step.
        assertThat(events(journal, JournalEvent.FaultEnded.class)).extracting(JournalEvent.FaultEnded::fault, JournalEvent.FaultEnded::t)
                .containsExactly(tuple("checkout-game-day-cart-delay", 120_000L),
                        tuple("checkout-game-day-checkout-failure", 300_000L),
                        tuple("checkout-game-day-catalog-cpu", 300_000L));
        assertThat(journal.events().getLast()).isInstanceOf(JournalEvent.RunEnded.class);
        assertThat(journal.events().getLast().t()).isGreaterThanOrEqualTo(300_000L);
    }

    @Test
    void aStepsTargets_areWhatChaosMeshRecordedForItsNodesExperiment_theOtherStepsKeepTheirSelectors() throws IOException {
        cluster();
        pod("checkout-2", "checkout");
        var polls = new AtomicInteger();
        SloProbe probe = now -> {
            if (polls.getAndIncrement() == 0) stepInjected("checkout-failure", "PodChaos", ns + "/checkout-2");
            return List.of();
        };

        LiveRunResult result = run(workflow(), Duration.ofMinutes(30), probe);

        // recovered: the spared checkout-1 counts neither now nor at apply time
        assertThat(result.outcome()).as(result.detail()).isEqualTo(Outcome.RECOVERED);
        var started = events(result.journal(), JournalEvent.FaultStarted.class);
        assertThat(started.get(1).fault()).isEqualTo("checkout-game-day-checkout-failure");
        assertThat(started.get(1).targets()).containsExactly("pod/" + ns + "/checkout-2"); // mode one: the pod Chaos Mesh drew
        assertThat(started.get(0).targets()).containsExactly("pod/" + ns + "/cart-1");
        assertThat(started.get(2).targets()).containsExactly("pod/" + ns + "/catalog-1", "pod/" + ns + "/catalog-2");
        assertThat(log).contains("Workflow/" + ns + "/checkout-game-day: Chaos Mesh injected 1 of the 2 selected pods: " + ns + "/checkout-2");
        assertThat(result.targets()).doesNotContain("pod/" + ns + "/checkout-1");
        assertThat(result.detail()).contains("targets by selector: Chaos Mesh reported no status.experiment.containerRecords for Workflow/"
                + ns + "/checkout-game-day step checkout-game-day-cart-delay");
    }

    /** A Workflow whose one step is a Schedule: a pod-failure of mode one on checkout every 2 minutes for 5 minutes. */
    private Path scheduleStep() throws IOException {
        return Files.writeString(dir.resolve("nightly.yaml"), """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: Workflow
                metadata: {name: checkout-game-day, namespace: %1$s}
                spec:
                  entry: nightly
                  templates:
                    - name: nightly
                      templateType: Schedule
                      deadline: 5m
                      schedule:
                        schedule: "@every 2m"
                        type: PodChaos
                        historyLimit: 2
                        concurrencyPolicy: Forbid
                        podChaos:
                          action: pod-failure
                          mode: one
                          duration: 30s
                          selector: {namespaces: [%1$s], labelSelectors: {app: checkout}}
                """.formatted(ns));
    }

    /** Chaos Mesh at a Schedule step's firing: the step's node names its Schedule, whose status.active names the firing's PodChaos. */
    private void scheduleFired(String child, String pod) {
        String node = "checkout-game-day-nightly-x1", schedule = node + "-abcde";
        var schedules = new ResourceDefinitionContext.Builder().withGroup("chaos-mesh.org").withVersion("v1alpha1").withKind("Schedule")
                .withPlural("schedules").withNamespaced(true).build();
        if (client.genericKubernetesResources(WorkflowFollower.NODES).inNamespace(ns).withName(node).get() == null)
            client.genericKubernetesResources(WorkflowFollower.NODES).inNamespace(ns).resource(new GenericKubernetesResourceBuilder()
                    .withApiVersion("chaos-mesh.org/v1alpha1").withKind("WorkflowNode").withNewMetadata().withName(node).withNamespace(ns).endMetadata()
                    .withAdditionalProperties(Map.of("spec", Map.of("workflowName", "checkout-game-day", "templateName", "nightly", "type", "Schedule"),
                            "status", Map.of("chaosResource", Map.of("apiGroup", "chaos-mesh.org", "kind", "Schedule", "name", schedule))))
                    .build()).create();
        var podChaos = new ResourceDefinitionContext.Builder().withGroup("chaos-mesh.org").withVersion("v1alpha1").withKind("PodChaos")
                .withPlural("podchaos").withNamespaced(true).build();
        client.genericKubernetesResources(podChaos).inNamespace(ns).resource(new GenericKubernetesResourceBuilder()
                .withApiVersion("chaos-mesh.org/v1alpha1").withKind("PodChaos").withNewMetadata().withName(child).withNamespace(ns).endMetadata()
                .withAdditionalProperties(Map.of("status", Map.of("experiment", Map.of("containerRecords",
                        List.of(Map.of("id", ns + "/" + pod, "selectorKey", ".", "phase", "Injected")))))).build()).createOr(e -> e.update());
        client.genericKubernetesResources(schedules).inNamespace(ns).resource(new GenericKubernetesResourceBuilder()
                .withApiVersion("chaos-mesh.org/v1alpha1").withKind("Schedule").withNewMetadata().withName(schedule).withNamespace(ns).endMetadata()
                .withAdditionalProperties(Map.of("status", Map.of("active", List.of(Map.of("kind", "PodChaos", "namespace", ns, "name", child))))).build())
                .createOr(e -> e.update());
    }

    @Test
    void aScheduleStepsTargets_areWhatItsFiringsRecorded_eachFiringAddingItsPods() throws IOException {
        cluster();
        pod("checkout-2", "checkout");
        pod("checkout-3", "checkout");
        var polls = new AtomicInteger();
        SloProbe probe = now -> {
            int n = polls.getAndIncrement();
            if (n == 0) scheduleFired("nightly-f1", "checkout-2");
            if (n == 30) scheduleFired("nightly-f2", "checkout-3");
            return List.of();
        };

        LiveRunResult result = run(scheduleStep(), Duration.ofMinutes(30), probe);

        assertThat(result.outcome()).as(result.detail()).isEqualTo(Outcome.RECOVERED);
        var started = events(result.journal(), JournalEvent.FaultStarted.class);
        assertThat(started).extracting(JournalEvent.FaultStarted::fault).containsExactly("checkout-game-day-nightly-1", "checkout-game-day-nightly-2");
        assertThat(started).allSatisfy(f -> assertThat(f.targets()).containsExactly("pod/" + ns + "/checkout-2", "pod/" + ns + "/checkout-3"));
        assertThat(log).contains("Workflow/" + ns + "/checkout-game-day: Chaos Mesh injected 1 of the 3 selected pods: " + ns + "/checkout-2");
        assertThat(result.targets()).containsExactly("pod/" + ns + "/checkout-2", "pod/" + ns + "/checkout-3");
        assertThat(result.detail()).doesNotContain("targets by selector");
    }

    @Test
    void workflowSteps_areTheSimulationsFaults_withTheirTemplatesSelectors() throws IOException {
        var planned = Planned.plan(workflow(), null, "default", "t1").getFirst();
        var steps = planned.workflowSteps();
        assertThat(steps).extracting(s -> s.fault().name())
                .containsExactlyElementsOf(planned.experiment().faults().stream().map(f -> f.name()).toList());
        assertThat(steps).extracting(s -> s.selections().getFirst().selector().labels().get("app")).containsExactly("cart", "checkout", "catalog");
    }

    @Test
    void timeoutBeforeTheLaterSteps_journalsOnlyTheStepsThatStarted() throws IOException {
        cluster();

        LiveRunResult result = run(workflow(), Duration.ofSeconds(150));

        assertThat(result.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(events(result.journal(), JournalEvent.FaultStarted.class)).extracting(JournalEvent.FaultStarted::fault)
                .containsExactly("checkout-game-day-cart-delay");
        assertThat(events(result.journal(), JournalEvent.FaultEnded.class)).extracting(JournalEvent.FaultEnded::t).containsExactly(120_000L);
        // no Chaos Mesh here: the step that ran is said to keep its selectors, the ones that never ran are not mentioned
        assertThat(result.detail()).contains("step checkout-game-day-cart-delay").doesNotContain("checkout-failure", "catalog-cpu");
        assertThat(client.resources(Workflow.class).inNamespace(ns).list().getItems()).isEmpty();
    }

    @Test
    void podChaos_isStillOneIncident_journalBytesUnchanged() throws IOException {
        pod("frontend-1", "frontend");
        service("frontend", "frontend");
        Path m = dir.resolve("kill.yaml");
        Files.writeString(m, """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: PodChaos
                metadata: {name: kill, namespace: %1$s}
                spec: {action: pod-kill, mode: all, selector: {labelSelectors: {app: frontend}}}
                """.formatted(ns));
        assertThat(Planned.plan(m, null, "default", "t1").getFirst().workflowSteps()).isEmpty();

        LiveRunResult result = run(m, Duration.ofMinutes(10));

        assertThat(Files.readString(result.journalFile()).replace(ns, "NS")).isEqualTo(PODCHAOS_JOURNAL);
    }

    /** What the runner wrote for this PodChaos before Workflows were journaled per step. */
    private static final String PODCHAOS_JOURNAL = """
            {"format":"homeostat-journal","version":2,"scenario":"kill","seed":0,"engine":false}
            {"type":"FaultStarted","t":0,"fault":"kill","kind":"PodChaos/pod-kill","end":0,"scope":"PODS","targets":["pod/NS/frontend-1"],"services":["service/NS/frontend"],"tookEffect":true}
            {"type":"FaultEnded","t":0,"fault":"kill"}
            {"type":"RunEnded","t":60000}
            """;
}
