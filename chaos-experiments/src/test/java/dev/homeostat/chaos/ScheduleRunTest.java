package dev.homeostat.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.simulator.cluster.ServiceNow;
import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.Orchestration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Schedule of a run-time Workflow: Forbid decided as the runs end, not by a length known at translation. */
class ScheduleRunTest {
    /** Every minute, a workflow of a 1 s Task and a 90 s delay: each run outlasts the next firing. */
    private static String schedule(String policy, String deadline) {
        return """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: Schedule
                metadata: {name: s, namespace: shop}
                spec:
                  schedule: "@every 1m"
                  type: Workflow
                  concurrencyPolicy: %s
                %s  workflow:
                    entry: main
                    templates:
                      - {name: main, templateType: Serial, children: [probe, slow]}
                      - name: probe
                        templateType: Task
                        task:
                          container: {name: probe, image: busybox, command: [sh, -c, "exit 0"]}
                      - name: slow
                        templateType: NetworkChaos
                        deadline: 90s
                        networkChaos: {action: delay, mode: all, selector: {labelSelectors: {app: checkout}}, delay: {latency: 100ms}}
                """.formatted(policy, deadline);
    }

    private static final Map<String, ServiceNow> CLUSTER = Map.of("shop/checkout", new ServiceNow("shop/checkout", 3, 100, 0, 0, 0.05, false));

    @TempDir Path dir;

    /** The Schedule applied at 1m in a 12-minute run. */
    private List<Fault> translate(String yaml) throws IOException {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, yaml);
        return ChaosManifests.translate(file, Duration.ofMinutes(1), Duration.ofMinutes(12));
    }

    private WorkflowRunTest.Trace drive(String yaml) throws IOException {
        List<Fault> faults = translate(yaml);
        assertThat(faults).singleElement().isInstanceOf(Orchestration.class);
        return WorkflowRunTest.drive((Orchestration) faults.getFirst(), now -> CLUSTER);
    }

    private static List<Long> startsInFirstTenMinutes(WorkflowRunTest.Trace trace) {
        return trace.injected().stream().map(Fault::start).filter(d -> d.toMinutes() < 11).map(d -> d.toSeconds()).toList();
    }

    @Test
    void forbid_missesFiringsWhileARunLasts_andStartsTheLatestMissedOneWhenItEnds() throws IOException {
        var trace = drive(schedule("Forbid", ""));
        // firings at 2m, 3m, …: the run fired at 2m ends at 3m31s, when the 3m firing (missed) starts late, and so on
        assertThat(startsInFirstTenMinutes(trace)).startsWith(121L, 212L, 303L, 394L);
        assertThat(trace.notes()).contains("180s s-2: missed, s-1 still runs (concurrencyPolicy Forbid)", "211s s-2: started late, when the previous run ended");
        assertThat(trace.injected()).allSatisfy(f -> assertThat(f.name()).matches("s-\\d+-slow"));
    }

    @Test
    void allow_runsEveryFiring_overlapping() throws IOException {
        assertThat(translate(schedule("Allow", ""))).extracting(f -> f.start().toSeconds()).startsWith(120L, 180L, 240L, 300L);
    }

    @Test
    void aMissedFiringBeyondTheStartingDeadline_isNotStarted() throws IOException {
        var trace = drive(schedule("Forbid", "  startingDeadlineSeconds: 20\n"));
        // the 3m firing is 31 s late when the first run ends: never started; the 4m one starts on time
        assertThat(startsInFirstTenMinutes(trace)).startsWith(121L, 241L, 361L);
        assertThat(trace.notes()).contains("211s s-2: not started, more than startingDeadlineSeconds late");
    }
}
