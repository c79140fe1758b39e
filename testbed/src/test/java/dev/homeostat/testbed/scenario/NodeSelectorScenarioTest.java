package dev.homeostat.testbed.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.reports.journal.Journal;
import dev.homeostat.reports.journal.JournalEvent;
import dev.homeostat.testbed.run.ScenarioRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Node labels in a scenario, and Chaos Mesh's {@code nodeSelectors} and {@code nodes} selecting pods by their node. */
class NodeSelectorScenarioTest {
    @TempDir Path dir;

    private Journal run(String selector) throws IOException {
        Files.writeString(dir.resolve("s.yaml"), """
                apiVersion: homeostat.dev/v1alpha1
                kind: Scenario
                metadata: {name: s}
                spec:
                  duration: 15m
                  cluster:
                    nodes:
                      - {name: a-1, cpu: 4, memory: 16Gi, labels: {topology.kubernetes.io/zone: a}}
                      - {name: b-1, cpu: 4, memory: 16Gi, labels: {topology.kubernetes.io/zone: b}}
                      - {name: b-2, cpu: 4, memory: 16Gi, labels: {topology.kubernetes.io/zone: b}}
                    deployments:
                      - {name: web, replicas: 6}
                    services:
                      - {name: web, requestsPerSecond: 60}
                  faults:
                    - at: 5m
                      manifest:
                        apiVersion: chaos-mesh.org/v1alpha1
                        kind: PodChaos
                        metadata: {name: zone-fails, namespace: default}
                        spec:
                          action: pod-failure
                          mode: all
                          selector:
                %s
                          duration: 3m
                  engine: {policy: %s}
                """.formatted(selector.indent(12).stripTrailing(), Path.of("../remediation/policies/default.yaml").toAbsolutePath()));
        return ScenarioRunner.run(new ScenarioLoader().load(dir.resolve("s.yaml")), 1, null);
    }

    private static List<String> nodesHit(Journal journal) {
        var started = journal.events().stream().filter(JournalEvent.FaultStarted.class::isInstance).map(JournalEvent.FaultStarted.class::cast)
                .findFirst().orElseThrow();
        var nodeOf = new java.util.HashMap<String, String>();
        for (JournalEvent e : journal.events())
            if (e instanceof JournalEvent.ClusterEvent c && c.what().startsWith("pod created by "))
                nodeOf.put(c.target(), c.what().substring(c.what().lastIndexOf(" on ") + 4));
        assertThat(started.targets()).isNotEmpty();
        return started.targets().stream().map(t -> nodeOf.getOrDefault(t, "?")).distinct().sorted().toList();
    }

    @Test
    void nodeSelectors_selectThePodsOnNodesWithThoseLabels() throws IOException {
        assertThat(nodesHit(run("nodeSelectors:\n  topology.kubernetes.io/zone: b"))).isNotEmpty().allSatisfy(n -> assertThat(n).startsWith("b-"));
    }

    @Test
    void theHostnameLabel_andSeveralNodes_selectByNodeName() throws IOException {
        assertThat(nodesHit(run("nodeSelectors:\n  kubernetes.io/hostname: a-1"))).containsExactly("a-1");
        assertThat(nodesHit(run("nodes: [a-1, b-2]"))).containsExactly("a-1", "b-2");
    }
}
