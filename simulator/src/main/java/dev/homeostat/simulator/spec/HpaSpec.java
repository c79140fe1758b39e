package dev.homeostat.simulator.spec;

import java.time.Duration;

/**
 * A HorizontalPodAutoscaler (autoscaling/v2) on CPU: every {@code syncPeriod} it sets the replicas to
 * {@code ceil(ready × utilisation / target)} (no change within a 10 % tolerance), clamped to
 * [{@code minReplicas}, {@code maxReplicas}]. Scale-up is immediate (at most doubling, or + 4, per
 * sync); scale-down takes the highest recommendation of the last {@code scaleDownStabilization}.
 * Utilisation = CPU used over the last minute ÷ CPU requested, over the ready pods.
 */
public record HpaSpec(int minReplicas, int maxReplicas, double targetCpuUtilization, Duration scaleDownStabilization,
                      Duration syncPeriod) {
    public static final Duration DEFAULT_STABILIZATION = Duration.ofMinutes(5);
    public static final Duration DEFAULT_SYNC = Duration.ofSeconds(15);

    public HpaSpec {
        if (minReplicas < 1) throw new IllegalArgumentException("hpa.minReplicas: must be >= 1, was " + minReplicas);
        if (maxReplicas < minReplicas)
            throw new IllegalArgumentException("hpa.maxReplicas: must be >= minReplicas (" + minReplicas + "), was " + maxReplicas);
        if (!(targetCpuUtilization > 0 && targetCpuUtilization <= 10))
            throw new IllegalArgumentException("hpa.targetCpuUtilization: a fraction of the request in (0, 10], e.g. 0.6 for 60 %, was " + targetCpuUtilization);
        scaleDownStabilization = scaleDownStabilization == null ? DEFAULT_STABILIZATION : scaleDownStabilization;
        if (scaleDownStabilization.isNegative())
            throw new IllegalArgumentException("hpa.scaleDownStabilization: must be >= 0, was " + scaleDownStabilization);
        syncPeriod = syncPeriod == null ? DEFAULT_SYNC : syncPeriod;
        if (syncPeriod.toMillis() < 1000) throw new IllegalArgumentException("hpa.syncPeriod: must be at least 1s, was " + syncPeriod);
    }
}
