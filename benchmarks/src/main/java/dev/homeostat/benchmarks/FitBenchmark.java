package dev.homeostat.benchmarks;

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

import dev.homeostat.detectors.Detector;
import dev.homeostat.detectors.DetectorRegistry;
import dev.homeostat.detectors.DetectorSpec;
import dev.homeostat.detectors.Verdict;

/**
 * Fit/train time of each detector that fits a model, on a 10,000-point window ({@code train=10000}):
 * the setup feeds the first 9,999 points (which only fill the window); the measured call feeds the
 * 10,000th, which fits. Single-shot: one fit per measurement. Detectors without a fit (threshold, mad,
 * ewma, seasonal, lifecycle) keep windows, not models, and are not listed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class FitBenchmark {
    static final int WINDOW = 10_000;

    @Param({"isolation-forest", "forecast", "forecast:model=arma", "kmeans", "dbscan", "autoencoder"})
    public String spec;

    private Detector detector;
    private double[][] rows;

    @Setup(Level.Invocation)
    public void fillWindow() {
        detector = DetectorRegistry.create(DetectorSpec.parse(BenchSpecs.with(spec, "train", String.valueOf(WINDOW))), 42);
        double[] xs = BenchSpecs.series(11, WINDOW);
        rows = new double[WINDOW][];
        for (int i = 0; i < WINDOW; i++) rows[i] = new double[] {xs[i]};
        for (int i = 0; i < WINDOW - 1; i++) detector.observe(i * 15_000L, rows[i]);
    }

    @Benchmark
    public Verdict fit() {
        return detector.observe((WINDOW - 1) * 15_000L, rows[WINDOW - 1]);
    }
}
