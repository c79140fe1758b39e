package dev.homeostat.remediation.guard;

import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.remediation.port.PodInfo;
import java.util.Objects;
import java.util.Optional;

/**
 * No action on a Deployment whose rollout is progressing ({@code observedGeneration < generation}
 * or {@code updatedReplicas < replicas}), nor on its pods, unless the rule says
 * {@code duringRollout: true}: pods come and go during a rollout by design, and acting then fights
 * the Deployment controller. A rule that rolls back bad rollouts sets {@code duringRollout: true}. An Argo Rollout
 * counts as rolling out while its own status says so (phase Progressing or Paused, not aborted).
 */
public final class RolloutGuard implements Guard {
    public static final String NAME = "rollout";

    @Override public String name() { return NAME; }

    @Override
    public Optional<String> veto(ClusterAction action, GuardContext context) {
        if (context.duringRollout()) return Optional.empty();
        Target deployment = switch (action) {
            case ClusterAction.RollbackDeployment r -> r.target();
            case ClusterAction.ScaleDeployment s -> s.target();
            case ClusterAction.RestartPod r -> deploymentOf(r.target(), context);
            case ClusterAction.IsolatePod i -> deploymentOf(i.target(), context);
            case ClusterAction.CordonNode c -> null;
            case ClusterAction.DrainNode d -> null;
            case ClusterAction.CircuitBreak c -> null;
            case ClusterAction.LimitRetries l -> null;
            case ClusterAction.Lift l -> null;
            case ClusterAction.Page p -> null;
        };
        if (deployment == null) return Optional.empty();
        return context.cluster().deployment(deployment.namespace(), deployment.name())
                .filter(DeploymentInfo::rolloutInProgress)
                .map(d -> d.rollout() != null
                        ? "Argo Rollout " + d.namespace() + "/" + d.name() + " is " + d.rollout().phase() + " (updatedReplicas " + d.updatedReplicas()
                          + " of " + d.replicas() + (d.rollout().message() == null || d.rollout().message().isBlank() ? "" : ": " + d.rollout().message())
                          + "); rule " + context.rule() + " waits; set duringRollout: true on the rule to act during rollouts"
                        : "deployment " + d.namespace() + "/" + d.name() + " is rolling out (updatedReplicas " + d.updatedReplicas()
                        + " of " + d.replicas() + ", observedGeneration " + d.observedGeneration() + " of generation " + d.generation()
                        + "); rule " + context.rule() + " waits; set duringRollout: true on the rule to act during rollouts");
    }

    private static Target deploymentOf(Target pod, GuardContext context) {
        return context.cluster().pod(pod.namespace(), pod.name()).map(PodInfo::deployment)
                .map(d -> new Target(Target.Kind.DEPLOYMENT, pod.namespace(), d)).orElse(null);
    }
}
