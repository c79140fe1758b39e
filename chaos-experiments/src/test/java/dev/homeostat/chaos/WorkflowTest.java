package dev.homeostat.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.PodKill;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Workflows: Schedule steps, nested templates, deadlines against durations, Task and StatusCheck checked then run as orchestrations (WorkflowRunTest), Schedules of Workflows. */
class WorkflowTest {
    private static final Duration AT = Duration.ofMinutes(1);

    private static String workflow(String templates) {
        return "apiVersion: chaos-mesh.org/v1alpha1\nkind: Workflow\nmetadata: {name: w, namespace: shop}\nspec:\n  entry: main\n  templates:\n" + templates;
    }

    private static final String KILL = "      podChaos: {action: pod-kill, mode: one, selector: {labelSelectors: {app: cart}}}\n";
    private static final String DELAY = "      networkChaos: {action: delay, mode: all, selector: {labelSelectors: {app: cart}}, delay: {latency: 50ms}}\n";

    private static List<Fault> translate(String yaml) { return ChaosManifests.translate("w.yaml", yaml, AT); }

    private static ManifestException error(String yaml) {
        return catchThrowableOfType(ManifestException.class, () -> translate(yaml));
    }

    @Test
    void scheduleStep_firesUntilItsDeadline_namedPerFiring() {
        var faults = translate(workflow("""
                    - name: main
                      templateType: Serial
                      children: [kills, after]
                    - name: kills
                      templateType: Schedule
                      deadline: 40s
                      schedule:
                        schedule: "@every 10s"
                        concurrencyPolicy: Allow
                        type: PodChaos
                        podChaos: {action: pod-kill, mode: one, selector: {labelSelectors: {app: cart}}}
                    - name: after
                      templateType: NetworkChaos
                      deadline: 1m
                """ + DELAY));
        assertThat(faults).extracting(Fault::name).containsExactly("w-kills-1", "w-kills-2", "w-kills-3", "w-kills-4", "w-after");
        assertThat(faults.subList(0, 4)).allSatisfy(f -> assertThat(f).isInstanceOf(PodKill.class));
        assertThat(faults).extracting(Fault::start).containsExactly(AT.plusSeconds(10), AT.plusSeconds(20), AT.plusSeconds(30), AT.plusSeconds(40),
                AT.plusSeconds(40));
    }

    @Test
    void nestedSerialInParallel_andADeadlineCutsAChaosStepsOwnDuration() {
        var faults = translate(workflow("""
                    - name: main
                      templateType: Parallel
                      children: [inner, fail]
                    - name: inner
                      templateType: Serial
                      children: [pause, slow]
                    - name: pause
                      templateType: Suspend
                      deadline: 30s
                    - name: slow
                      templateType: NetworkChaos
                      deadline: 2m
                """ + DELAY + """
                    - name: fail
                      templateType: PodChaos
                      deadline: 1m
                      podChaos: {action: pod-failure, duration: 20s, mode: one, selector: {labelSelectors: {app: cart}}}
                """));
        assertThat(faults).extracting(Fault::name).containsExactly("w-slow", "w-fail");
        assertThat(faults.get(0).start()).isEqualTo(AT.plusSeconds(30));
        assertThat(faults.get(0).duration()).isEqualTo(Duration.ofMinutes(2));
        // the experiment's own duration is shorter than its step's deadline: it ends first, as Chaos Mesh recovers it
        assertThat(faults.get(1).duration()).isEqualTo(Duration.ofSeconds(20));
    }

    private static final String TASK = """
                - name: main
                  templateType: Task
                  task:
                    container: {name: probe, image: curlimages/curl, command: [curl, -sf, "http://frontend:8080/health"]}
                  conditionalBranches:
                    - target: kill
                      expression: exitCode == 0 && stdout contains "ok"
                    - target: kill
                      expression: 'exitCode != 0'
                - name: kill
                  templateType: PodChaos
            """;

    @Test
    void task_isCheckedCompletely_thenRunsAsAnOrchestration() {
        assertThat(translate(workflow(TASK + KILL))).singleElement().satisfies(f -> {
            assertThat(f).isInstanceOf(dev.homeostat.simulator.fault.Orchestration.class);
            assertThat(f.name()).isEqualTo("w");
            assertThat(f.start()).isEqualTo(AT);
        });
        assertThat(error(workflow(TASK.replace("exitCode == 0 &&", "exitcode == 0 &&") + KILL)).getMessage())
                .contains("spec.templates[0].conditionalBranches[0].expression", "unknown variable \"exitcode\"; did you mean \"exitCode\"?");
        assertThat(error(workflow(TASK.replace("'exitCode != 0'", "'exitCode != (0'") + KILL)).field())
                .isEqualTo("spec.templates[0].conditionalBranches[1].expression");
        assertThat(error(workflow(TASK.replaceFirst("(?s)(.*)target: kill", "$1target: kil") + KILL)).getMessage())
                .contains("no template named \"kil\"; did you mean \"kill\"?");
        assertThat(error(workflow(TASK.replace("image: curlimages/curl, ", "") + KILL)).field()).isEqualTo("spec.templates[0].task.container.image");
        assertThat(error(workflow(TASK.replace("command: [", "comand: [") + KILL)).getMessage()).contains("unknown field \"comand\" in a Kubernetes Container");
    }

    @Test
    void preReleaseTemplateFields_areRefusedWithTheirChaosMesh2Names() {
        var old = error(workflow("    - name: main\n      templateType: Serial\n      duration: 240s\n      children: [kill]\n"
                + "    - name: kill\n      templateType: PodChaos\n" + KILL));
        assertThat(old.field()).isEqualTo("spec.templates[0].duration");
        assertThat(old.getMessage()).contains("Chaos Mesh 2.x reads deadline (same value)");
        assertThat(error(workflow("    - name: main\n      templateType: Serial\n      tasks: [kill]\n    - name: kill\n      templateType: PodChaos\n" + KILL))
                .getMessage()).contains("reads children");
    }

    @Test
    void branchExpression_evaluatesAsExprWould() {
        var e = BranchExpression.parse("exitCode == 0 && stdout contains \"ok\" || exitCode in [2, 3]");
        assertThat(e.evaluate(Map.of("exitCode", 0L, "stdout", "all ok"))).isEqualTo(true);
        assertThat(e.evaluate(Map.of("exitCode", 1L, "stdout", "all ok"))).isEqualTo(false);
        assertThat(e.evaluate(Map.of("exitCode", 3L, "stdout", ""))).isEqualTo(true);
        assertThat(BranchExpression.parse("not (exitCode > 1)").evaluate(Map.of("exitCode", 0L))).isEqualTo(true);
    }

    private static final String STATUS_CHECK = """
                - name: main
                  templateType: Parallel
                  deadline: 4m
                  children: [check, slow]
                - name: check
                  templateType: StatusCheck
                  deadline: 20s
                  abortWithStatusCheck: true
                  statusCheck:
                    mode: Continuous
                    type: HTTP
                    intervalSeconds: 1
                    failureThreshold: 3
                    http:
                      url: http://frontend:8080/health
                      method: GET
                      criteria:
                        statusCode: "200-399"
                - name: slow
                  templateType: NetworkChaos
                  deadline: 20s
            """;

    @Test
    void statusCheck_isCheckedCompletely_thenRunsAsAnOrchestration() {
        assertThat(translate(workflow(STATUS_CHECK + DELAY))).singleElement().isInstanceOf(dev.homeostat.simulator.fault.Orchestration.class);
        assertThat(error(workflow(STATUS_CHECK + DELAY.replace("50ms", "fast"))).field()).isEqualTo("spec.templates[2].networkChaos.delay.latency");
        assertThat(error(workflow(STATUS_CHECK.replace("200-399", "2xx") + DELAY)).field()).isEqualTo("spec.templates[1].statusCheck.http.criteria.statusCode");
        assertThat(error(workflow(STATUS_CHECK.replace("url: http://frontend:8080/health", "url: frontend") + DELAY)).field())
                .isEqualTo("spec.templates[1].statusCheck.http.url");
        assertThat(error(workflow(STATUS_CHECK.replace("failureThreshold: 3", "failureThreshold: 0") + DELAY)).getMessage()).contains("must be at least 1");
        assertThat(error(workflow(STATUS_CHECK.replace("mode: Continuous", "mode: Sometimes") + DELAY)).field()).isEqualTo("spec.templates[1].statusCheck.mode");
    }

    @Test
    void statusCheckWithoutMode_isSynchronous_asChaosMeshDefaultsIt() {
        var t = new dev.homeostat.chaos.model.WorkflowTemplate();
        t.setName("check");
        t.setStatusCheck(new dev.homeostat.chaos.model.StatusCheckSpec(null, "HTTP", null, null, null, null, null, null, null));
        assertThat(WorkflowPlan.withDefaultMode(t.getStatusCheck()).mode()).isEqualTo("Synchronous");
        assertThat(translate(workflow(STATUS_CHECK.replaceAll("(?m)^\\s*mode: Continuous\\n", "") + DELAY)))
                .singleElement().isInstanceOf(dev.homeostat.simulator.fault.Orchestration.class);
    }

    @Test
    void scheduleOfAWorkflow_runsTheWorkflowAtEachFiring() {
        String yaml = """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: Schedule
                metadata: {name: nightly, namespace: shop}
                spec:
                  schedule: "@every 1h"
                  type: Workflow
                  workflow:
                    entry: main
                    templates:
                      - name: main
                        templateType: Serial
                        children: [pause, kill]
                      - name: pause
                        templateType: Suspend
                        deadline: 5m
                      - name: kill
                        templateType: PodChaos
                        podChaos: {action: pod-kill, mode: one, selector: {labelSelectors: {app: cart}}}
                """;
        var faults = new ManifestTranslator().experiments("s.yaml", yaml, Duration.ZERO, Duration.ofMinutes(150)).getFirst().faults();
        assertThat(faults).extracting(Fault::name).containsExactly("nightly-1-kill", "nightly-2-kill");
        assertThat(faults).extracting(Fault::start).containsExactly(Duration.ofMinutes(65), Duration.ofMinutes(125));
    }
}
