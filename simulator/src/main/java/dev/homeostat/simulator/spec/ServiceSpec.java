package dev.homeostat.simulator.spec;

import java.util.List;

/**
 * A Service in front of one Deployment's pods (its endpoints are the ready ones), the request rate
 * that reaches it from outside ({@code requestsPerSecond}, shaped over time by {@code workload};
 * 0 for a service only other services call), the services it calls, the hosts outside the cluster it
 * calls ({@code external}), how its pods call each other ({@code peers}, null: they do not), and its SLO.
 */
public record ServiceSpec(String name, String namespace, String deployment, double requestsPerSecond, SloSpec slo,
                          WorkloadSpec workload, List<CallSpec> calls, List<ExternalCall> external, PeerSpec peers) {
    public ServiceSpec {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name: a service needs a name");
        namespace = namespace == null ? DeploymentSpec.DEFAULT_NAMESPACE : namespace;
        deployment = deployment == null ? name : deployment;
        if (requestsPerSecond < 0) throw new IllegalArgumentException("requestsPerSecond: must be >= 0, was " + requestsPerSecond);
        slo = slo == null ? SloSpec.defaults() : slo;
        workload = workload == null ? new WorkloadSpec.Constant() : workload;
        calls = calls == null ? List.of() : List.copyOf(calls);
        external = external == null ? List.of() : List.copyOf(external);
        for (CallSpec c : calls)
            if (c.service().equals(name)) throw new IllegalArgumentException("calls: service '" + name + "' calls itself; a call graph has no cycles");
    }

    /** A service whose pods do not call each other. */
    public ServiceSpec(String name, String namespace, String deployment, double requestsPerSecond, SloSpec slo,
                       WorkloadSpec workload, List<CallSpec> calls, List<ExternalCall> external) {
        this(name, namespace, deployment, requestsPerSecond, slo, workload, calls, external, null);
    }

    /** A service that calls no host outside the cluster. */
    public ServiceSpec(String name, String namespace, String deployment, double requestsPerSecond, SloSpec slo,
                       WorkloadSpec workload, List<CallSpec> calls) {
        this(name, namespace, deployment, requestsPerSecond, slo, workload, calls, null);
    }

    /** A service with a constant workload that calls nothing. */
    public ServiceSpec(String name, String namespace, String deployment, double requestsPerSecond, SloSpec slo) {
        this(name, namespace, deployment, requestsPerSecond, slo, null, null);
    }
}
