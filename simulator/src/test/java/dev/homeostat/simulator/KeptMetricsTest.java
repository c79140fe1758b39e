package dev.homeostat.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homeostat.simulator.metrics.MetricNames;
import dev.homeostat.simulator.metrics.Series;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/**
 * A run that keeps only some metric families ({@link Simulation#keepMetrics}) is the run that keeps them all, less the
 * other families: same events, and the kept families' series with the same labels, times and values.
 */
class KeptMetricsTest {

    @Provide Arbitrary<ClusterArbitraries.Plan> plans() {
        return Arbitraries.of(true, false).flatMap(roomy -> ClusterArbitraries.plans(roomy, Duration.ofMinutes(10)));
    }

    @Provide Arbitrary<Set<String>> kept() {
        // a baseline keeps just the services' rules for its timeline: no pod visited
        return Arbitraries.oneOf(Arbitraries.just(Set.of(MetricNames.SERVICE_ERROR_RATIO, MetricNames.SERVICE_LATENCY_P99)),
                Arbitraries.of(List.copyOf(Scraper.families())).set().ofMaxSize(6));
    }

    @Property(tries = 25)
    void keptFamilies_sameAsInAFullRun_othersAbsent(@ForAll("plans") ClusterArbitraries.Plan plan,
                                                    @ForAll("kept") Set<String> kept, @ForAll @LongRange(max = 1000) long seed) {
        var full = Fixtures.run(plan.spec(), seed);
        var events = new java.util.ArrayList<dev.homeostat.simulator.events.SimEvent>();
        var some = new Simulation(plan.spec(), seed, events::add);
        some.keepMetrics(kept);
        some.run();
        assertThat(events).isEqualTo(full.events());
        assertThat(some.pods()).isEqualTo(full.sim().pods());
        for (String metric : Scraper.families()) {
            List<Series> expected = kept.contains(metric) ? full.series(metric) : List.of();
            List<Series> actual = some.metrics().range(metric, 0, some.endMillis());
            assertThat(actual).as(metric).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(actual.get(i).labels()).as(metric).isEqualTo(expected.get(i).labels());
                assertThat(actual.get(i).times()).as(metric).isEqualTo(expected.get(i).times());
                assertThat(actual.get(i).values()).as(metric).isEqualTo(expected.get(i).values());
            }
        }
    }

    /** A family the scrape writes but {@link Scraper#families} does not know could not be kept. */
    @Example
    void everyScrapedFamily_canBeKept() {
        var scraped = new java.util.TreeSet<String>();
        for (var fault : GoldenScenarios.faults().values())
            scraped.addAll(Fixtures.run(GoldenScenarios.shop(List.of(fault)), 1).sim().metrics().metricNames());
        assertThat(scraped).contains(MetricNames.MESH_REQUESTS, MetricNames.WAITING_REASON, MetricNames.LAST_TERMINATED_REASON);
        assertThat(Scraper.families()).containsAll(scraped);
    }

    @Example
    void unknownFamily_isRefused_naming_theKnownOnes() {
        var sim = new Simulation(GoldenScenarios.all().getFirst().spec(), 1, e -> { });
        assertThatThrownBy(() -> sim.keepMetrics(Set.of("http_request_total")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'http_request_total'").hasMessageContaining(MetricNames.HTTP_REQUESTS);
    }
}
