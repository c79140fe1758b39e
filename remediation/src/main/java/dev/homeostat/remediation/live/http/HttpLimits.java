package dev.homeostat.remediation.live.http;

import java.time.Duration;

/**
 * How much of the server one client, or all of them, may hold; checked here, defaults in {@link #DEFAULTS}.
 *
 * @param maxConnections          open connections over all clients (more are closed at accept)
 * @param maxConnectionsPerClient open connections from one address (more are closed at once)
 * @param maxConcurrentRequests   requests handled at the same time; more get 503 + Retry-After
 * @param idleTimeout             the longest silence while reading or writing (a read timeout)
 * @param headerTimeout           a connection's first request head must be complete within this
 * @param bodyTimeout             a body must be read whole within this (408 and close otherwise)
 * @param maxHeaderBytes          request line plus headers (431 above)
 * @param drainBytes              a declared body over the endpoint's limit but at most this long is read and dropped
 *                                before the 413, so a client that writes its whole body first still reads the answer
 */
public record HttpLimits(int maxConnections, int maxConnectionsPerClient, int maxConcurrentRequests, Duration idleTimeout,
                         Duration headerTimeout, Duration bodyTimeout, int maxHeaderBytes, long drainBytes) {
    public static final HttpLimits DEFAULTS = new HttpLimits(512, 64, 16, Duration.ofSeconds(10), Duration.ofSeconds(5),
            Duration.ofSeconds(10), 16 * 1024, 32L << 20);

    public HttpLimits {
        if (maxConnections < 1) throw new IllegalArgumentException("maxConnections: " + maxConnections + " must be at least 1");
        if (maxConnectionsPerClient < 1 || maxConnectionsPerClient > maxConnections)
            throw new IllegalArgumentException("maxConnectionsPerClient: " + maxConnectionsPerClient + " must be in 1.." + maxConnections);
        if (maxConcurrentRequests < 1) throw new IllegalArgumentException("maxConcurrentRequests: " + maxConcurrentRequests + " must be at least 1");
        for (var d : new Duration[] {idleTimeout, headerTimeout, bodyTimeout})
            if (d == null || !d.isPositive()) throw new IllegalArgumentException("timeouts must be positive, e.g. 10s; got " + d);
        if (maxHeaderBytes < 1024) throw new IllegalArgumentException("maxHeaderBytes: " + maxHeaderBytes + " must be at least 1024");
        if (drainBytes < 0) throw new IllegalArgumentException("drainBytes: " + drainBytes + " < 0");
    }
}
