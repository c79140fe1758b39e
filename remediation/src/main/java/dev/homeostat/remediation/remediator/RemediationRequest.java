package dev.homeostat.remediation.remediator;

import dev.homeostat.remediation.diagnosis.Diagnosis;
import dev.homeostat.remediation.model.Anomaly;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.policy.Scaling;
import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.remediation.port.NodeInfo;
import dev.homeostat.remediation.port.PodInfo;
import java.util.List;

/**
 * What a remediator may look at: the incident's {@code target} and {@code service}, the {@code rule}
 * and the {@code trigger} anomaly that opened it, the actions already taken in its chain, the pods (looked up by name or
 * Deployment), deployments and nodes as the cluster shows them now, the anomalies of the last lookback (oldest
 * first), the rule's {@code scaling} (for {@code scale-up}), and {@code heldBack}: why the chain's last
 * held-back action did not run (a guard's or remediator's reason), or null; {@code diagnosis} what the engine made of
 * the anomalies (null when the rule does not diagnose); {@code scaledFrom} the replicas each Deployment the engine
 * has scaled had before it first did, until its owners scale it back (by {@link Target#ref()}; a scale-up's ceiling may
 * be relative to them).
 */
public record RemediationRequest(Target target, String service, String rule, Anomaly trigger, List<String> previousActions,
                                 PodLookup pods, List<Anomaly> recentAnomalies, Scaling scaling,
                                 List<DeploymentInfo> deployments, List<NodeInfo> nodes, String heldBack, Diagnosis diagnosis,
                                 java.util.Map<String, Integer> scaledFrom) {
    public RemediationRequest {
        scaledFrom = java.util.Map.copyOf(scaledFrom);
        previousActions = List.copyOf(previousActions);
        pods = java.util.Objects.requireNonNull(pods, "pods");
        recentAnomalies = List.copyOf(recentAnomalies);
        scaling = scaling == null ? Scaling.defaults() : scaling;
        deployments = List.copyOf(deployments);
        nodes = List.copyOf(nodes);
    }

    /** A request of an incident that scaled nothing yet. */
    public RemediationRequest(Target target, String service, String rule, Anomaly trigger, List<String> previousActions,
                              PodLookup pods, List<Anomaly> recentAnomalies, Scaling scaling,
                              List<DeploymentInfo> deployments, List<NodeInfo> nodes, String heldBack, Diagnosis diagnosis) {
        this(target, service, rule, trigger, previousActions, pods, recentAnomalies, scaling, deployments, nodes, heldBack, diagnosis, java.util.Map.of());
    }

    /** A request without a diagnosis, over a listing of the pods. */
    public RemediationRequest(Target target, String service, String rule, Anomaly trigger, List<String> previousActions,
                              List<PodInfo> pods, List<Anomaly> recentAnomalies, Scaling scaling,
                              List<DeploymentInfo> deployments, List<NodeInfo> nodes, String heldBack) {
        this(target, service, rule, trigger, previousActions, PodLookup.of(pods), recentAnomalies, scaling, deployments, nodes, heldBack, null);
    }

    /** A request of which no action was held back. */
    public RemediationRequest(Target target, String service, String rule, Anomaly trigger, List<String> previousActions,
                              List<PodInfo> pods, List<Anomaly> recentAnomalies, Scaling scaling,
                              List<DeploymentInfo> deployments, List<NodeInfo> nodes) {
        this(target, service, rule, trigger, previousActions, PodLookup.of(pods), recentAnomalies, scaling, deployments, nodes, null, null);
    }

    /** A request without deployments and nodes, with the default scaling. */
    public RemediationRequest(Target target, String service, String rule, Anomaly trigger, List<String> previousActions,
                              List<PodInfo> pods, List<Anomaly> recentAnomalies) {
        this(target, service, rule, trigger, previousActions, PodLookup.of(pods), recentAnomalies, Scaling.defaults(), List.of(), List.of(), null, null);
    }
}
