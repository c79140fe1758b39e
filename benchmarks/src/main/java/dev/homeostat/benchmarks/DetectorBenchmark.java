package dev.homeostat.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import dev.homeostat.detectors.Detector;
import dev.homeostat.detectors.DetectorRegistry;
import dev.homeostat.detectors.DetectorSpec;

/**
 * Points scored per second by each registered detector on a 10,000-point series, after its
 * warm-up/training: one operation = one observation; one invocation feeds the whole series (the
 * series then repeats, so the stream — and the refits it triggers — goes on across invocations).
 * The {@code spec} list is every detector in the registry ({@link BenchSpecs}); a test keeps it so.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class DetectorBenchmark {
    static final int POINTS = 10_000;

    @Param({"threshold:above=1000", "mad", "ewma", "isolation-forest", "seasonal:period=288", "lifecycle", "ensemble:members=mad|ewma",
            "forecast", "forecast:model=arma", "kmeans", "dbscan", "autoencoder", "windowed-gaussian", "cad-ose", "knn-cad",
            "relative-entropy", "skyline"})
    public String spec;

    private Detector detector;
    private double[][] rows;
    private long time;

    @Setup(Level.Trial)
    public void warmUp() {
        detector = DetectorRegistry.create(DetectorSpec.parse(spec), 42);
        double[] xs = BenchSpecs.series(7, POINTS);
        rows = new double[POINTS][];
        for (int i = 0; i < POINTS; i++) rows[i] = new double[] {xs[i]};
        // past every default warm-up/training window (120 for the learned models, 3 periods for seasonal)
        for (int i = 0; i < 1000; i++) detector.observe(time++ * 15_000L, rows[i]);
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public void scoreSeries(Blackhole bh) {
        for (double[] row : rows) bh.consume(detector.observe(time++ * 15_000L, row));
    }
}
