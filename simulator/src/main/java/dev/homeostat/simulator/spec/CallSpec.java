package dev.homeostat.simulator.spec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A gRPC-style call from a service to another: {@code service} names one of the caller's namespace, or
 * {@code <name>.<namespace>} one of another namespace (as pods reach it by DNS): {@code perRequest} calls per
 * request the caller serves (may be fractional: 0.3 = three requests in ten call it), each attempt
 * abandoned after {@code deadline}, retried up to {@code retries} times after {@code retryBackoff}.
 */
public record CallSpec(String service, Double perRequest, Duration deadline, Integer retries, Duration retryBackoff) {
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(1);

    public CallSpec {
        if (service == null || service.isBlank()) throw new IllegalArgumentException("calls.service: the service called is required");
        perRequest = perRequest == null ? 1.0 : perRequest;
        if (!(perRequest >= 0) || perRequest.isInfinite()) throw new IllegalArgumentException("calls.perRequest: must be >= 0, was " + perRequest);
        deadline = deadline == null ? DEFAULT_DEADLINE : deadline;
        if (deadline.toMillis() <= 0) throw new IllegalArgumentException("calls.deadline: must be positive, e.g. 300ms, was " + deadline);
        retries = retries == null ? 0 : retries;
        if (retries < 0 || retries > 10) throw new IllegalArgumentException("calls.retries: must be in [0, 10], was " + retries);
        retryBackoff = retryBackoff == null ? Duration.ZERO : retryBackoff;
        if (retryBackoff.isNegative()) throw new IllegalArgumentException("calls.retryBackoff: must be >= 0, was " + retryBackoff);
    }

    /** The callee's {@code namespace/name} for a caller in {@code callerNamespace}. */
    public String calleeKey(String callerNamespace) {
        int dot = service.indexOf('.');
        return dot < 0 ? callerNamespace + "/" + service : service.substring(dot + 1) + "/" + service.substring(0, dot);
    }

    /** A call with the defaults: one per request, 1 s deadline, no retries. */
    public static CallSpec to(String service) { return new CallSpec(service, null, null, null, null); }

    /**
     * Checks the call graph of {@code services}: every callee exists (in its caller's namespace) and
     * the calls form no cycle — load enters at the entry services and flows down, so a cycle would
     * have no service to start from. The first cycle found is named in full, e.g.
     * {@code shop/a -> shop/b -> shop/a}.
     */
    public static void checkGraph(List<ServiceSpec> services) {
        Map<String, ServiceSpec> byKey = new TreeMap<>();
        for (ServiceSpec s : services) byKey.put(s.namespace() + "/" + s.name(), s);
        for (ServiceSpec s : services)
            for (int i = 0; i < s.calls().size(); i++)
                if (!byKey.containsKey(s.calls().get(i).calleeKey(s.namespace())))
                    throw new IllegalArgumentException("services." + s.name() + ".calls[" + i + "].service: no service '" + s.calls().get(i).service()
                            + "' in namespace '" + s.namespace() + "'; declare it under services or fix the name (<name>.<namespace> for another namespace)");
        Map<String, Integer> state = new HashMap<>(); // 1 on the path, 2 done (lookups only)
        for (String key : byKey.keySet()) visit(key, byKey, state, new ArrayList<>());
    }

    private static void visit(String key, Map<String, ServiceSpec> byKey, Map<String, Integer> state, List<String> path) {
        Integer st = state.get(key);
        if (st != null && st == 2) return;
        if (st != null) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(key), path.size()));
            cycle.add(key);
            throw new IllegalArgumentException("services.calls: the call graph has a cycle " + String.join(" -> ", cycle)
                    + "; calls must form a directed acyclic graph (remove one of these calls)");
        }
        state.put(key, 1);
        path.add(key);
        ServiceSpec s = byKey.get(key);
        for (CallSpec c : s.calls()) visit(c.calleeKey(s.namespace()), byKey, state, path);
        path.removeLast();
        state.put(key, 2);
    }
}
