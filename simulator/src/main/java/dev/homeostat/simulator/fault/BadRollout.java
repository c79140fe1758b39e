package dev.homeostat.simulator.fault;

import java.time.Duration;

/**
 * Application fault: a new revision of the Deployment is rolled out (RollingUpdate) whose pods answer
 * {@code extraLatency} slower and fail {@code errorPercent} % of requests, or, with
 * {@code crashOnStart}, exit with an error once started (CrashLoopBackOff; the rollout stalls). At the
 * end of the window its authors roll it back, unless someone already did.
 */
public record BadRollout(String name, Duration start, Duration duration, String namespace, String deployment,
                         Duration extraLatency, double errorPercent, boolean crashOnStart) implements DeploymentFault {
    public BadRollout {
        namespace = AppFaults.check(name, start, duration, namespace, deployment, "bad-rollout");
        extraLatency = extraLatency == null ? Duration.ZERO : extraLatency;
        if (extraLatency.isNegative()) throw new IllegalArgumentException("latency: must be >= 0, was " + extraLatency);
        Faults.percent("errorPercent", errorPercent);
        if (!crashOnStart && extraLatency.isZero() && errorPercent == 0)
            throw new IllegalArgumentException("bad-rollout: give latency, errorPercent or crashOnStart: true (a rollout that changes nothing is no fault)");
    }
    @Override public String kind() { return "app/bad-rollout"; }
}
