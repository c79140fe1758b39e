package dev.homeostat.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.simulator.spec.ContainerSpec;
import dev.homeostat.simulator.spec.DeploymentSpec;
import dev.homeostat.simulator.spec.ServiceSpec;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Pods that share a row and an outcome ({@link PodRows}, {@link PodOutcome}) end each step with, bit for bit, the numbers
 * they would have had had each pod worked out and added its own: whatever befalls which pod at which step (the Service's
 * duration histogram to the last bits of a float sum: it adds the shared outcome once, times its pods).
 */
class TrafficStepSharingTest {
    static final long STEP_MS = 15_000;
    static final int PODS = 6;

    /** What befalls a pod before a step. */
    enum Event { NONE, STRESS, LEAK, DELAY, ERRORS, CRASH, NOT_SERVING, LOSE_IN_FLIGHT, RECOVER }

    @Property(tries = 150)
    void sharedRowsAndOutcomesAddUpAsEachPodsOwn(@ForAll("plans") List<List<Event>> plan) {
        var shared = deployment();
        var alone = deployment();
        var sharing = new TrafficStep(e -> { }, STEP_MS);
        var notSharing = new TrafficStep(e -> { }, STEP_MS);
        notSharing.shareOutcomes = false;
        long t = 0;
        for (List<Event> events : plan) {
            t += STEP_MS;
            for (int i = 0; i < PODS; i++) {
                befall(shared.pods.get(i), events.get(i), t);
                befall(alone.pods.get(i), events.get(i), t);
            }
            sharing.step(shared, t);
            notSharing.step(alone, t);
            for (int i = 0; i < PODS; i++) assertSameNumbers(shared.pods.get(i), alone.pods.get(i));
            assertThat(bits(shared.service.stepP99)).isEqualTo(bits(alone.service.stepP99));
            assertThat(bits(shared.service.totalRequests)).isEqualTo(bits(alone.service.totalRequests));
            assertThat(bits(shared.service.totalErrors)).isEqualTo(bits(alone.service.totalErrors));
            assertThat(bits(shared.service.totalSlow)).isEqualTo(bits(alone.service.totalSlow));
            // the Service's histogram adds the shared outcome once, times its pods: equal up to the order of float sums
            for (int b = 0; b < shared.service.totalDurations.length; b++)
                assertThat(shared.service.totalDurations[b]).isCloseTo(alone.service.totalDurations[b],
                        org.assertj.core.api.Assertions.within(1e-12 * Math.max(1, alone.service.totalDurations[b])));
        }
    }

    @Provide
    Arbitrary<List<List<Event>>> plans() {
        // mostly quiet steps, so rows stay shared for a while before something sets a pod apart
        Arbitrary<Event> event = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(40, Arbitraries.just(Event.NONE)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(Event.class)));
        return event.list().ofSize(PODS).list().ofMinSize(1).ofMaxSize(12);
    }

    static DeploymentState deployment() {
        var d = new DeploymentState(new DeploymentSpec("api", "shop", PODS, null, ContainerSpec.defaults()));
        d.service = new ServiceState(new ServiceSpec("api", "shop", "api", 200, null), d, new SplittableRandom(7), STEP_MS);
        for (int i = 0; i < PODS; i++) {
            var p = new PodState("api-" + i, d, d.current(), 0, STEP_MS);
            p.moveTo(PodLifecycle.RUNNING);
            p.moveTo(PodLifecycle.READY);
            p.container = PodState.Container.RUNNING;
            p.runningSince = 0;
            d.pods.add(p);
        }
        return d;
    }

    static void befall(PodState p, Event e, long t) {
        switch (e) {
            case NONE -> { }
            case STRESS -> p.stressCores += 0.25;
            case LEAK -> {
                p.settleLeak(t);
                p.leakRate += 40L << 20;
            }
            case DELAY -> p.addEffect(new TrafficEffect.Delay(0.05, 0.01, new SplittableRandom(p.name.hashCode()), true));
            case ERRORS -> p.addEffect(new TrafficEffect.Errors(0.3, false));
            case CRASH -> p.container = PodState.Container.WAITING;
            case NOT_SERVING -> p.servingAt = t + 2 * STEP_MS;
            case LOSE_IN_FLIGHT -> p.loseInFlight(p.lastArrivals() * p.lastLatency());
            case RECOVER -> {
                p.container = PodState.Container.RUNNING;
                p.stressCores = 0;
                p.effects = List.of();
            }
        }
    }

    private static void assertSameNumbers(PodState a, PodState b) {
        assertThat(a.rows.length > 0 && b.rows.length > 0).isTrue();
        for (int i = 0; i < b.deployment.rows.width; i++)
            assertThat(bits(a.rows[a.row + i])).as("%s, value %d of its row", a.name, i).isEqualTo(bits(b.rows[b.row + i]));
    }

    private static long bits(double v) { return Double.doubleToRawLongBits(v); }
}
