package dev.homeostat.simulator.perf;

import dev.homeostat.simulator.spec.ClusterSpec;
import dev.homeostat.simulator.spec.ContainerSpec;
import dev.homeostat.simulator.spec.DeploymentSpec;
import dev.homeostat.simulator.spec.NodeSpec;
import dev.homeostat.simulator.spec.ServiceSpec;
import dev.homeostat.simulator.spec.SimulationSpec;
import dev.homeostat.simulator.spec.SloSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cluster of {@code scenarios/perf/reference.yaml} built in code, at any scale, for benchmarks
 * and tests that cannot read scenario files (the simulator knows no YAML): {@code nodes} nodes of
 * 4 cores and 16 GiB, {@code services} Deployments of {@code replicas} pods (100m, 256Mi/512Mi), one
 * Service each at 600 + (37·i mod 900) requests/s. No faults.
 */
public final class ReferenceCluster {
    private ReferenceCluster() { }

    public static ClusterSpec cluster(int nodes, int services, int replicas) {
        List<NodeSpec> nodeSpecs = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) nodeSpecs.add(new NodeSpec("node-" + i, 4, 16L << 30, Map.of()));
        var container = new ContainerSpec(null, 0.1, 256L << 20, 512L << 20, 200L << 20, null, null, null, null, null);
        var slo = new SloSpec(0.99, Duration.ofMillis(400), Duration.ofSeconds(60));
        List<DeploymentSpec> deployments = new ArrayList<>();
        List<ServiceSpec> serviceSpecs = new ArrayList<>();
        for (int i = 0; i < services; i++) {
            String name = "svc-%03d".formatted(i);
            deployments.add(new DeploymentSpec(name, null, replicas, null, container));
            serviceSpecs.add(new ServiceSpec(name, null, name, 600 + (i * 37) % 900, slo));
        }
        return new ClusterSpec(nodeSpecs, deployments, serviceSpecs);
    }

    /** The reference (1,000 nodes, 200 × 150 pods) scaled by {@code scale} in nodes and services, for {@code duration}. */
    public static SimulationSpec spec(double scale, Duration duration, Duration retention) {
        int nodes = Math.max(1, (int) Math.round(1000 * scale));
        int services = Math.max(1, (int) Math.round(200 * scale));
        return new SimulationSpec(cluster(nodes, services, 150), duration, null, List.of(), retention);
    }
}
