package dev.homeostat.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.simulator.cluster.ServiceNow;
import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.Orchestration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/** A Workflow's Task and StatusCheck at run time, against a scripted cluster: the branch taken, the check's verdict, the abort. */
class WorkflowRunTest {
    private static final Duration AT = Duration.ofMinutes(1);

    /** What the actor did over a run: faults handed over, faults stopped (with when), journal lines. */
    record Trace(List<Fault> injected, Map<String, Long> stopped, List<String> notes) {
        List<String> injectedNames() { return injected.stream().map(Fault::name).toList(); }
    }

    private static ServiceNow healthy(String key) { return new ServiceNow(key, 3, 100, 0, 0, 0.05, false); }

    private static ServiceNow down(String key) { return new ServiceNow(key, 0, 100, 100, 0, 0, true); }

    /** Drives the orchestration of {@code yaml} as the simulator would, the cluster's state at each instant from {@code state}. */
    static Trace drive(String yaml, LongFunction<Map<String, ServiceNow>> state) {
        return drive((Orchestration) ChaosManifests.translate("w.yaml", yaml, AT).getFirst(), state);
    }

    /** Drives {@code o} as the simulator would. */
    static Trace drive(Orchestration o, LongFunction<Map<String, ServiceNow>> state) {
        var actor = o.actors().get();
        var trace = new Trace(new ArrayList<>(), new TreeMap<>(), new ArrayList<>());
        long t = o.start().toMillis();
        for (int i = 0; i < 10_000 && t >= 0; i++) {
            long now = t;
            Orchestration.ClusterProbe probe = new Orchestration.ClusterProbe() {
                @Override public List<String> services() { return List.copyOf(new TreeMap<>(state.apply(now)).keySet()); }

                @Override public Optional<ServiceNow> service(String namespace, String name) {
                    return Optional.ofNullable(state.apply(now).get(namespace + "/" + name));
                }
            };
            var act = actor.act(now, probe);
            trace.injected().addAll(act.inject());
            act.stop().forEach(s -> trace.stopped().put(s, now));
            act.notes().forEach(n -> trace.notes().add(Duration.ofMillis(now).toSeconds() + "s " + n));
            assertThat(act.nextMillis()).as("asks for a later instant").satisfiesAnyOf(n -> assertThat(n).isEqualTo(-1), n -> assertThat(n).isGreaterThan(now));
            t = act.nextMillis();
        }
        return trace;
    }

    private static final String TASK = """
            apiVersion: chaos-mesh.org/v1alpha1
            kind: Workflow
            metadata: {name: w, namespace: shop}
            spec:
              entry: main
              templates:
                - name: main
                  templateType: Serial
                  children: [wait, probe, last]
                - name: wait
                  templateType: Suspend
                  deadline: 1m
                - name: probe
                  templateType: Task
                  task:
                    container: {name: probe, image: curlimages/curl, command: [curl, -sf, "http://checkout.shop:8080/health"]}
                  conditionalBranches:
                    - {target: kill, expression: exitCode == 0}
                    - {target: delay, expression: exitCode != 0}
                - name: kill
                  templateType: PodChaos
                  podChaos: {action: pod-kill, mode: one, selector: {labelSelectors: {app: checkout}}}
                - name: delay
                  templateType: NetworkChaos
                  deadline: 2m
                  networkChaos: {action: delay, mode: all, selector: {labelSelectors: {app: checkout}}, delay: {latency: 50ms}}
                - name: last
                  templateType: PodChaos
                  podChaos: {action: pod-kill, mode: one, selector: {labelSelectors: {app: cart}}}
            """;

    @Test
    void task_takesTheBranchTheClusterStateDecides_andTheWalkResumesAfterIt() {
        var ok = drive(TASK, t -> Map.of("shop/checkout", healthy("shop/checkout")));
        assertThat(ok.injectedNames()).containsExactly("w-kill", "w-last");
        // the Task reads the cluster when its pod finishes: after the 1m suspend and 1s of its own
        assertThat(ok.injected().getFirst().start()).isEqualTo(AT.plusMinutes(1).plusSeconds(1));
        assertThat(ok.notes()).anySatisfy(n -> assertThat(n).contains("task probe: service shop/checkout has 3 ready pods and its SLO is met: exit code 0; branch kill"));

        var bad = drive(TASK, t -> Map.of("shop/checkout", down("shop/checkout")));
        assertThat(bad.injectedNames()).containsExactly("w-delay", "w-last");
        assertThat(bad.injected().get(1).start()).as("the Serial goes on when the branch ends").isEqualTo(AT.plusMinutes(3).plusSeconds(1));
        assertThat(bad.notes()).anySatisfy(n -> assertThat(n).contains("exit code 1; branch delay"));
        assertThat(bad.notes().getLast()).endsWith("workflow ended");
    }

    @Test
    void task_echoAndExit_areReadFromTheScript_andAnUnknownHostIsTakenToExitZero() {
        String echo = TASK.replace("command: [curl, -sf, \"http://checkout.shop:8080/health\"]", "command: [sh, -c, \"echo branch-b\"]")
                .replace("expression: exitCode == 0}", "expression: 'stdout == \"branch-b\"'}");
        assertThat(drive(echo, t -> Map.of()).injectedNames()).containsExactly("w-kill", "w-last");
        String exit = TASK.replace("command: [curl, -sf, \"http://checkout.shop:8080/health\"]", "command: [sh, -c, \"exit 3\"]");
        assertThat(drive(exit, t -> Map.of()).injectedNames()).containsExactly("w-delay", "w-last");
        var unknown = drive(TASK.replace("checkout.shop", "payments.example.com"), t -> Map.of("shop/checkout", down("shop/checkout")));
        assertThat(unknown.injectedNames()).containsExactly("w-kill", "w-last");
        assertThat(unknown.notes()).anySatisfy(n -> assertThat(n).contains("host payments.example.com is no Service of the scenario; taken to exit 0"));
    }

    private static final String CHECK = """
            apiVersion: chaos-mesh.org/v1alpha1
            kind: Workflow
            metadata: {name: w, namespace: shop}
            spec:
              entry: main
              templates:
                - name: main
                  templateType: Serial
                  children: [both, after]
                - name: both
                  templateType: Parallel
                  children: [check, faults]
                - name: check
                  templateType: StatusCheck
                  deadline: 5m
                  abortWithStatusCheck: true
                  statusCheck:
                    mode: Continuous
                    type: HTTP
                    intervalSeconds: 10
                    failureThreshold: 3
                    http: {url: "http://frontend/health", criteria: {statusCode: "200"}}
                - name: faults
                  templateType: Serial
                  children: [slow, later]
                - name: slow
                  templateType: NetworkChaos
                  deadline: 3m
                  networkChaos: {action: delay, mode: all, selector: {labelSelectors: {app: frontend}}, delay: {latency: 50ms}}
                - name: later
                  templateType: PodChaos
                  deadline: 1m
                  podChaos: {action: pod-failure, mode: one, selector: {labelSelectors: {app: frontend}}}
                - name: after
                  templateType: PodChaos
                  podChaos: {action: pod-kill, mode: one, selector: {labelSelectors: {app: cart}}}
            """;

    @Test
    void continuousCheck_thatHolds_letsTheWorkflowRunToTheEnd() {
        var trace = drive(CHECK, t -> Map.of("shop/frontend", healthy("shop/frontend")));
        assertThat(trace.injectedNames()).containsExactly("w-slow", "w-later", "w-after");
        assertThat(trace.stopped()).isEmpty();
        assertThat(trace.notes()).anySatisfy(n -> assertThat(n).contains("status check check: passed after"));
        // the Parallel ends with the check's deadline, 5m after the start
        assertThat(trace.injected().get(2).start()).isEqualTo(AT.plusMinutes(5));
    }

    @Test
    void abortWithStatusCheck_stopsTheRunningFault_andNothingLaterStarts() {
        long breaks = AT.plusSeconds(65).toMillis();
        var trace = drive(CHECK, t -> Map.of("shop/frontend", t < breaks ? healthy("shop/frontend") : down("shop/frontend")));
        // failures at 70 s, 80 s and 90 s after the start: the third fails the check
        long abortAt = AT.plusSeconds(90).toMillis();
        assertThat(trace.stopped()).containsEntry("w-slow", abortAt).containsEntry("w-later", abortAt);
        assertThat(trace.injectedNames()).as("handed over before the abort; w-later is stopped before its start").containsExactly("w-slow", "w-later");
        assertThat(trace.notes()).anySatisfy(n -> assertThat(n).contains("status check check #8: failure (HTTP 503, outside statusCode 200: shop/frontend has no ready endpoint)"));
        assertThat(trace.notes()).anySatisfy(n -> assertThat(n).startsWith("150s workflow aborted: status check check failed"));
        assertThat(trace.notes()).noneSatisfy(n -> assertThat(n).contains("workflow ended"));
    }

    @Test
    void synchronousCheck_endsItsStepAtTheFirstVerdict_andWithoutAbortTheWorkflowGoesOn() {
        String sync = CHECK.replace("mode: Continuous", "mode: Synchronous").replace("abortWithStatusCheck: true", "abortWithStatusCheck: false")
                .replace("children: [check, faults]", "children: [check]");
        var passing = drive(sync, t -> Map.of("shop/frontend", healthy("shop/frontend")));
        assertThat(passing.injectedNames()).containsExactly("w-after");
        assertThat(passing.injected().getFirst().start()).as("one success ends it at once").isEqualTo(AT);
        var failing = drive(sync, t -> Map.of("shop/frontend", new ServiceNow("shop/frontend", 3, 100, 80, 0, 0.05, true)));
        assertThat(failing.injected().getFirst().start()).as("three failures 10 s apart").isEqualTo(AT.plusSeconds(20));
        assertThat(failing.notes()).anySatisfy(n -> assertThat(n).contains("HTTP 500, outside statusCode 200: 80% of shop/frontend's requests failed"));
        var slow = drive(sync, t -> Map.of("shop/frontend", new ServiceNow("shop/frontend", 3, 100, 0, 0, 2.5, false)));
        assertThat(slow.notes()).anySatisfy(n -> assertThat(n).contains("timed out: shop/frontend's p99 2.50s > timeoutSeconds 1"));
    }

    @Test
    void sameScenarioTwice_givesTheSameTrace() {
        LongFunction<Map<String, ServiceNow>> state = t -> Map.of("shop/frontend", t % 20_000 < 10_000 ? healthy("shop/frontend") : down("shop/frontend"));
        assertThat(drive(CHECK, state)).isEqualTo(drive(CHECK, state));
    }

    @Test
    void standaloneStatusCheck_journalsItsVerdict_andInjectsNothing() {
        String yaml = """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: StatusCheck
                metadata: {name: sc, namespace: shop}
                spec:
                  type: HTTP
                  http: {url: "http://frontend.shop/health", criteria: {statusCode: "200"}}
                """;
        var up = drive(yaml, t -> Map.of("shop/frontend", healthy("shop/frontend")));
        assertThat(up.injected()).isEmpty();
        assertThat(up.notes()).containsExactly(
                "60s status check sc #1: success (HTTP 200, within statusCode 200: shop/frontend answered (0.0% errors, p99 0.05s))",
                "60s status check sc: passed after 1 execution: 1 success in a row (successThreshold 1)");
        var down = drive(yaml, t -> Map.of("shop/frontend", down("shop/frontend")));
        assertThat(down.notes().getLast()).isEqualTo("80s status check sc: failed after 3 executions: 3 failures in a row (failureThreshold 3)");
    }
}
