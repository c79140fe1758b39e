package dev.homeostat.e2e;

import dev.homeostat.chaos.YamlDocuments;
import dev.homeostat.reports.journal.JournalEvent;
import dev.homeostat.testbed.run.ScenarioRunner;
import dev.homeostat.testbed.scenario.ManifestScenario;
import dev.homeostat.testbed.scenario.ScenarioLoader;
import dev.homeostat.testbed.scenario.SelectorCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A Chaos Mesh manifest, unchanged, in a 40-minute scenario whose cluster has the services manifests here select
 * (frontend, cart, catalog, checkout in default, three pods each, on node-1 … node-4, checkout's annotated
 * {@code team: payments}; frontend calls cart and checkout, checkout calls the external hosts payments.example.com and
 * 10.0.0.7; named after the manifest's {@code remoteCluster} when it has one; and in namespace data a quorum store, the StatefulSet store, whose three pods acknowledge each other's
 * requests: {@code peers: {mode: quorum}}), applied at 5m and run once: the faults it
 * injected and the simulator's injection checks. A machine a cloud kind names (AWSChaos, GCPChaos, AzureChaos) is one
 * more node, {@code machine-<n>}, with that machine's {@code providerID}. catalog runs near 60 % busy so that extra load
 * (network-duplicate) shows; an idle service would absorb it, and the check would rightly call it a no-op.
 */
final class ManifestInScenario {
    private static final Path ROOT = RepositoryPaths.root();

    record Outcome(List<JournalEvent.FaultStarted> started, List<JournalEvent.ClusterEvent> checks) {
        boolean tookEffect() {
            return checks.stream().anyMatch(c -> c.what().startsWith("injection-check: took effect"));
        }
    }

    private ManifestInScenario() { }

    /** The cluster's name line: the {@code remoteCluster} the manifest's experiments name, the cluster Chaos Mesh injects them into. */
    private static String clusterName(Path manifest) throws IOException {
        return ManifestScenario.clusterName(YamlDocuments.parse(manifest.toString(), Files.readString(manifest)).stream().map(d -> d.root()).toList());
    }

    /** A node on each machine the manifest's cloud kinds name. */
    private static String machineNodes(Path manifest) throws IOException {
        var roots = YamlDocuments.parse(manifest.toString(), Files.readString(manifest)).stream().map(d -> d.root()).toList();
        var out = new StringBuilder();
        List<String> machines = SelectorCluster.of(roots).machines();
        for (int i = 0; i < machines.size(); i++)
            out.append(i == 0 ? "    nodes:\n" : "").append("      - {name: machine-").append(i + 1).append(", cpu: 8, memory: 32Gi, providerID: \"")
                    .append(machines.get(i)).append("\"}\n");
        return out.toString();
    }

    static Outcome run(Path manifest, Path dir) throws IOException {
        Path scenario = dir.resolve("scenario.yaml");
        Files.writeString(scenario, """
                apiVersion: homeostat.dev/v1alpha1
                kind: Scenario
                metadata: {name: manifest-%s}
                spec:
                  duration: 40m
                  cluster:
                %s%s    nodePool: {count: 4, cpu: 8, memory: 32Gi}
                    deployments:
                      - {name: frontend, replicas: 3}
                      - {name: cart, replicas: 3}
                      - {name: catalog, replicas: 3}
                      - {name: checkout, replicas: 3, annotations: {team: payments}}
                      - {name: store, namespace: data, kind: StatefulSet, replicas: 3}
                    services:
                      - name: frontend
                        requestsPerSecond: 100
                        calls: [{service: cart, perRequest: 0.3}, {service: checkout, perRequest: 0.2}]
                      - {name: cart, requestsPerSecond: 80}
                      - {name: catalog, requestsPerSecond: 700}
                      - {name: checkout, requestsPerSecond: 80, calls: [{host: payments.example.com}, {host: 10.0.0.7, perRequest: 0.5}]}
                      - {name: store, namespace: data, requestsPerSecond: 100, peers: {mode: quorum}}
                  faults:
                    - {manifest: %s, at: 5m}
                  engine: {policy: %s}
                """.formatted(manifest.getFileName().toString().replace(".yaml", ""), clusterName(manifest), machineNodes(manifest), manifest.toAbsolutePath(),
                ROOT.resolve("remediation/policies/default.yaml")));
        var journal = ScenarioRunner.run(new ScenarioLoader().load(scenario), 1, null);
        var started = journal.events().stream().filter(JournalEvent.FaultStarted.class::isInstance).map(JournalEvent.FaultStarted.class::cast).toList();
        var checks = journal.events().stream().filter(JournalEvent.ClusterEvent.class::isInstance).map(JournalEvent.ClusterEvent.class::cast)
                .filter(c -> c.what().startsWith("injection-check")).toList();
        return new Outcome(started, checks);
    }
}
