package dev.homeostat.simulator.fault;

import java.time.Duration;

/** Checks shared by the application faults aimed at one Deployment. */
final class AppFaults {
    private AppFaults() { }

    /** Returns the namespace, defaulted. */
    static String check(String name, Duration start, Duration duration, String namespace, String deployment, String type) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name: a fault needs a name");
        Faults.checkTimes(start, duration);
        if (deployment == null || deployment.isBlank()) throw new IllegalArgumentException("target.deployment: " + type + " needs the deployment it hits");
        return namespace == null ? "default" : namespace;
    }
}
