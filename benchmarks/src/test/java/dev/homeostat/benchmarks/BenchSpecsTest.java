package dev.homeostat.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

import dev.homeostat.detectors.DetectorRegistry;
import dev.homeostat.detectors.DetectorSpec;

/** Keeps the benchmark's detector list in step with the registry; runs no benchmark. */
class BenchSpecsTest {

    private static List<String> params(Class<?> benchmark) throws NoSuchFieldException {
        return Arrays.asList(benchmark.getField("spec").getAnnotation(Param.class).value());
    }

    @Test
    void detectorBenchmark_coversEveryRegisteredDetector_orSaysWhyNot() throws NoSuchFieldException {
        List<String> benchmarked = params(DetectorBenchmark.class).stream().map(s -> DetectorSpec.parse(s).name()).toList();
        for (String name : DetectorRegistry.names()) {
            assertThat(benchmarked.contains(name) || BenchSpecs.SKIPPED.containsKey(name))
                    .as("detector '%s' is registered but not benchmarked: add its spec to DetectorBenchmark.spec's @Param list "
                            + "(or to BenchSpecs.SKIPPED with the reason)", name)
                    .isTrue();
        }
    }

    @Test
    void everyBenchmarkedSpec_isValid() throws NoSuchFieldException {
        for (String spec : params(DetectorBenchmark.class)) {
            if (!DetectorRegistry.names().contains(DetectorSpec.parse(spec).name())) continue;   // registered in a newer build
            DetectorRegistry.validate(DetectorSpec.parse(spec));
        }
        for (String name : DetectorRegistry.names()) {
            String spec = BenchSpecs.specFor(name);
            if (spec != null) DetectorRegistry.validate(DetectorSpec.parse(spec));
        }
    }

    @Test
    void with_setsTrainOnlyWhereTheDetectorTakesIt() {
        assertThat(BenchSpecs.with("isolation-forest:trees=10", "train", "10000")).isEqualTo("isolation-forest:train=10000,trees=10");
        assertThat(BenchSpecs.with("mad", "train", "10000")).isEqualTo("mad");
    }

    @Test
    void series_isSeededAndFinite() {
        assertThat(BenchSpecs.series(1, 500)).isEqualTo(BenchSpecs.series(1, 500));
        assertThat(Arrays.stream(BenchSpecs.series(1, 500)).boxed()).allMatch(Double::isFinite);
        assertThat(BenchSpecs.series(1, 500)).isNotEqualTo(BenchSpecs.series(2, 500));
    }
}
