package dev.homeostat.testbed.scenario;

import dev.homeostat.reports.score.Expectations;
import dev.homeostat.simulator.spec.DeploymentSpec;
import dev.homeostat.simulator.spec.NodeSpec;
import dev.homeostat.simulator.spec.CallSpec;
import dev.homeostat.simulator.spec.ExternalCall;
import dev.homeostat.simulator.spec.PeerSpec;
import dev.homeostat.simulator.spec.SloSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The scenario YAML as written (Kubernetes style); {@link ScenarioLoader} turns it into a {@link Scenario}. */
record ScenarioDocument(String apiVersion, String kind, Metadata metadata, Spec spec) {
    record Metadata(String name, String namespace, Map<String, String> labels, Map<String, String> annotations) { }

    /**
     * {@code metricsRetention}: how long the metric store keeps samples (absent or 0: all; e.g. 30m for large scenarios).
     * {@code trafficStep}: the fluid traffic model's step (absent: 1s; e.g. 15s for large scenarios).
     */
    record Spec(String description, Duration duration, Duration scrapeInterval,
                @com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = ScenarioMapper.StrictLong.class) Long seed, Integer seeds, Cluster cluster,
                List<FaultEntry> faults, Engine engine, Scoring scoring, Expectations expectations, Duration metricsRetention,
                Duration trafficStep, dev.homeostat.testbed.observe.Observation observation, List<ChangeEntry> changes) { }

    /**
     * {@code name}: the cluster's name as Chaos Mesh experiments give it in {@code spec.remoteCluster} (the RemoteCluster
     * that connects to it); absent, the cluster has none. {@code nodePool} is shorthand for {@code count} identical nodes
     * named {@code <prefix>-<i>}.
     */
    record Cluster(String name, List<NodeSpec> nodes, NodePool nodePool, List<DeploymentSpec> deployments, List<ServiceEntry> services,
                   List<dev.homeostat.simulator.spec.PdbSpec> pdbs) { }

    /**
     * A Service as written: {@code workload} shapes its outside traffic (no {@code requestsPerSecond}: 0, only called),
     * {@code calls} the services of its namespace and the hosts outside the cluster it calls, {@code peers} how its pods
     * call each other (absent: they do not).
     */
    record ServiceEntry(String name, String namespace, String deployment, Double requestsPerSecond, SloSpec slo, Workload workload,
                        List<CallEntry> calls, PeerEntry peers) {
        PeerSpec peerSpec() { return peers == null ? null : peers.toSpec(); }

        List<CallSpec> serviceCalls() {
            return calls == null ? List.of() : calls.stream().filter(c -> c.host() == null).map(CallEntry::toService).toList();
        }

        List<ExternalCall> externalCalls() {
            return calls == null ? List.of() : calls.stream().filter(c -> c.host() != null).map(CallEntry::toExternal).toList();
        }
    }

    /** Peer calls as written: {@code mode} quorum (default), all or one; the rest as a call's, {@code latency} default 1ms. */
    record PeerEntry(Double perRequest, String mode, Duration latency, Duration deadline, Integer retries, Duration retryBackoff) {
        PeerSpec toSpec() {
            PeerSpec.Mode m = mode == null ? null : PeerSpec.Mode.parse(mode);
            if (mode != null && m == null)
                throw new IllegalArgumentException("peers.mode: unknown mode '" + mode + "'; known: quorum (a majority of the members), all, one");
            return new PeerSpec(perRequest, m, latency, deadline, retries, retryBackoff);
        }
    }

    /** One call as written: to a {@code service} of the namespace, or to an external {@code host} (which may answer after {@code latency}). */
    record CallEntry(String service, String host, Double perRequest, Duration latency, Duration deadline, Integer retries, Duration retryBackoff) {
        CallSpec toService() {
            if (latency != null) throw new IllegalArgumentException("calls.latency: only a call to an external host has one; a service's latency is modelled");
            return new CallSpec(service, perRequest, deadline, retries, retryBackoff);
        }

        ExternalCall toExternal() {
            if (service != null) throw new IllegalArgumentException("calls: give service (in the cluster) or host (outside it), not both");
            return new ExternalCall(host, perRequest, latency, deadline, retries, retryBackoff);
        }
    }

    /**
     * {@code type}: constant (default), diurnal (amplitude, period, phase), flash-crowd or bursty (at,
     * duration, multiplier), ramp (at, duration, multiplier, hold), poisson, or replay (file: a CSV of
     * {@code seconds,requestsPerSecond}, relative to the scenario file).
     */
    record Workload(String type, Double amplitude, Duration period, Duration phase, Duration at, Duration duration, Double multiplier,
                    String file, Duration hold) { }

    record NodePool(String prefix, int count, double cpu, long memory, Map<String, String> labels) { }

    /**
     * Either a Chaos Mesh manifest applied at {@code at} — a path relative to the scenario, or the object itself
     * written inline — or an application fault by {@code type}.
     */
    record FaultEntry(com.fasterxml.jackson.databind.JsonNode manifest, Duration at, String type, String name, Duration duration, FaultTarget target,
                      Long rate, Duration addedLatency,
                      // application faults of the cluster side (bad-rollout, misconfiguration, cpu-hog, deadlock, node-failure, noisy-neighbour)
                      Duration latency, Double errorPercent, Boolean crashOnStart, String misconfiguration, Double cores, Integer pods) { }

    record FaultTarget(String namespace, String deployment, String service, String node) { }

    /** A routine change, not a fault: {@code type} rollout, config-change, scale ({@code replicas}) or drain ({@code duration}). */
    record ChangeEntry(String type, String name, FaultTarget target, Duration at, Integer replicas, Duration duration) { }

    record Engine(String policy) { }

    record Scoring(Duration grace, Duration alertCooldown, Duration escalationThreshold) { }
}
