package dev.homeostat.remediation.fakes;

import dev.homeostat.detectors.Verdict;
import dev.homeostat.remediation.DetectorFactory;

/** Detectors for tests, independent of the detectors module's registry. */
public final class TestDetectors {
    private TestDetectors() { }

    /** Anomalous when the value is above the spec's {@code above} parameter (default 0.9); score = the value. */
    public static DetectorFactory threshold() {
        return (spec, seed) -> {
            double above = Double.parseDouble(spec.params().getOrDefault("above", "0.9"));
            return (t, v) -> v[0] > above ? new Verdict(v[0], above, true, "value " + v[0] + " above " + above) : Verdict.normal(v[0], above);
        };
    }
}
