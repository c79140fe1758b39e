package dev.homeostat.testbed.scenario;

import dev.homeostat.reports.score.Expectations;
import dev.homeostat.simulator.spec.DeploymentSpec;
import dev.homeostat.simulator.spec.NodeSpec;
import dev.homeostat.simulator.spec.ServiceSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The scenario YAML as written (Kubernetes style); {@link ScenarioLoader} turns it into a {@link Scenario}. */
record ScenarioDocument(String apiVersion, String kind, Metadata metadata, Spec spec) {
    record Metadata(String name, String namespace, Map<String, String> labels, Map<String, String> annotations) { }

    /** {@code metricsRetention}: how long the metric store keeps samples (absent or 0: all; e.g. 30m for large scenarios). */
    record Spec(String description, Duration duration, Duration scrapeInterval, Long seed, Integer seeds, Cluster cluster,
                List<FaultEntry> faults, Engine engine, Scoring scoring, Expectations expectations, Duration metricsRetention) { }

    /** {@code nodePool} is shorthand for {@code count} identical nodes named {@code <prefix>-<i>}. */
    record Cluster(List<NodeSpec> nodes, NodePool nodePool, List<DeploymentSpec> deployments, List<ServiceSpec> services) { }

    record NodePool(String prefix, int count, double cpu, long memory) { }

    /** Either a Chaos Mesh manifest applied at {@code at}, or an application fault by {@code type}. */
    record FaultEntry(String manifest, Duration at, String type, String name, Duration duration, FaultTarget target,
                      Long rate) { }

    record FaultTarget(String namespace, String deployment) { }

    record Engine(String policy) { }

    record Scoring(Duration grace, Duration alertCooldown, Duration escalationThreshold) { }
}
