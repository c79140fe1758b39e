package dev.homeostat.simulator.fault;

import java.time.Duration;

/**
 * Application fault: a backend the service depends on (a database, an external API) answers
 * {@code addedLatency} later, so each request of {@code service} holds one of its workers that much
 * longer. Its concurrency fills up (queueing, and past saturation timeouts), its answers slow down,
 * and its callers wait longer, miss their deadlines and retry. Applies to every pod of the service,
 * also those started during the window.
 */
public record DependencySlowdown(String name, Duration start, Duration duration, String namespace, String service,
                                 Duration addedLatency) implements ServiceFault {
    public DependencySlowdown {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name: a fault needs a name");
        Faults.checkTimes(start, duration);
        namespace = namespace == null ? "default" : namespace;
        if (service == null || service.isBlank()) throw new IllegalArgumentException("target.service: dependency-slowdown needs the service that slows down");
        if (addedLatency == null || addedLatency.isNegative() || addedLatency.isZero())
            throw new IllegalArgumentException("addedLatency: must be positive, e.g. 200ms, was " + addedLatency);
    }

    /** In the default namespace. */
    public DependencySlowdown(String name, Duration start, Duration duration, String service, Duration addedLatency) {
        this(name, start, duration, null, service, addedLatency);
    }

    @Override public String kind() { return "app/dependency-slowdown"; }
}
