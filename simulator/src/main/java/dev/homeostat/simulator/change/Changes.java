package dev.homeostat.simulator.change;

import dev.homeostat.units.GoDuration;
import java.time.Duration;

/** Checks and defaults shared by the changes. */
final class Changes {
    private Changes() { }

    static Duration at(Duration at) {
        if (at == null || at.isNegative()) throw new IllegalArgumentException("at: required, >= 0 (when the change is applied), was " + at);
        return at;
    }

    static String name(String name, String kind, String target, Duration at) {
        return name == null || name.isBlank() ? kind + "-" + target + "-" + GoDuration.formatCompact(at) : name;
    }

    static String namespace(String namespace) { return namespace == null ? "default" : namespace; }

    static void deployment(String deployment, String kind) {
        if (deployment == null || deployment.isBlank()) throw new IllegalArgumentException("target.deployment: a " + kind + " needs the deployment it changes");
    }
}
