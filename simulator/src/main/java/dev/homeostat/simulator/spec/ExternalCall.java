package dev.homeostat.simulator.spec;

import java.time.Duration;

/**
 * A call from a service to a host outside the cluster (a payment provider, a SaaS API), named as the
 * pods reach it: a host name ({@code payments.example.com}) or an IPv4 address. {@code perRequest}
 * calls per request served, each answered after {@code latency} (default 0: the host costs nothing
 * until a fault hits the calls to it), abandoned after {@code deadline}, retried up to {@code retries}
 * times after {@code retryBackoff}. Only network and DNS faults act on these calls (their
 * {@code externalTargets} and {@code patterns}); the host itself never fails.
 */
public record ExternalCall(String host, Double perRequest, Duration latency, Duration deadline, Integer retries, Duration retryBackoff) {
    public ExternalCall {
        if (host == null || host.isBlank()) throw new IllegalArgumentException("calls.host: the external host called is required");
        perRequest = perRequest == null ? 1.0 : perRequest;
        if (!(perRequest >= 0) || perRequest.isInfinite()) throw new IllegalArgumentException("calls.perRequest: must be >= 0, was " + perRequest);
        latency = latency == null ? Duration.ZERO : latency;
        if (latency.isNegative()) throw new IllegalArgumentException("calls.latency: must be >= 0, was " + latency);
        deadline = deadline == null ? CallSpec.DEFAULT_DEADLINE : deadline;
        if (deadline.toMillis() <= 0) throw new IllegalArgumentException("calls.deadline: must be positive, e.g. 300ms, was " + deadline);
        retries = retries == null ? 0 : retries;
        if (retries < 0 || retries > 10) throw new IllegalArgumentException("calls.retries: must be in [0, 10], was " + retries);
        retryBackoff = retryBackoff == null ? Duration.ZERO : retryBackoff;
        if (retryBackoff.isNegative()) throw new IllegalArgumentException("calls.retryBackoff: must be >= 0, was " + retryBackoff);
    }

    /** One call per request to {@code host}, answered at once, 1 s deadline, no retries. */
    public static ExternalCall to(String host) { return new ExternalCall(host, null, null, null, null, null); }
}
