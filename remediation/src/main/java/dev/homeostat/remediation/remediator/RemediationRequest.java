package dev.homeostat.remediation.remediator;

import dev.homeostat.remediation.model.Anomaly;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.port.PodInfo;
import java.util.List;

/**
 * What a remediator may look at: the incident's {@code target} and {@code service}, the {@code rule}
 * and the {@code trigger} anomaly that opened it, the actions already taken in its chain, the pods
 * as the cluster shows them now, and the anomalies of the last lookback (oldest first).
 */
public record RemediationRequest(Target target, String service, String rule, Anomaly trigger, List<String> previousActions,
                                 List<PodInfo> pods, List<Anomaly> recentAnomalies) {
    public RemediationRequest {
        previousActions = List.copyOf(previousActions);
        pods = List.copyOf(pods);
        recentAnomalies = List.copyOf(recentAnomalies);
    }
}
