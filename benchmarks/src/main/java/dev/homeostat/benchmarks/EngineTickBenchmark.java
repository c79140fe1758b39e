package dev.homeostat.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.homeostat.remediation.Engine;
import dev.homeostat.remediation.policy.Policy;
import dev.homeostat.remediation.policy.PolicyLoader;
import dev.homeostat.remediation.port.ActionOutcome;
import dev.homeostat.remediation.port.ClusterView;
import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.remediation.port.MetricSeries;
import dev.homeostat.remediation.port.MetricsSource;
import dev.homeostat.remediation.port.PodInfo;

/**
 * One {@link Engine#tick()} over {@code pods} pod series (default 10,000): a fake metrics source
 * with one new sample per series per tick, a policy with one {@code mad} signal and one rule in
 * observe mode. Measures the engine's own work per tick — query fan-out, one detector per series,
 * routing and journaling — with the source's cost (building the 10,000 series objects) included,
 * as a live Prometheus response would be. Target: well under 1 s per tick on one core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class EngineTickBenchmark {
    static final long INTERVAL_MS = 15_000;
    static final String POLICY = """
            apiVersion: homeostat.dev/v1alpha1
            kind: RemediationPolicy
            metadata:
              name: bench
            spec:
              evaluationInterval: 15s
              lookback: 15s
              signals:
                - name: latency
                  metric: pod:request_latency_seconds:p99
                  target: pod
                  detector: %s
              rules:
                - name: observe-latency
                  match: {signals: [latency], targetKind: pod}
                  actions: [page]
                  mode: observe
            """;

    @Param("10000")
    public int pods;

    @Param("mad")
    public String detector;

    private Engine engine;
    private long now;
    private long events;

    @Setup(Level.Trial)
    public void startEngine() {
        Policy policy = PolicyLoader.parse(POLICY.formatted(detector), "bench-policy.yaml");
        var source = new OneSamplePerTick(pods, 42, () -> now);
        List<PodInfo> podInfos = new ArrayList<>(pods);
        for (int i = 0; i < pods; i++) podInfos.add(new PodInfo("default", OneSamplePerTick.podName(i), "web", "node-" + i % 100, true, 0, 0));
        List<PodInfo> frozenPods = List.copyOf(podInfos);
        ClusterView cluster = new ClusterView() {
            @Override public List<PodInfo> pods() { return frozenPods; }
            @Override public List<DeploymentInfo> deployments() { return List.of(new DeploymentInfo("default", "web", pods, pods)); }
        };
        now = 1_000_000_000L;
        engine = new Engine(policy, source, cluster, a -> ActionOutcome.refused("benchmark"), () -> now, e -> events++, 42);
        // past mad's warm-up (min = window/2 = 30 observations), so every measured tick scores every series
        for (int i = 0; i < 40; i++) tick();
    }

    @Benchmark
    public int tick() {
        now += INTERVAL_MS;
        engine.tick();
        return engine.detectorCount();
    }

    /** The fake source: for every pod, the one sample at the clock's now (seeded noise). */
    static final class OneSamplePerTick implements MetricsSource {
        private final List<Map<String, String>> labels;
        private final SplittableRandom random;
        private final java.util.function.LongSupplier clock;

        OneSamplePerTick(int pods, long seed, java.util.function.LongSupplier clock) {
            List<Map<String, String>> l = new ArrayList<>(pods);
            for (int i = 0; i < pods; i++) l.add(Map.of("pod", podName(i), "namespace", "default", "service", "web"));
            this.labels = List.copyOf(l);
            this.random = new SplittableRandom(seed);
            this.clock = clock;
        }

        static String podName(int i) { return "web-" + i; }

        @Override
        public List<MetricSeries> range(String metric, long fromMillis, long toMillis) {
            long t = clock.getAsLong();
            List<MetricSeries> out = new ArrayList<>(labels.size());
            for (Map<String, String> l : labels) {
                out.add(new MetricSeries(l, new long[] {t}, new double[] {0.2 + 0.01 * random.nextDouble()}));
            }
            return out;
        }
    }
}
