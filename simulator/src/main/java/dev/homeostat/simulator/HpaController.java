package dev.homeostat.simulator;

import dev.homeostat.simulator.events.SimEvent;
import dev.homeostat.simulator.spec.HpaSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The HorizontalPodAutoscalers (see {@link HpaSpec}): every {@code syncPeriod} each compares the CPU
 * its Deployment's Ready pods used over the last minute with what they request and scales through the
 * ReplicaSet controller. Each keeps its own recent recommendations (the scale-down stabilisation
 * window). Without an {@code hpa} on any Deployment it plans no event at all.
 */
final class HpaController {
    private final Kernel kernel;
    private final ReplicaSetController replicaSets;

    /** One autoscaler: its Deployment and the recommendations of its stabilisation window (time, replicas; oldest first). */
    private record Autoscaler(DeploymentState deployment, HpaSpec spec, List<long[]> recommendations) { }

    HpaController(Kernel kernel, ReplicaSetController replicaSets) {
        this.kernel = kernel;
        this.replicaSets = replicaSets;
    }

    /** Starts the autoscalers of the Deployments that ask for one, in the order given. */
    void start(List<DeploymentState> deployments) {
        for (DeploymentState d : deployments) {
            if (d.spec.hpa() == null) continue;
            var a = new Autoscaler(d, d.spec.hpa(), new ArrayList<>());
            kernel.at(a.spec().syncPeriod().toMillis(), () -> sync(a));
        }
    }

    private void sync(Autoscaler a) {
        DeploymentState d = a.deployment();
        HpaSpec h = a.spec();
        long t = kernel.now();
        double used = 0, requested = 0;
        int readyPods = 0;
        for (PodState p : d.pods) {
            if (!p.ready() || p.minuteFilled() == 0) continue;
            used += p.minuteSum(PodState.CPU) / p.minuteFilled();
            requested += p.spec.cpuRequest();
            readyPods++;
        }
        int current = d.replicas;
        int target = Math.clamp(current, h.minReplicas(), h.maxReplicas());
        double utilization = requested > 0 ? used / requested : 0;
        if (readyPods > 0 && requested > 0) target = recommend(a, t, current, readyPods, utilization);
        if (target != current) {
            replicaSets.scale(d, target);
            kernel.emit(new SimEvent.HpaScaled(t, d.key, current, target, utilization));
        }
        kernel.at(t + h.syncPeriod().toMillis(), () -> sync(a));
    }

    /** ⌈ready × utilisation/target⌉ outside a 10 % tolerance, clamped, at most ×2 or +4; down only to the window's highest. */
    private static int recommend(Autoscaler a, long t, int current, int readyPods, double utilization) {
        HpaSpec h = a.spec();
        double ratio = utilization / h.targetCpuUtilization();
        int desired = Math.abs(ratio - 1) <= 0.1 ? current : (int) Math.ceil(readyPods * ratio);
        desired = Math.clamp(desired, h.minReplicas(), h.maxReplicas());
        desired = Math.min(desired, Math.max(2 * current, current + 4));
        a.recommendations().add(new long[] {t, desired});
        a.recommendations().removeIf(r -> r[0] < t - h.scaleDownStabilization().toMillis());
        if (desired >= current) return desired;
        long highest = 0;
        for (long[] r : a.recommendations()) highest = Math.max(highest, r[1]);
        return (int) Math.min(current, highest);
    }
}
