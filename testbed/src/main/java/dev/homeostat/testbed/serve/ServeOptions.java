package dev.homeostat.testbed.serve;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * How {@code homeostat sim serve} runs.
 *
 * @param speed      virtual seconds per wall second (30 = thirty times faster than real time)
 * @param listen     where {@code /metrics} is served (port 0: a free one)
 * @param apiPort    the mock Kubernetes API's port on 127.0.0.1 (0: a free one)
 * @param seed       the simulation's seed
 * @param withFaults whether the scenario's own faults run; false when faults come from outside (Chaos Mesh resources
 *                   created in the API), as in a rehearsal
 * @param syncEvery  wall time between two slices: run the simulation to now × speed, apply the API's writes, mirror
 */
public record ServeOptions(double speed, InetSocketAddress listen, int apiPort, long seed, boolean withFaults, Duration syncEvery) {
    public static final Duration DEFAULT_SYNC = Duration.ofMillis(200);

    public ServeOptions {
        if (!(speed > 0 && speed <= 10_000)) throw new IllegalArgumentException("--speed: " + speed + " must be above 0 and at most 10000, e.g. 30");
        if (listen == null) throw new IllegalArgumentException("--listen: required, e.g. 127.0.0.1:0");
        if (apiPort < 0 || apiPort > 65535) throw new IllegalArgumentException("--api-port: " + apiPort + " is out of range 0..65535");
        if (syncEvery == null || !syncEvery.isPositive()) throw new IllegalArgumentException("syncEvery: must be positive, was " + syncEvery);
    }

    /** Parses {@code host:port} for {@code --listen}. */
    public static InetSocketAddress address(String text) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon < 0) throw new IllegalArgumentException("--listen: '" + text + "' has no port; write host:port, e.g. 127.0.0.1:0");
        String host = text.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--listen: '" + text + "': the port is not a number; write host:port, e.g. 127.0.0.1:9100");
        }
        if (port < 0 || port > 65535) throw new IllegalArgumentException("--listen: port " + port + " is out of range 0..65535");
        return new InetSocketAddress(host.isEmpty() ? "127.0.0.1" : host, port);
    }
}
