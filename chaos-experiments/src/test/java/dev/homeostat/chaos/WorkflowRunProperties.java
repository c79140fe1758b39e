package dev.homeostat.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.simulator.cluster.ServiceNow;
import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.Orchestration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * A workflow with a StatusCheck beside its faults, against any history of the checked Service: the actor only ever
 * asks for later instants and hands over faults that start at or after now; it reaches exactly one verdict; an abort
 * stops every fault still running or yet to start and hands over nothing after it; the same history gives the same run.
 */
class WorkflowRunProperties {
    private static final Duration AT = Duration.ofMinutes(1);

    /** One decision of the actor: when, what it handed over and stopped, what it wrote. */
    record Step(long now, List<Fault> inject, List<String> stop, List<String> notes) { }

    private static String workflow(String mode, int interval, int failures, int successes, boolean abort) {
        return """
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
                      deadline: 4m
                      abortWithStatusCheck: %s
                      statusCheck:
                        mode: %s
                        type: HTTP
                        intervalSeconds: %d
                        failureThreshold: %d
                        successThreshold: %d
                        http: {url: "http://frontend/health", criteria: {statusCode: "200"}}
                    - name: faults
                      templateType: Serial
                      children: [slow, kill, later]
                    - name: slow
                      templateType: NetworkChaos
                      deadline: 90s
                      networkChaos: {action: delay, mode: all, selector: {labelSelectors: {app: frontend}}, delay: {latency: 50ms}}
                    - name: kill
                      templateType: PodChaos
                      podChaos: {action: pod-kill, mode: one, selector: {labelSelectors: {app: cart}}}
                    - name: later
                      templateType: PodChaos
                      deadline: 2m
                      podChaos: {action: pod-failure, mode: one, selector: {labelSelectors: {app: cart}}}
                    - name: after
                      templateType: PodChaos
                      podChaos: {action: pod-kill, mode: one, selector: {labelSelectors: {app: frontend}}}
                """.formatted(abort, mode, interval, failures, successes);
    }

    /** frontend's state in each 5 s slot: 0 healthy, 1 no endpoint, 2 failing, 3 slow. */
    private static ServiceNow state(List<Integer> slots, long t) {
        int slot = (int) Math.min(slots.size() - 1, Math.max(0, (t - AT.toMillis()) / 5000));
        return switch (slots.get(slot)) {
            case 1 -> new ServiceNow("shop/frontend", 0, 100, 100, 0, 0, true);
            case 2 -> new ServiceNow("shop/frontend", 3, 100, 70, 10, 0.1, true);
            case 3 -> new ServiceNow("shop/frontend", 3, 100, 0, 0, 3.0, false);
            default -> new ServiceNow("shop/frontend", 3, 100, 1, 0, 0.1, false);
        };
    }

    private static List<Step> run(String yaml, List<Integer> slots) {
        var o = (Orchestration) ChaosManifests.translate("w.yaml", yaml, AT).getFirst();
        var actor = o.actors().get();
        var steps = new ArrayList<Step>();
        long t = o.start().toMillis();
        while (t >= 0 && steps.size() < 1000) {
            long now = t;
            var act = actor.act(now, new Orchestration.ClusterProbe() {
                @Override public List<String> services() { return List.of("shop/frontend"); }

                @Override public Optional<ServiceNow> service(String namespace, String name) {
                    return namespace.equals("shop") && name.equals("frontend") ? Optional.of(state(slots, now)) : Optional.empty();
                }
            });
            steps.add(new Step(now, act.inject(), act.stop(), act.notes()));
            assertThat(act.nextMillis()).as("next call").matches(n -> n == -1 || n > now);
            t = act.nextMillis();
        }
        return steps;
    }

    @Provide
    Arbitrary<List<Integer>> histories() {
        return Arbitraries.integers().between(0, 3).list().ofMinSize(1).ofMaxSize(80);
    }

    @Property(tries = 200)
    void anyHistory_keepsTheActorsPromises(@ForAll("histories") List<Integer> slots, @ForAll boolean continuous, @ForAll boolean abort,
                                           @ForAll @IntRange(min = 1, max = 30) int interval, @ForAll @IntRange(min = 1, max = 5) int failures,
                                           @ForAll @IntRange(min = 1, max = 3) int successes) {
        String yaml = workflow(continuous ? "Continuous" : "Synchronous", interval, failures, successes, abort);
        List<Step> steps = run(yaml, slots);
        assertThat(steps).as("the run ends").last().satisfies(s -> assertThat(s).isNotNull());
        for (Step s : steps) assertThat(s.inject()).allSatisfy(f -> assertThat(f.start().toMillis()).isGreaterThanOrEqualTo(s.now()));
        List<String> notes = steps.stream().flatMap(s -> s.notes().stream()).toList();
        assertThat(notes.stream().filter(n -> n.matches("status check check: (passed|failed) after .*"))).hasSize(1);
        int abortAt = -1;
        for (int i = 0; i < steps.size(); i++) if (steps.get(i).notes().stream().anyMatch(n -> n.startsWith("workflow aborted"))) abortAt = i;
        if (abortAt >= 0) {
            assertThat(abort).isTrue();
            long when = steps.get(abortAt).now();
            List<String> stopped = steps.get(abortAt).stop();
            for (Step s : steps.subList(0, abortAt + 1))
                for (Fault f : s.inject())
                    if (f.start().plus(f.duration()).toMillis() > when) assertThat(stopped).as("still running or to come at the abort").contains(f.name());
            assertThat(steps.subList(abortAt, steps.size())).allSatisfy(s -> assertThat(s.inject()).isEmpty());
            assertThat(notes).noneMatch(n -> n.equals("workflow ended"));
        } else {
            assertThat(notes).contains("workflow ended");
        }
        assertThat(run(yaml, slots)).as("deterministic").isEqualTo(steps);
    }
}
