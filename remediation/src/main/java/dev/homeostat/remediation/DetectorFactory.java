package dev.homeostat.remediation;

import dev.homeostat.detectors.Detector;
import dev.homeostat.detectors.DetectorRegistry;
import dev.homeostat.detectors.DetectorSpec;

/** Makes the detector of one series; the seam that lets tests use their own detectors. */
@FunctionalInterface
public interface DetectorFactory {
    Detector create(DetectorSpec spec, long seed);

    /** The detectors module's registry: what runs in simulation and live. */
    static DetectorFactory registry() { return DetectorRegistry::create; }
}
