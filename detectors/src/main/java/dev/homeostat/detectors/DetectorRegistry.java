package dev.homeostat.detectors;

import java.util.Set;

/** Detectors by name (API contract; implementation in progress). */
public final class DetectorRegistry {
    private DetectorRegistry() { }

    /** A fresh detector for one series; unknown names or parameters throw IllegalArgumentException naming them and the known ones. */
    public static Detector create(DetectorSpec spec, long seed) { throw new UnsupportedOperationException(); }

    /** Checks a spec without building it (names and parameter values). */
    public static void validate(DetectorSpec spec) { throw new UnsupportedOperationException(); }

    public static Set<String> names() { throw new UnsupportedOperationException(); }
}
