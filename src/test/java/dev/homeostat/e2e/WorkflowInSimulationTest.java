package dev.homeostat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.reports.journal.JournalEvent;
import dev.homeostat.testbed.run.ScenarioRunner;
import dev.homeostat.testbed.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workflows whose Task and StatusCheck read the simulated cluster, run in scenarios: the branch a Task takes follows
 * the state of the Service its container calls, an aborting status check ends the running fault early and keeps the
 * next one from starting, and the journal says why.
 */
class WorkflowInSimulationTest {
    private static final Path ROOT = RepositoryPaths.root();

    private static final String TASK = """
            apiVersion: chaos-mesh.org/v1alpha1
            kind: Workflow
            metadata: {name: gameday, namespace: default}
            spec:
              entry: probe
              templates:
                - name: probe
                  templateType: Task
                  task:
                    container: {name: probe, image: curlimages/curl, command: [curl, -sf, "http://checkout:8080/health"]}
                  conditionalBranches:
                    - {target: kill-cart, expression: exitCode == 0}
                    - {target: slow-frontend, expression: exitCode != 0}
                - name: kill-cart
                  templateType: PodChaos
                  podChaos: {action: pod-kill, mode: one, selector: {labelSelectors: {app: cart}}}
                - name: slow-frontend
                  templateType: NetworkChaos
                  deadline: 3m
                  networkChaos: {action: delay, mode: all, selector: {labelSelectors: {app: frontend}}, delay: {latency: 200ms}}
            """;

    private static final String CHECKOUT_DOWN = """
            apiVersion: chaos-mesh.org/v1alpha1
            kind: PodChaos
            metadata: {name: checkout-down, namespace: default}
            spec:
              action: pod-failure
              mode: all
              duration: 10m
              selector: {labelSelectors: {app: checkout}}
            """;

    private static List<JournalEvent> run(Path dir, String workflow, String before) throws IOException {
        Files.writeString(dir.resolve("workflow.yaml"), workflow);
        String extra = "";
        if (before != null) {
            Files.writeString(dir.resolve("before.yaml"), before);
            extra = "    - {manifest: before.yaml, at: 2m}\n";
        }
        Path scenario = dir.resolve("scenario.yaml");
        Files.writeString(scenario, """
                apiVersion: homeostat.dev/v1alpha1
                kind: Scenario
                metadata: {name: workflow-runtime}
                spec:
                  duration: 20m
                  cluster:
                    nodePool: {count: 3, cpu: 8, memory: 32Gi}
                    deployments:
                      - {name: frontend, replicas: 3}
                      - {name: cart, replicas: 3}
                      - {name: checkout, replicas: 3}
                    services:
                      - {name: frontend, requestsPerSecond: 100, calls: [{service: cart, perRequest: 0.3}, {service: checkout, perRequest: 0.2}]}
                      - {name: cart, requestsPerSecond: 80}
                      - {name: checkout, requestsPerSecond: 80}
                  faults:
                    - {manifest: workflow.yaml, at: 5m}
                %s  engine: {policy: %s}
                """.formatted(extra, ROOT.resolve("remediation/policies/default.yaml")));
        return ScenarioRunner.run(new ScenarioLoader().load(scenario), 1, null).events();
    }

    private static List<String> started(List<JournalEvent> events) {
        return events.stream().filter(JournalEvent.FaultStarted.class::isInstance).map(e -> ((JournalEvent.FaultStarted) e).fault()).toList();
    }

    private static List<String> workflowLines(List<JournalEvent> events) {
        return events.stream().filter(JournalEvent.ClusterEvent.class::isInstance).map(JournalEvent.ClusterEvent.class::cast)
                .filter(c -> c.target().equals("workflow/gameday")).map(c -> c.t() / 1000 + "s " + c.what()).toList();
    }

    @Test
    void task_takesTheHealthyBranch_whenTheServiceItCallsIsHealthy(@TempDir Path dir) throws IOException {
        var events = run(dir, TASK, null);
        assertThat(started(events)).containsExactly("gameday-kill-cart");
        assertThat(workflowLines(events)).anySatisfy(l -> assertThat(l)
                .isEqualTo("301s task probe: service default/checkout has 3 ready pods and its SLO is met: exit code 0; branch kill-cart"));
    }

    @Test
    void task_takesTheOtherBranch_whenTheServiceItCallsIsDown(@TempDir Path dir) throws IOException {
        var events = run(dir, TASK, CHECKOUT_DOWN);
        assertThat(started(events)).containsExactly("checkout-down", "gameday-slow-frontend");
        assertThat(workflowLines(events)).anySatisfy(l -> assertThat(l).startsWith("301s task probe: service default/checkout has 0 ready pods")
                .endsWith("exit code 1; branch slow-frontend"));
        assertThat(events).anySatisfy(e -> assertThat(e).isEqualTo(new JournalEvent.FaultEnded(481_000, "gameday-slow-frontend")));
    }

    @Test
    void abortWithStatusCheck_endsTheRunningFaultEarly_andTheNextNeverStarts(@TempDir Path dir) throws IOException {
        String workflow = Files.readString(ROOT.resolve("chaos-experiments/src/test/resources/conformance/Workflow/abort-with-status-check.yaml"))
                .replace("conf-wf-abort", "gameday");
        var events = run(dir, workflow, null);
        assertThat(started(events)).containsExactly("gameday-outage");
        long ended = events.stream().filter(e -> e instanceof JournalEvent.FaultEnded f && f.fault().equals("gameday-outage"))
                .mapToLong(JournalEvent::t).findFirst().orElseThrow();
        assertThat(ended).as("stopped by the abort, well before its 5m deadline").isLessThan(300_000 + 120_000);
        assertThat(workflowLines(events)).anySatisfy(l -> assertThat(l).contains("workflow aborted: status check guard failed (abortWithStatusCheck); stopped gameday-outage, gameday-kill"));
        assertThat(workflowLines(events)).anySatisfy(l -> assertThat(l).contains("status check guard #2: failure (HTTP 500"));
    }
}
