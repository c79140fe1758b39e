package dev.homeostat.simulator.fault;

import java.time.Duration;

/**
 * Application fault: {@code pods} pods of the Deployment (chosen at injection) deadlock: alive and
 * Ready (the probes answer on their own thread) but every request hangs until it times out (504).
 * A restart of the container or of the pod clears it; so does the end of the window.
 */
public record Deadlock(String name, Duration start, Duration duration, String namespace, String deployment, int pods) implements DeploymentFault {
    public Deadlock {
        namespace = AppFaults.check(name, start, duration, namespace, deployment, "deadlock");
        if (pods < 1) throw new IllegalArgumentException("pods: how many pods deadlock, must be >= 1, was " + pods);
    }
    @Override public String kind() { return "app/deadlock"; }
}
