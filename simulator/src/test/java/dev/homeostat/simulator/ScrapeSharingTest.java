package dev.homeostat.simulator;

import static dev.homeostat.simulator.TrafficStepSharingTest.PODS;
import static dev.homeostat.simulator.TrafficStepSharingTest.STEP_MS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.simulator.TrafficStepSharingTest.Event;
import dev.homeostat.simulator.metrics.MetricStore;
import dev.homeostat.simulator.metrics.Series;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A scrape that works a shared row's samples out once ({@link RowSamples}) stores, bit for bit, the samples of a scrape
 * that works them out for every pod: whatever befalls which pod between scrapes (sets it apart from the shared row,
 * stops its container, stresses it, …).
 */
class ScrapeSharingTest {

    @Property(tries = 150)
    void sharedRowSamples_sameAsEachPodsOwn(@ForAll("plans") List<List<Event>> plan, @ForAll long seed) {
        var shared = TrafficStepSharingTest.deployment();
        var alone = TrafficStepSharingTest.deployment();
        var step = new TrafficStep(e -> { }, STEP_MS);
        MetricStore sharedStore = new MetricStore(), aloneStore = new MetricStore();
        var sharing = new Scraper(sharedStore, new SplittableRandom(seed));
        var notSharing = new Scraper(aloneStore, new SplittableRandom(seed));
        notSharing.rowSamples.share = false;
        long t = 0;
        for (List<Event> events : plan) {
            t += STEP_MS;
            for (int i = 0; i < PODS; i++) {
                TrafficStepSharingTest.befall(shared.pods.get(i), events.get(i), t);
                TrafficStepSharingTest.befall(alone.pods.get(i), events.get(i), t);
            }
            step.step(shared, t);
            step.step(alone, t);
            sharing.scrapeDeployment(sharing.begin(t), shared, t);
            notSharing.scrapeDeployment(notSharing.begin(t), alone, t);
        }
        assertThat(sharedStore.metricNames()).isEqualTo(aloneStore.metricNames()).isNotEmpty();
        for (String metric : aloneStore.metricNames()) {
            List<Series> a = sharedStore.range(metric, 0, t), b = aloneStore.range(metric, 0, t);
            assertThat(a).as(metric).hasSameSizeAs(b);
            for (int i = 0; i < b.size(); i++) {
                assertThat(a.get(i).labels()).as(metric).isEqualTo(b.get(i).labels());
                assertThat(a.get(i).times()).as("%s %s", metric, b.get(i).labels()).isEqualTo(b.get(i).times());
                assertThat(bits(a.get(i).values())).as("%s %s", metric, b.get(i).labels()).isEqualTo(bits(b.get(i).values()));
            }
        }
    }

    @Provide
    Arbitrary<List<List<Event>>> plans() {
        // mostly quiet steps, so rows stay shared for a while before something sets a pod apart
        Arbitrary<Event> event = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(30, Arbitraries.just(Event.NONE)),
                net.jqwik.api.Tuple.of(3, Arbitraries.of(Event.class)));
        return event.list().ofSize(PODS).list().ofMinSize(1).ofMaxSize(40);
    }

    private static long[] bits(double[] values) {
        long[] b = new long[values.length];
        for (int i = 0; i < values.length; i++) b[i] = Double.doubleToRawLongBits(values[i]);
        return b;
    }
}
