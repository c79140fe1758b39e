package dev.homeostat.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.detectors.Detector;
import dev.homeostat.remediation.fakes.FakeCluster;
import dev.homeostat.remediation.fakes.FakeMetrics;
import dev.homeostat.remediation.fakes.ManualClock;
import dev.homeostat.remediation.fakes.Recorder;
import dev.homeostat.remediation.fakes.TestDetectors;
import dev.homeostat.remediation.model.EngineEvent;
import dev.homeostat.remediation.policy.PolicyLoader;
import dev.homeostat.remediation.port.MetricSeries;
import dev.homeostat.remediation.port.MetricsSource;
import dev.homeostat.remediation.port.SeriesBatch;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The engine reads each tick's samples through {@link MetricsSource#read}; a source that numbers its series and reuses
 * its arrays (as the simulator's does) must lead to the very decisions one that only answers {@link MetricsSource#range}
 * does: the numbers only spare the engine a lookup by labels.
 */
class MetricsFeedTest {
    private static final String POLICY = """
            apiVersion: homeostat.dev/v1alpha1
            kind: RemediationPolicy
            metadata: {name: feed}
            spec:
              evaluationInterval: 15s
              lookback: 1m
              signals:
                - {name: mem, metric: mem_ratio, target: pod, detector: "threshold:above=0.9"}
                - {name: pod-errors, metric: pod_errors, target: pod, peers: service, detector: "threshold:above=0.3"}
                - {name: pod-latency, metric: pod_latency, target: pod, peers: {label: service, compare: ratio}, detector: "threshold:above=2"}
                - {name: crash, metric: 'waiting{reason="CrashLoopBackOff"}', target: pod, detector: "threshold:above=0.5"}
              rules:
                - name: restart
                  match: {signals: [mem, pod-errors, pod-latency, crash], targetKind: pod}
                  actions: [restart-pod, page]
                  verifyAfter: 1m
              guards: {cooldown: 5m, maxActionsPerMinute: 10, maxUnavailableFraction: 0.34}
            """;

    /**
     * A source that numbers its series (renumbering every one of them now and then, as a store that drops and re-creates
     * a series would), hands out one label map per series and one scratch pair of arrays for all, scribbled over after
     * each series so that an engine keeping them would see garbage.
     */
    private static final class NumberingSource implements MetricsSource {
        private final FakeMetrics inner;
        private final Map<String, Map<Map<String, String>, Integer>> ids = new HashMap<>();
        private final Map<Map<String, String>, Map<String, String>> instances = new HashMap<>();
        private final long[] times = new long[64];
        private final double[] values = new double[64];
        private int next;
        int reads;
        /** Hands batches of its own, of 1 to 5 series, instead of the default's over {@link #read}. */
        private final boolean batches;
        private final SplittableRandom cuts = new SplittableRandom(3);

        NumberingSource(FakeMetrics inner, boolean batches) {
            this.inner = inner;
            this.batches = batches;
        }

        @Override public void readBatches(String metric, long fromMillis, long toMillis, BatchSink sink) {
            if (!batches) {
                MetricsSource.super.readBatches(metric, fromMillis, toMillis, sink);
                return;
            }
            SeriesBatch batch = new SeriesBatch();
            int[] cut = {1 + cuts.nextInt(5)};
            read(metric, fromMillis, toMillis, (id, labels, times, values, n) -> {
                batch.add(id, labels, times, values, n);
                if (batch.size() == cut[0]) {
                    sink.accept(batch);
                    batch.clear();
                    cut[0] = 1 + cuts.nextInt(5);
                }
            });
            if (batch.size() > 0) sink.accept(batch);
        }

        @Override public List<MetricSeries> range(String metric, long fromMillis, long toMillis) {
            return inner.range(metric, fromMillis, toMillis);
        }

        @Override public void read(String metric, long fromMillis, long toMillis, SeriesSink sink) {
            if (++reads % 37 == 0) ids.clear(); // every series renumbered
            for (MetricSeries s : inner.range(metric, fromMillis, toMillis)) {
                int id = ids.computeIfAbsent(metric, m -> new HashMap<>()).computeIfAbsent(s.labels(), l -> next++);
                int n = s.times().length;
                System.arraycopy(s.times(), 0, times, 0, n);
                System.arraycopy(s.values(), 0, values, 0, n);
                sink.accept(id, instances.computeIfAbsent(s.labels(), l -> l), times, values, n);
                Arrays.fill(times, Long.MIN_VALUE);
                Arrays.fill(values, Double.NaN);
            }
        }
    }

    /** How the engine's source hands the series: by range only, numbered one at a time, numbered in batches of its own. */
    private enum Feed { RANGE, NUMBERED, BATCHED }

    private static List<EngineEvent> run(Feed feed, long seed) {
        return run(feed, seed, TestDetectors.threshold());
    }

    private static MetricsSource source(Feed feed, FakeMetrics metrics) {
        return switch (feed) {
            case RANGE -> metrics::range;
            case NUMBERED -> new NumberingSource(metrics, false);
            case BATCHED -> new NumberingSource(metrics, true);
        };
    }

    private static List<EngineEvent> run(Feed feed, long seed, DetectorFactory detectors) {
        var clock = new ManualClock(0);
        var metrics = new FakeMetrics();
        var cluster = new FakeCluster(clock);
        cluster.deployment("a", 6).deployment("b", 6).deployment("c", 3);
        var journal = new Recorder();
        var engine = new Engine(PolicyLoader.parse(POLICY, "feed.yaml", s -> { }), source(feed, metrics), cluster, cluster, clock,
                journal, 7, detectors);
        var rnd = new SplittableRandom(seed);
        String slowest = cluster.podNames().stream().filter(p -> p.startsWith("c")).sorted().findFirst().orElseThrow();
        for (long s = 15; s <= 15L * 120; s += 15) {
            long t = s * 1000;
            for (String pod : cluster.podNames()) {
                Map<String, String> labels = Map.of("pod", pod, "namespace", FakeCluster.NS, "service", pod.substring(0, 1));
                if (rnd.nextDouble() < 0.9) metrics.add("mem_ratio", labels, t, rnd.nextDouble() < 0.02 ? 0.95 : 0.3);
                metrics.add("pod_errors", labels, t, rnd.nextDouble() < 0.05 ? 0.8 : rnd.nextDouble() * 0.1);
                // service c idle now and then but for one slow pod: its peers' median latency is 0, a ratio to it says
                // nothing that tick, and the slow pod's sample is judged when the source hands it again
                boolean idle = pod.startsWith("c") && s % 300 < 45;
                double slowOrIdle = pod.equals(slowest) ? 1.5 : 0;
                metrics.add("pod_latency", labels, t, idle ? slowOrIdle : rnd.nextDouble() < 0.05 ? 1.5 : 0.2 + rnd.nextDouble() * 0.1);
                String reason = rnd.nextBoolean() ? "CrashLoopBackOff" : "ImagePullBackOff";
                if (rnd.nextDouble() < 0.1) metrics.add("waiting", Map.of("pod", pod, "namespace", FakeCluster.NS, "reason", reason), t, 1);
            }
            // a series without the target label: no detector of its own, but a peer of its service
            metrics.add("pod_errors", Map.of("namespace", FakeCluster.NS, "service", "a"), t, 0.05);
            clock.set(t);
            engine.tick();
        }
        return journal.events;
    }

    /**
     * The registry's detectors tell the evaluator which values would change nothing ({@code Detector.quietBand}), and it
     * skips those: the same detectors with the band hidden, fed every sample, must lead to the same decisions.
     */
    @Test
    void skippingQuietSamples_changesNoDecision() {
        DetectorFactory registry = DetectorFactory.registry();
        DetectorFactory bandless = (spec, seed) -> {
            Detector d = registry.create(spec, seed);
            return d::observe;
        };
        for (long seed = 1; seed <= 3; seed++) {
            for (Feed feed : Feed.values()) {
                List<EngineEvent> everySample = run(feed, seed, bandless);
                assertThat(everySample).filteredOn(e -> e instanceof EngineEvent.AnomalyRaised).isNotEmpty();
                assertThat(run(feed, seed, registry)).as("seed %d, %s", seed, feed).isEqualTo(everySample);
            }
        }
    }

    /**
     * A ratio to peers at zero says nothing, and the samples of that tick stay unseen: a source that hands them again
     * (a window from the last tick on) has them judged against the next tick's median.
     */
    @Test
    void aRatioToPeersAtZero_leavesTheSampleForTheNextTick() {
        for (Feed feed : Feed.values()) {
            var clock = new ManualClock(0);
            var metrics = new FakeMetrics();
            var cluster = new FakeCluster(clock);
            cluster.deployment("c", 3);
            var journal = new Recorder();
            var engine = new Engine(PolicyLoader.parse(POLICY, "feed.yaml", s -> { }), source(feed, metrics), cluster, cluster,
                    clock, journal, 7, DetectorFactory.registry());
            List<String> pods = cluster.podNames().stream().sorted().toList();
            for (long s = 15; s <= 45; s += 15) {
                long t = s * 1000;
                for (String pod : pods) {
                    // at 30 s: one slow pod, its peers idle (median 0); at 45 s all alike (median 0.2)
                    double v = s == 30 ? (pod.equals(pods.getFirst()) ? 1.5 : 0) : 0.2;
                    metrics.add("pod_latency", Map.of("pod", pod, "namespace", FakeCluster.NS, "service", "c"), t, v);
                }
                clock.set(t);
                engine.tick();
            }
            assertThat(journal.events).as("%s", feed)
                    .filteredOn(e -> e instanceof EngineEvent.AnomalyRaised)
                    .extracting(e -> ((EngineEvent.AnomalyRaised) e).anomaly().timeMillis() + " " + ((EngineEvent.AnomalyRaised) e).anomaly().target().name())
                    .containsExactly("30000 " + pods.getFirst());
        }
    }

    /** Numbered one by one or in batches of any size, the series lead to the decisions {@code range} leads to. */
    @Test
    void numberedSeriesInScratchArraysOrBatches_leadToTheSameDecisionsAsRange() {
        for (long seed = 1; seed <= 3; seed++) {
            List<EngineEvent> byRange = run(Feed.RANGE, seed);
            assertThat(byRange).filteredOn(e -> e instanceof EngineEvent.AnomalyRaised).isNotEmpty();
            assertThat(byRange).filteredOn(e -> e instanceof EngineEvent.ActionTaken).isNotEmpty();
            assertThat(run(Feed.NUMBERED, seed)).as("seed %d, numbered", seed).isEqualTo(byRange);
            assertThat(run(Feed.BATCHED, seed)).as("seed %d, batched", seed).isEqualTo(byRange);
        }
    }
}
