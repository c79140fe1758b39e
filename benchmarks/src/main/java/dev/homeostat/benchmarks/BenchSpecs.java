package dev.homeostat.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import dev.homeostat.detectors.DetectorRegistry;
import dev.homeostat.detectors.DetectorSpec;

/** Which spec stands for each registered detector in the benchmarks, and the seeded series they score. */
public final class BenchSpecs {
    private BenchSpecs() { }

    /** Detectors left out, and why: they need files a benchmark cannot invent. */
    public static final Map<String, String> SKIPPED = Map.of(
            "classifier", "needs a model file from 'homeostat train'; benchmark it with -p spec=classifier:model=FILE");

    /** The spec benchmarked for {@code name} (the registry's example for it), or null when it is skipped. */
    public static String specFor(String name) {
        if (SKIPPED.containsKey(name)) return null;
        return DetectorRegistry.entries().stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown detector '" + name + "'")).example();
    }

    /** Every registered detector's benchmark spec, in name order. */
    public static List<String> registrySpecs() {
        List<String> specs = new ArrayList<>();
        for (String name : DetectorRegistry.names()) {
            String spec = specFor(name);
            if (spec != null) specs.add(spec);
        }
        return specs;
    }

    /** {@code spec} with {@code key=value} added (replacing an existing value), if the detector accepts {@code key}. */
    public static String with(String spec, String key, String value) {
        DetectorSpec parsed = DetectorSpec.parse(spec);
        boolean accepted = DetectorRegistry.entries().stream()
                .anyMatch(e -> e.name().equals(parsed.name()) && e.paramNames().contains(key));
        if (!accepted) return spec;
        var params = new java.util.LinkedHashMap<>(parsed.params());
        params.put(key, value);
        return new DetectorSpec(parsed.name(), params).toString();
    }

    /** Gaussian noise around 50 with sd 2 and a daily-looking wave, from a seeded stream: what a latency metric looks like. */
    public static double[] series(long seed, int n) {
        var r = new SplittableRandom(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double gaussian = Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
            out[i] = 50 + 5 * Math.sin(2 * Math.PI * i / 288) + 2 * gaussian;
        }
        return out;
    }
}
