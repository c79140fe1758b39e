package dev.homeostat.simulator.fault;

import java.time.Duration;

/**
 * Application fault: a busy loop in the application burns {@code cores} in every pod of the
 * Deployment running at injection, slowing its requests as CpuStress does, until the window ends.
 */
public record CpuHog(String name, Duration start, Duration duration, String namespace, String deployment, double cores) implements DeploymentFault {
    public CpuHog {
        namespace = AppFaults.check(name, start, duration, namespace, deployment, "cpu-hog");
        if (!(cores > 0)) throw new IllegalArgumentException("cores: must be positive, was " + cores);
    }
    @Override public String kind() { return "app/cpu-hog"; }
}
