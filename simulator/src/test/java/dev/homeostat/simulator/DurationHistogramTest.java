package dev.homeostat.simulator;

import static dev.homeostat.simulator.metrics.MetricNames.LATENCY_BUCKETS;
import static dev.homeostat.simulator.metrics.MetricNames.REQUEST_DURATION_BUCKET;
import static dev.homeostat.simulator.metrics.MetricNames.REQUEST_DURATION_COUNT;
import static dev.homeostat.simulator.metrics.MetricNames.REQUEST_DURATION_SUM;
import static dev.homeostat.simulator.metrics.MetricNames.SERVICE_LATENCY_P99;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.homeostat.simulator.fault.DependencySlowdown;
import dev.homeostat.simulator.metrics.Series;
import dev.homeostat.simulator.spec.ClusterSpec;
import dev.homeostat.simulator.spec.ContainerSpec;
import dev.homeostat.simulator.spec.DeploymentSpec;
import dev.homeostat.simulator.spec.ServiceSpec;
import dev.homeostat.simulator.spec.SimulationSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The request-duration histogram, and the p99 rule over it: what Prometheus' histogram_quantile reads live. */
class DurationHistogramTest {
    private static final long MIN = 60_000;

    private static Fixtures.Run run() {
        var container = new ContainerSpec(null, null, null, null, null, null, null, null, Duration.ofMillis(40), 8);
        var spec = new SimulationSpec(new ClusterSpec(Fixtures.nodes(3), List.of(new DeploymentSpec("api", "shop", 3, null, container)),
                List.of(new ServiceSpec("api", "shop", null, 120, null))), Duration.ofMinutes(12), null,
                List.of(new DependencySlowdown("db-slow", Duration.ofMinutes(6), Duration.ofMinutes(6), "shop", "api", Duration.ofMillis(300))));
        return Fixtures.run(spec, 1);
    }

    /** The service's cumulative bucket counts by bound at t (+Inf as positive infinity): sum by (le) over its pods, as the p99 rule does. */
    private static TreeMap<Double, Double> buckets(Fixtures.Run run, long t) {
        var out = new TreeMap<Double, Double>();
        for (Series s : run.series(REQUEST_DURATION_BUCKET)) {
            assertThat(s.labels()).containsOnlyKeys("namespace", "service", "pod", "le");
            String le = s.labels().get("le");
            out.merge(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le), valueAt(s, t), Double::sum);
        }
        return out;
    }

    /** Prometheus' histogram_quantile over the increase of each bucket in (from, to]: linear inside the bucket. */
    private static double quantile(double q, TreeMap<Double, Double> from, TreeMap<Double, Double> to) {
        double total = to.lastEntry().getValue() - from.lastEntry().getValue(), rank = q * total, lower = 0, below = 0;
        for (Map.Entry<Double, Double> e : to.entrySet()) {
            double count = e.getValue() - from.get(e.getKey());
            if (count >= rank) {
                if (e.getKey().isInfinite()) return lower;
                return lower + (e.getKey() - lower) * (rank - below) / (count - below);
            }
            lower = e.getKey();
            below = count;
        }
        return lower;
    }

    private static double valueSum(Fixtures.Run run, String code) {
        double sum = 0;
        for (Series s : run.series(dev.homeostat.simulator.metrics.MetricNames.HTTP_REQUESTS))
            if (code.equals(s.labels().get("code"))) sum += s.values()[s.size() - 1];
        return sum;
    }

    private static double valueAt(Series s, long t) {
        double v = 0;
        for (int i = 0; i < s.size() && s.times()[i] <= t; i++) v = s.values()[i];
        return v;
    }

    @Test
    void bucketsAreCumulative_andTheP99RuleIsTheirHistogramQuantile_beforeAndDuringASlowdown() {
        var run = run();
        var at5 = buckets(run, 5 * MIN);
        assertThat(at5).hasSize(LATENCY_BUCKETS.length + 1);
        double previous = 0;
        for (double count : at5.values()) {
            assertThat(count).isGreaterThanOrEqualTo(previous);
            previous = count;
        }
        double quiet = quantile(0.99, buckets(run, 4 * MIN), at5);
        double slow = quantile(0.99, buckets(run, 10 * MIN), buckets(run, 11 * MIN));
        double simQuiet = run.valueAt(SERVICE_LATENCY_P99, "service", "api", 5 * MIN);
        double simSlow = run.valueAt(SERVICE_LATENCY_P99, "service", "api", 11 * MIN);
        // the simulated rule is the shipped one: histogram_quantile over the minute's increase of the pods' buckets
        assertThat(simQuiet).isCloseTo(quiet, within(quiet * 1e-9));
        assertThat(simSlow).isCloseTo(slow, within(slow * 1e-9));
        assertThat(slow).isGreaterThan(quiet + 0.2);
    }

    @Test
    void podSumAndCount_giveEachPodsMeanLatency_andPlusInfCountsTheAnsweredAndTheTimedOutRequests() {
        var run = run();
        double sum = 0, count = 0;
        for (Series s : run.series(REQUEST_DURATION_COUNT)) {
            assertThat(s.labels()).containsOnlyKeys("namespace", "service", "pod");
            count += s.values()[s.size() - 1];
        }
        for (Series s : run.series(REQUEST_DURATION_SUM)) sum += s.values()[s.size() - 1];
        double timedOut = 0;
        for (Series s : run.series(dev.homeostat.simulator.metrics.MetricNames.HTTP_REQUESTS))
            if ("504".equals(s.labels().get("code"))) timedOut += s.values()[s.size() - 1];
        assertThat(timedOut).as("the slowdown overloads the pods").isPositive();
        var end = buckets(run, 12 * MIN);
        assertThat(count).isCloseTo(end.lastEntry().getValue(), within(1e-6 * count)); // +Inf is the count
        assertThat(count - timedOut).as("answered (200 and errors after an answer) + timed out")
                .isBetween(0.9 * valueSum(run, "200"), 1.1 * valueSum(run, "200") + 1);
        // overloaded by the slowdown, requests wait up to the 10 s cap: the run's mean is far above the 40 ms service time
        assertThat(sum / count).isBetween(0.34, 10.0);
        double quietSum = 0, quietCount = 0;
        for (Series s : run.series(REQUEST_DURATION_SUM)) quietSum += valueAt(s, 5 * MIN) - valueAt(s, 4 * MIN);
        for (Series s : run.series(REQUEST_DURATION_COUNT)) quietCount += valueAt(s, 5 * MIN) - valueAt(s, 4 * MIN);
        assertThat(quietSum / quietCount).as("before the slowdown: 40 ms at light load").isBetween(0.04, 0.1);
    }
}
