package dev.homeostat.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.simulator.spec.ContainerSpec;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The step's memos of a Deployment's shared per-pod work ({@link StepMemos#serviceTime}, {@code serve}, {@code slowerThan}, {@code shares}). */
class TrafficStepMemoTest {
    private static final List<ContainerSpec> CONTAINERS = List.of(
            new ContainerSpec(null, 0.1, null, null, null, null, null, null, Duration.ofMillis(20), 4),
            new ContainerSpec(null, 0.5, null, null, null, null, null, null, Duration.ofMillis(7), 16),
            new ContainerSpec(null, 0.0, null, null, null, null, null, null, Duration.ofMillis(150), 1));

    record Pod(int container, double gc, double stolen, double extra, double arrivals, double mean, double offset, double threshold) { }

    /** Whatever the order and repetition of inputs, what the step's memos hand out is, bit for bit, what the model works out afresh. */
    @Property(tries = 300)
    void answersAsTheModelWorkedOutAfresh(@ForAll("pods") List<Pod> pods) {
        var step = new StepMemos();
        double[] fresh = new double[4];
        for (Pod p : pods) {
            ContainerSpec c = CONTAINERS.get(p.container());
            double expected = c.serviceTime().toNanos() / 1e9 * p.gc() * TrafficModel.cpuFactor(p.stolen(), c.cpuRequest());
            if (p.extra() > 0) expected += p.extra();
            double serviceTime = step.serviceTime(c, p.gc(), p.stolen(), p.extra());
            assertThat(Double.doubleToRawLongBits(serviceTime)).isEqualTo(Double.doubleToRawLongBits(expected));

            TrafficModel.serve(p.arrivals(), serviceTime, c.concurrency(), fresh);
            double[] served = step.serve(p.arrivals(), serviceTime, c);
            for (int i = 0; i < 4; i++) assertThat(Double.doubleToRawLongBits(served[i])).isEqualTo(Double.doubleToRawLongBits(fresh[i]));
            assertThat(step.servedCap).isEqualTo(TrafficModel.latencyCap(serviceTime));
            assertThat(step.servedCpuShare).isEqualTo(Math.max(c.cpuRequest(), TrafficModel.MIN_CPU_SHARE));

            double[] shares = step.shares(p.mean(), p.offset());
            for (int b = 0; b < shares.length; b++) {
                double le = dev.homeostat.simulator.metrics.MetricNames.LATENCY_BUCKETS[b];
                double share = le > p.offset() ? -Math.expm1(-(le - p.offset()) / p.mean()) : 0;
                assertThat(Double.doubleToRawLongBits(shares[b])).isEqualTo(Double.doubleToRawLongBits(share));
            }

            double ok = served[TrafficModel.OK];
            assertThat(Double.doubleToRawLongBits(step.slowerThan(ok, p.mean(), p.offset(), p.threshold())))
                    .isEqualTo(Double.doubleToRawLongBits(TrafficModel.slowerThan(ok, p.mean(), p.offset(), p.threshold())));
        }
    }

    @Provide
    Arbitrary<List<Pod>> pods() {
        // few distinct values, so inputs repeat (the memos' hits) and change (their misses) in every order
        Arbitrary<Double> gc = Arbitraries.of(1.0, 1.0, 2.5, 10.0);
        Arbitrary<Double> stolen = Arbitraries.of(0.0, 0.0, 0.3);
        Arbitrary<Double> extra = Arbitraries.of(0.0, 0.0, 0.05, -0.0);
        Arbitrary<Double> arrivals = Arbitraries.of(0.0, 12.5, 12.5, 400.0, 1e5);
        Arbitrary<Double> mean = Arbitraries.of(0.02, 0.02, 0.5, 3.0);
        Arbitrary<Double> offset = Arbitraries.of(0.0, 0.0, 0.1, 2.0);
        Arbitrary<Double> threshold = Arbitraries.of(0.5, 0.5, 1.0);
        Arbitrary<Pod> pod = Combinators.combine(Arbitraries.integers().between(0, CONTAINERS.size() - 1), gc, stolen, extra, arrivals,
                mean, offset, threshold).as(Pod::new);
        return pod.list().ofMaxSize(40);
    }
}
