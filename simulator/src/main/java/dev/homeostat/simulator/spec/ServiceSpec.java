package dev.homeostat.simulator.spec;

/**
 * A Service in front of one Deployment's pods (its endpoints are the ready ones), the constant
 * request rate that reaches it, and its SLO.
 */
public record ServiceSpec(String name, String namespace, String deployment, double requestsPerSecond, SloSpec slo) {
    public ServiceSpec {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name: a service needs a name");
        namespace = namespace == null ? DeploymentSpec.DEFAULT_NAMESPACE : namespace;
        deployment = deployment == null ? name : deployment;
        if (requestsPerSecond < 0) throw new IllegalArgumentException("requestsPerSecond: must be >= 0, was " + requestsPerSecond);
        slo = slo == null ? SloSpec.defaults() : slo;
    }
}
