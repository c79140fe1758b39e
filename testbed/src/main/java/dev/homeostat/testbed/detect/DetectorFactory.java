package dev.homeostat.testbed.detect;

import dev.homeostat.detectors.Detector;
import dev.homeostat.detectors.DetectorRegistry;
import dev.homeostat.detectors.DetectorSpec;

/** Makes a fresh detector for one series (detectors keep per-series state); {@code seed} is split per series from the run's seed. */
@FunctionalInterface
public interface DetectorFactory {
    Detector create(NabSeries series, long seed);

    /** A detector of the registry, by spec. */
    static DetectorFactory of(DetectorSpec spec) {
        return (series, seed) -> DetectorRegistry.create(spec, seed);
    }
}
