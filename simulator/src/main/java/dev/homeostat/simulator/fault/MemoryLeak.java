package dev.homeostat.simulator.fault;

import java.time.Duration;

/**
 * Application fault: while the fault lasts, every container of the Deployment's pods (also those
 * started during it) leaks {@code bytesPerSecond} from its start. Leaked memory is only given back
 * by a restart; near the limit, garbage collection slows requests; at the limit, OOMKilled.
 */
public record MemoryLeak(String name, Duration start, Duration duration, String namespace, String deployment,
                         long bytesPerSecond) implements DeploymentFault {
    public MemoryLeak {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name: a fault needs a name");
        Faults.checkTimes(start, duration);
        namespace = namespace == null ? "default" : namespace;
        if (deployment == null || deployment.isBlank()) throw new IllegalArgumentException("target.deployment: memory-leak needs the deployment that leaks");
        if (bytesPerSecond <= 0) throw new IllegalArgumentException("rate: must be positive bytes per second, was " + bytesPerSecond);
    }
    @Override public String kind() { return "app/memory-leak"; }
}
