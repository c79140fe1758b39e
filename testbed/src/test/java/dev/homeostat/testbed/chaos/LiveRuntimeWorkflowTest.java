package dev.homeostat.testbed.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.homeostat.reports.journal.JournalEvent;
import dev.homeostat.testbed.chaos.LiveRunResult.Outcome;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Workflow with a Task, live: its steps are known only as Chaos Mesh runs them, so the runner follows the
 * WorkflowNodes Chaos Mesh's controller makes (here a script plays the controller on the mock API server).
 */
@EnableKubernetesMockClient(crud = true)
class LiveRuntimeWorkflowTest {
    static KubernetesClient client;
    private static final java.util.logging.Logger MOCK_LOG = LiveChaosRunTest.quiet();
    private static final long T0 = 1_767_225_600_000L; // ManualClock's start

    @TempDir Path dir;
    private final List<String> log = new CopyOnWriteArrayList<>();

    /** Time advances by whole sleeps; the script's actions run when the clock passes their instant. */
    private static final class ScriptedClock implements RunClock {
        private long now = T0;
        private final TreeMap<Long, Runnable> script = new TreeMap<>();

        @Override public long millis() { return now; }

        @Override public void sleep(Duration d) {
            now += d.toMillis();
            while (!script.isEmpty() && script.firstKey() <= now) script.pollFirstEntry().getValue().run();
        }
    }

    private static String at(long runMillis) { return Instant.ofEpochMilli(T0 + runMillis).toString(); }

    private void node(String ns, String name, String template, String type, long start, long deadline) {
        client.genericKubernetesResources(WorkflowFollower.NODES).inNamespace(ns).resource(new GenericKubernetesResourceBuilder()
                .withApiVersion("chaos-mesh.org/v1alpha1").withKind("WorkflowNode").withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of("workflowName", "probe-then-fail", "templateName", template, "type", type,
                        "startTime", at(start), "deadline", at(deadline))))
                .build()).create();
    }

    private void accomplished(String ns, io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext context, String name) {
        GenericKubernetesResource current = client.genericKubernetesResources(context).inNamespace(ns).withName(name).get();
        current.getAdditionalProperties().put("status", Map.of("conditions", List.of(Map.of("type", "Accomplished", "status", "True"))));
        client.genericKubernetesResources(context).inNamespace(ns).resource(current).update();
    }

    @Test
    void runtimeWorkflow_journalsEachExperimentStepAsChaosMeshRunsIt_andWaitsForTheWorkflow() throws IOException {
        String ns = "rtwf";
        client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName("checkout-1").withNamespace(ns).addToLabels("app", "checkout")
                .endMetadata().withNewSpec().addNewContainer().withName("c").withImage("img").endContainer().endSpec()
                .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True").endCondition()
                .addNewContainerStatus().withName("c").withRestartCount(0).endContainerStatus().endStatus().build()).create();
        client.services().inNamespace(ns).resource(new ServiceBuilder().withNewMetadata().withName("checkout").withNamespace(ns).endMetadata()
                .withNewSpec().addToSelector("app", "checkout").endSpec().build()).create();
        Path manifest = dir.resolve("probe-then-fail.yaml");
        Files.writeString(manifest, """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: Workflow
                metadata: {name: probe-then-fail, namespace: %1$s}
                spec:
                  entry: main
                  templates:
                    - {name: main, templateType: Serial, children: [probe, fail]}
                    - name: probe
                      templateType: Task
                      task:
                        container: {name: probe, image: curlimages/curl, command: [curl, -sf, "http://checkout.%1$s:8080/health"]}
                    - name: fail
                      templateType: PodChaos
                      deadline: 1m
                      podChaos: {action: pod-failure, mode: one, selector: {labelSelectors: {app: checkout}}}
                """.formatted(ns));
        var clock = new ScriptedClock();
        // the controller: the Task's node at 0 s, the PodChaos step's node at 20 s, both done at 80 s, the workflow at 85 s
        clock.script.put(T0 + 1, () -> node(ns, "probe-then-fail-probe-x1", "probe", "Task", 0, 60_000));
        clock.script.put(T0 + 20_000, () -> node(ns, "probe-then-fail-fail-x2", "fail", "PodChaos", 20_000, 80_000));
        clock.script.put(T0 + 80_000, () -> accomplished(ns, WorkflowFollower.NODES, "probe-then-fail-fail-x2"));
        clock.script.put(T0 + 85_000, () -> accomplished(ns, WorkflowFollower.WORKFLOWS, "probe-then-fail"));
        var options = new LiveRunOptions(null, Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofMinutes(10), 0.01, dir.resolve("out"), "run-rt");

        LiveRunResult result = new LiveChaosRun(manifest, client, SloProbe.NONE, clock, options, log::add).run();

        assertThat(result.outcome()).as(String.join("\n", log)).isEqualTo(Outcome.RECOVERED);
        var started = result.journal().events().stream().filter(JournalEvent.FaultStarted.class::isInstance).map(JournalEvent.FaultStarted.class::cast).toList();
        assertThat(started).extracting(JournalEvent.FaultStarted::fault, JournalEvent.FaultStarted::kind, JournalEvent.FaultStarted::t, JournalEvent.FaultStarted::end)
                .containsExactly(tuple("probe-then-fail-fail", "PodChaos/pod-failure", 20_000L, 80_000L));
        assertThat(started.getFirst().targets()).containsExactly("pod/" + ns + "/checkout-1");
        assertThat(result.journal().events()).filteredOn(JournalEvent.FaultEnded.class::isInstance)
                .extracting(JournalEvent::t).containsExactly(80_000L);
        assertThat(result.journal().events().getLast().t()).isGreaterThanOrEqualTo(85_000L);
    }
}
