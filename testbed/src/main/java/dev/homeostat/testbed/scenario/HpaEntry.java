package dev.homeostat.testbed.scenario;

import dev.homeostat.simulator.spec.HpaSpec;
import java.time.Duration;

/**
 * A Deployment's {@code hpa:} as the scenario writes it, before it becomes the simulator's {@link HpaSpec}. Its fields
 * are boxed so that a missing one is told apart from a zero and named: read straight into {@link HpaSpec}'s primitives,
 * a missing {@code minReplicas} came out as 0 and a missing target failed to unbox. As in Kubernetes, {@code minReplicas}
 * defaults to 1 and {@code maxReplicas} is required. The target is required (the simulator has no default metric):
 * {@code targetCpuUtilization}, a fraction of the CPU request, or Kubernetes' autoscaling/v1
 * {@code targetCPUUtilizationPercentage}, a percentage, so a manifest's value can be copied as it is.
 */
record HpaEntry(Integer minReplicas, Integer maxReplicas, Double targetCpuUtilization, Integer targetCPUUtilizationPercentage,
                Duration scaleDownStabilization, Duration syncPeriod) {
    private static final String EXAMPLE = "e.g. hpa: {minReplicas: 2, maxReplicas: 10, targetCpuUtilization: 0.6}";

    HpaEntry {
        if (maxReplicas == null) throw new IllegalArgumentException("hpa.maxReplicas: required, the most replicas the HPA sets; " + EXAMPLE);
        if (targetCpuUtilization == null && targetCPUUtilizationPercentage == null)
            throw new IllegalArgumentException("hpa.targetCpuUtilization: required, the CPU use the HPA keeps each pod at as a fraction of its"
                    + " request (0.6 for 60 %); " + EXAMPLE);
        if (targetCpuUtilization != null && targetCPUUtilizationPercentage != null)
            throw new IllegalArgumentException("hpa.targetCPUUtilizationPercentage: give either targetCpuUtilization (a fraction, 0.6) or"
                    + " Kubernetes' targetCPUUtilizationPercentage (a percentage, 60), not both");
        if (targetCPUUtilizationPercentage != null && targetCPUUtilizationPercentage < 1)
            throw new IllegalArgumentException("hpa.targetCPUUtilizationPercentage: a percentage of the CPU request, >= 1 (e.g. 60); was "
                    + targetCPUUtilizationPercentage);
        // the simulator's own checks run here, where a refusal names its field within hpa (the fields are not yet set)
        spec(minReplicas, maxReplicas, targetCpuUtilization, targetCPUUtilizationPercentage, scaleDownStabilization, syncPeriod);
    }

    HpaSpec spec() {
        return spec(minReplicas, maxReplicas, targetCpuUtilization, targetCPUUtilizationPercentage, scaleDownStabilization, syncPeriod);
    }

    private static HpaSpec spec(Integer min, int max, Double fraction, Integer percent, Duration stabilization, Duration sync) {
        double target = fraction != null ? fraction : percent / 100.0;
        return new HpaSpec(min == null ? 1 : min, max, target, stabilization, sync);
    }
}
