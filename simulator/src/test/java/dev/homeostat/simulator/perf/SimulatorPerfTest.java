package dev.homeostat.simulator.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homeostat.simulator.Simulation;
import dev.homeostat.simulator.metrics.Series;
import dev.homeostat.simulator.spec.SimulationSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The figures are consistent (no timing is asserted), and retention changes no sample inside its window. */
class SimulatorPerfTest {
    private static final SimulationSpec SMALL = ReferenceCluster.spec(0.005, Duration.ofMinutes(20), Duration.ofMinutes(5));

    @Test
    void referenceCluster_hasTheShapeOfTheReferenceScenario() {
        var c = ReferenceCluster.cluster(1000, 200, 150);
        assertThat(c.nodes()).hasSize(1000);
        assertThat(c.deployments().stream().mapToInt(d -> d.replicas()).sum()).isEqualTo(30_000);
        assertThat(c.services()).hasSize(200);
    }

    @Test
    void measure_reportsTheRunItMade() {
        var f = SimulatorPerf.measure(SMALL, 1);
        assertThat(f.simulatedMillis()).isEqualTo(20 * 60_000L);
        assertThat(f.events()).isGreaterThan(20 * 60); // at least a traffic step per second
        assertThat(f.series()).isPositive();
        // 5 min at 15 s holds at most 21 samples per series, plus what the ring had not reused yet
        assertThat(f.samples()).isLessThanOrEqualTo(32L * f.series());
        assertThat(f.speedUp()).isPositive();
        assertThat(f.heapPeakBytes()).isPositive();
    }

    @Test
    void parallel_comparesTheSameSeedsOnOneAndManyThreads() {
        var p = SimulatorPerf.parallel(SMALL, 1, 2, 2);
        assertThat(p.oneThreadNanos()).isPositive();
        assertThat(p.manyThreadsNanos()).isPositive();
        assertThat(p.efficiency()).isEqualTo(p.speedUp() / 2);
        assertThatThrownBy(() -> SimulatorPerf.parallel(SMALL, 1, 0, 1)).hasMessageContaining("seeds");
    }

    @Test
    void eventLoopBenchmark_measuresBothQueues() {
        var r = EventLoopBenchmark.run(1000, 20_000, 1, 7);
        assertThat(r.eventQueuePerSecond()).isPositive();
        assertThat(r.priorityQueuePerSecond()).isPositive();
        assertThat(r.ratio()).isEqualTo(r.eventQueuePerSecond() / r.priorityQueuePerSecond());
        assertThatThrownBy(() -> EventLoopBenchmark.run(0, 1, 1, 1)).hasMessageContaining("pending");
    }

    @Test
    void retention_leavesTheSamplesOfItsWindowExactlyAsKeepAll() {
        var all = new Simulation(SMALL.withMetricsRetention(SimulationSpec.KEEP_ALL_METRICS), 3, e -> { });
        var windowed = new Simulation(SMALL, 3, e -> { });
        all.run();
        windowed.run();
        long from = SMALL.duration().toMillis() - Duration.ofMinutes(5).toMillis();
        for (String metric : all.metrics().metricNames()) {
            List<Series> expected = all.metrics().range(metric, from, Long.MAX_VALUE);
            List<Series> actual = windowed.metrics().range(metric, 0, Long.MAX_VALUE);
            assertThat(actual).as(metric).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(actual.get(i).times()).containsExactly(expected.get(i).times());
                assertThat(actual.get(i).values()).containsExactly(expected.get(i).values());
            }
        }
        assertThat(windowed.metrics().sampleCount()).isLessThan(all.metrics().sampleCount());
    }

    @Test
    void specRejectsARetentionShorterThanTheScrape() {
        assertThatThrownBy(() -> SMALL.withMetricsRetention(Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metricsRetention");
        assertThatThrownBy(() -> SMALL.withMetricsRetention(Duration.ofSeconds(-5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metricsRetention");
    }
}
