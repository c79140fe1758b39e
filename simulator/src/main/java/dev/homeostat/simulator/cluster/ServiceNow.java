package dev.homeostat.simulator.cluster;

/**
 * A Service at one instant, as its last traffic step left it: ready endpoints, that step's requests, failed ones (5xx,
 * no endpoint) and timed-out ones among them, the step's p99 latency in seconds (0 with nothing answered), and
 * whether its SLO is violated now.
 */
public record ServiceNow(String service, int readyEndpoints, double requests, double errors, double timeouts, double p99Seconds,
                         boolean sloViolated) {
    /** The share of the step's requests that failed; 0 when none came. */
    public double errorRatio() { return requests > 0 ? Math.clamp(errors / requests, 0, 1) : 0; }
}
