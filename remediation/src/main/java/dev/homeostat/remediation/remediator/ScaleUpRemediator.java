package dev.homeostat.remediation.remediator;

import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.policy.Scaling;
import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.remediation.port.PodInfo;
import java.util.Objects;

/**
 * {@code scale-up}: add replicas to a Deployment as the rule's {@code scale} says ({@code by: 1} by
 * default, or {@code to: N}; with {@code targetUtilization}, as many as the diagnosis' measured utilization needs),
 * never above its ceiling ({@code maxReplicas}, or {@code maxFactor} × the replicas it had before the engine first
 * scaled it: the larger). A Deployment that would not grow
 * (already at the ceiling, or {@code to} not above its replicas) is skipped, so this action only
 * ever adds capacity. A Deployment with pods no node has room for (Pending, unscheduled) is skipped too: more replicas
 * would wait beside them and add nothing. A StatefulSet is not scaled: its members hold state (a quorum, shards),
 * so adding one is its team's capacity plan, not a remediation. Targets resolve as for {@code rollback}.
 *
 * <p>A Deployment a HorizontalPodAutoscaler targets is scaled no higher than the HPA's {@code maxReplicas}: the HPA
 * owns its replicas and clamps them to its range at its next sync, so more would be undone within seconds. At that
 * maximum it is skipped, naming the HPA: raising the maximum is a capacity decision for the HPA's owners, and the
 * chain moves on to its page. The engine scales the Deployment, not the HPA's {@code minReplicas} (see the README).
 */
public final class ScaleUpRemediator implements Remediator {
    @Override
    public Decision propose(RemediationRequest request) {
        Targets.Found found = Targets.deployment(request);
        if (!found.present()) return Remediators.decide(found, request, t -> new ClusterAction.ScaleDeployment(t, 0));
        Target deployment = found.target();
        DeploymentInfo info = request.deployments().stream()
                .filter(d -> Objects.equals(d.namespace(), deployment.namespace()) && d.name().equals(deployment.name()))
                .findFirst().orElseThrow(); // Targets.deployment only finds listed deployments
        if (info.stateful()) return new Decision.Skip(new ClusterAction.ScaleDeployment(deployment, info.replicas()), "statefulset "
                + deployment.namespace() + "/" + deployment.name() + " is not scaled by the engine: its members hold state (a quorum,"
                + " shards), so adding one is its team's capacity plan");
        DeploymentInfo.Autoscaler hpa = info.hpa();
        if (hpa != null && info.replicas() >= hpa.maxReplicas()) {
            return new Decision.Skip(new ClusterAction.ScaleDeployment(deployment, info.replicas()), deployment.ref() + " cannot grow: "
                    + capsIt(deployment, hpa) + ": raising maxReplicas is its owners' decision");
        }
        String noRoom = noRoom(deployment, request.pods().podsOf(deployment.namespace(), deployment.name()));
        if (noRoom != null) return new Decision.Skip(new ClusterAction.ScaleDeployment(deployment, info.replicas()), noRoom);
        Scaling scaling = request.scaling();
        double utilization = request.diagnosis() == null ? Double.NaN : request.diagnosis().utilization();
        int before = request.scaledFrom().getOrDefault(deployment.ref(), info.replicas());
        int next = scaling.next(info.replicas(), utilization, before);
        // Below the HPA's maximum the step stands as long as the HPA's metric calls for it: it brings forward capacity
        // the HPA would add only after its sync period, its metric window and the new pods' readiness, minutes in an
        // incident. If its metric does not call for it, the HPA takes it back once no recommendation in its scale-down
        // stabilization window (5 minutes by default) is as high: the engine's step buys those minutes, no more.
        if (hpa != null && next > hpa.maxReplicas()) next = hpa.maxReplicas();
        if (next <= info.replicas()) {
            String why = scaling.to() > 0 && scaling.to() <= info.replicas()
                    ? "scale.to " + scaling.to() + " is not above its " + info.replicas() + " replicas"
                    : "it is at its ceiling of " + scaling.ceiling(before) + " replicas (" + scaling.describeCeiling(before) + ")";
            return new Decision.Skip(new ClusterAction.ScaleDeployment(deployment, info.replicas()),
                    deployment.ref() + " cannot grow: " + why);
        }
        return new Decision.Act(new ClusterAction.ScaleDeployment(deployment, next));
    }

    /** "its HorizontalPodAutoscaler ns/name caps it at 16 replicas". */
    private static String capsIt(Target deployment, DeploymentInfo.Autoscaler hpa) {
        String ns = deployment.namespace() == null ? "" : deployment.namespace() + "/";
        return "its HorizontalPodAutoscaler " + ns + hpa.name() + " caps it at " + hpa.maxReplicas() + " replicas";
    }

    /**
     * Why the Deployment cannot grow for lack of room — some of its pods are bound to no node — or null when every pod
     * of it has a node. The router asks the same before it repeats a scale-up.
     */
    public static String noRoom(Target deployment, java.util.List<PodInfo> pods) {
        long waiting = pods.stream().filter(p -> Objects.equals(p.namespace(), deployment.namespace())
                && deployment.name().equals(p.deployment()) && p.unscheduled()).count();
        if (waiting == 0) return null;
        return deployment.ref() + " cannot grow: " + waiting + " of its pods wait unscheduled (Pending: no node has room"
                + " for them); more replicas would wait too";
    }
}
