package dev.homeostat.simulator.spec;

import java.time.Duration;

/**
 * One container of a pod: resource requests/limits (cpu in cores, memory in bytes), the memory it
 * uses at rest, how long it takes to start, its probes, and how it serves requests
 * (mean service time per request, requests it serves concurrently). A {@code startupProbe} (none by default, as in
 * Kubernetes) holds the liveness and readiness probes back until the container has started, and kills a container
 * that has not started within its own {@code failureThreshold} instead.
 */
public record ContainerSpec(String name, Double cpuRequest, Long memoryRequest, Long memoryLimit, Long memoryBase,
                            Duration startupTime, ProbeSpec livenessProbe, ProbeSpec readinessProbe, ProbeSpec startupProbe,
                            Duration serviceTime, Integer concurrency) {
    /** A container without a startup probe. */
    public ContainerSpec(String name, Double cpuRequest, Long memoryRequest, Long memoryLimit, Long memoryBase,
                         Duration startupTime, ProbeSpec livenessProbe, ProbeSpec readinessProbe, Duration serviceTime, Integer concurrency) {
        this(name, cpuRequest, memoryRequest, memoryLimit, memoryBase, startupTime, livenessProbe, readinessProbe, null, serviceTime, concurrency);
    }

    public ContainerSpec {
        name = name == null ? "app" : name;
        cpuRequest = cpuRequest == null ? 0.25 : cpuRequest;
        memoryRequest = memoryRequest == null ? 256L << 20 : memoryRequest;
        memoryLimit = memoryLimit == null ? 512L << 20 : memoryLimit;
        memoryBase = memoryBase == null ? 200L << 20 : memoryBase;
        startupTime = startupTime == null ? Duration.ofSeconds(10) : startupTime;
        livenessProbe = livenessProbe == null ? ProbeSpec.liveness() : livenessProbe;
        readinessProbe = readinessProbe == null ? ProbeSpec.readiness() : readinessProbe;
        serviceTime = serviceTime == null ? Duration.ofMillis(20) : serviceTime;
        concurrency = concurrency == null ? 8 : concurrency;
        if (cpuRequest < 0) throw new IllegalArgumentException("cpuRequest: must be >= 0, was " + cpuRequest);
        if (memoryLimit <= 0) throw new IllegalArgumentException("memoryLimit: must be positive, was " + memoryLimit);
        if (memoryRequest < 0 || memoryRequest > memoryLimit)
            throw new IllegalArgumentException("memoryRequest: must be between 0 and memoryLimit, was " + memoryRequest);
        if (memoryBase < 0 || memoryBase >= memoryLimit)
            throw new IllegalArgumentException("memoryBase: must be >= 0 and below memoryLimit, was " + memoryBase);
        if (startupTime.isNegative()) throw new IllegalArgumentException("startupTime: must be >= 0, was " + startupTime);
        if (serviceTime.isNegative() || serviceTime.isZero()) throw new IllegalArgumentException("serviceTime: must be positive, was " + serviceTime);
        if (concurrency < 1) throw new IllegalArgumentException("concurrency: must be >= 1, was " + concurrency);
    }

    public static ContainerSpec defaults() {
        return new ContainerSpec(null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * How long the kubelet lets the container start before its probes kill it: the startup probe's last allowed miss,
     * else the liveness probe's. A container slower than that never starts (it is restarted over and over).
     */
    public Duration startupBudget() {
        return (startupProbe == null ? livenessProbe : startupProbe).budget();
    }
}
