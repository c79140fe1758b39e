package dev.homeostat.remediation.fakes;

import dev.homeostat.remediation.DetectorFactory;
import dev.homeostat.remediation.Engine;
import dev.homeostat.remediation.policy.Policy;
import dev.homeostat.remediation.policy.PolicyLoader;
import dev.homeostat.remediation.port.ClusterView;
import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.remediation.port.NodeInfo;
import dev.homeostat.remediation.port.PdbInfo;
import dev.homeostat.remediation.port.PodInfo;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** An engine wired to fake ports, with a policy of three signals (mem, pod-errors on pods; svc-errors on services). */
public final class Harness {
    public static final String SIGNALS = """
            apiVersion: homeostat.dev/v1alpha1
            kind: RemediationPolicy
            metadata: {name: test}
            spec:
              evaluationInterval: 15s
              lookback: 1m
              signals:
                - {name: mem, metric: mem_ratio, target: pod, detector: "threshold:above=0.9"}
                - {name: pod-errors, metric: pod_errors, target: pod, detector: "threshold:above=0.5"}
                - {name: svc-errors, metric: svc_errors, target: service, detector: "threshold:above=0.5"}
            """;

    public final ManualClock clock = new ManualClock(0);
    public final FakeMetrics metrics = new FakeMetrics();
    public final FakeCluster cluster = new FakeCluster(clock);
    public final Recorder journal = new Recorder();
    public final Policy policy;
    public final Engine engine;

    /** {@code spec} is the rest of the policy's spec (rules, guards), indented by two spaces. */
    public Harness(String spec) { this(spec, 42, TestDetectors.threshold()); }

    public Harness(String spec, long seed, DetectorFactory detectors) { this(spec, seed, detectors, false); }

    /**
     * With {@code byName}, the engine sees the cluster through a view that answers lookups by name itself (as the
     * simulator's and an informer cache's do), not only by the defaults that filter its listing.
     */
    public Harness(String spec, long seed, DetectorFactory detectors, boolean byName) {
        this.policy = parse(spec);
        this.cluster.maxUnavailableFraction = policy.guards().maxUnavailableFraction();
        this.engine = new Engine(policy, metrics, byName ? new ByName(cluster) : cluster, cluster, clock, journal, seed, detectors);
    }

    /** The fake cluster, answering lookups by name and Deployment itself (from its listing, as the defaults would). */
    private record ByName(FakeCluster cluster) implements ClusterView {
        @Override public List<PodInfo> pods() { return cluster.pods(); }

        @Override public List<DeploymentInfo> deployments() { return cluster.deployments(); }

        @Override public List<NodeInfo> nodes() { return cluster.nodes(); }

        @Override public List<dev.homeostat.remediation.model.ClusterAction> measuresInForce() { return cluster.measuresInForce(); }

        @Override public List<PdbInfo> pdbs() { return cluster.pdbs(); }

        @Override public boolean answersByName() { return true; }

        @Override public Optional<PodInfo> pod(String namespace, String name) {
            for (PodInfo p : pods()) if (Objects.equals(p.namespace(), namespace) && p.name().equals(name)) return Optional.of(p);
            return Optional.empty();
        }

        @Override public List<PodInfo> podsOf(String namespace, String deployment) {
            return pods().stream().filter(p -> Objects.equals(p.namespace(), namespace) && deployment.equals(p.deployment())).toList();
        }
    }

    public static Policy parse(String spec) {
        return PolicyLoader.parse(SIGNALS + spec, "test.yaml", s -> { });
    }

    public static Map<String, String> pod(String name) { return Map.of("pod", name, "namespace", FakeCluster.NS, "service", name.replaceAll("-[^-]+$", "")); }

    public static Map<String, String> service(String name) { return Map.of("service", name, "namespace", FakeCluster.NS); }

    /** Records one sample at the current time and ticks. */
    public void sampleAndTick(String metric, Map<String, String> labels, double value) {
        metrics.add(metric, labels, clock.millis(), value);
        engine.tick();
    }

    /**
     * A random cluster: {@code nodes} nodes, a pod's readiness after 15–60 s, deployments {@code d0 … d(n-1)} of 1 to
     * {@code replicas} pods, each with a PodDisruptionBudget half the time.
     */
    public void randomCluster(java.util.SplittableRandom rnd, int nodes, int deployments, int replicas) {
        cluster.nodes = nodes;
        cluster.readyDelayMillis = 15_000L * (1 + rnd.nextInt(4));
        for (int d = 0; d < deployments; d++) {
            int size = 1 + rnd.nextInt(replicas);
            cluster.deployment("d" + d, size);
            if (rnd.nextBoolean()) cluster.pdb("d" + d, 1 + rnd.nextInt(size));
        }
    }

    /**
     * A random alert storm, one tick every 15 s for {@code ticks} ticks: each pod alerts on memory or errors with
     * probability {@code density} and turns sick or well now and then; each of deployments {@code d0 … d(n-1)}
     * alerts at the service level with half that probability.
     */
    public void storm(java.util.SplittableRandom rnd, int deployments, double density, int ticks) {
        storm(rnd, deployments, density, ticks, () -> { });
    }

    /** As {@link #storm(java.util.SplittableRandom, int, double, int)}, with {@code beforeEachTick} changing the world first. */
    public void storm(java.util.SplittableRandom rnd, int deployments, double density, int ticks, Runnable beforeEachTick) {
        for (long s = 15; s <= 15L * ticks; s += 15) {
            beforeEachTick.run();
            long t = s * 1000;
            for (String pod : cluster.podNames()) {
                if (rnd.nextDouble() < 0.05) cluster.setSick(pod, rnd.nextBoolean()); // pods fail readiness on their own too
                String metric = rnd.nextBoolean() ? "mem_ratio" : "pod_errors";
                metrics.add(metric, pod(pod), t, rnd.nextDouble() < density ? 0.99 : 0.1);
            }
            for (int d = 0; d < deployments; d++) metrics.add("svc_errors", service("d" + d), t, rnd.nextDouble() < density / 2 ? 0.9 : 0.1);
            tickAt(s);
        }
    }

    /** Records {@code value} and ticks every 15 s from {@code fromSeconds} to {@code toSeconds}, both included. */
    public void sampleEvery15s(String metric, Map<String, String> labels, long fromSeconds, long toSeconds, double value) {
        for (long s = fromSeconds; s <= toSeconds; s += 15) {
            clock.set(s * 1000);
            sampleAndTick(metric, labels, value);
        }
    }

    /** Moves the clock to {@code seconds} and ticks. */
    public void tickAt(long seconds) {
        clock.set(seconds * 1000);
        engine.tick();
    }
}
