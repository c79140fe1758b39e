package dev.homeostat.remediation.router;

import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.policy.Rule;
import dev.homeostat.remediation.port.PodInfo;
import java.util.Map;
import java.util.Objects;

/** Which in-flight incident an anomaly's target belongs to. */
final class IncidentLookup {
    private IncidentLookup() { }

    /**
     * The incident of {@code target}, if one is in flight: the one it opened, the one now following it, or — for a
     * pod — the incident of the restarted pod it replaces (same rule and deployment, started after that restart; the
     * latest such restart wins). A replacement found so becomes the incident's current target.
     */
    static Incident find(Map<String, Incident> inFlight, Target target, Rule rule, TickPods pods) {
        Incident own = inFlight.get(target.ref());
        if (own != null) return own;
        for (Incident incident : inFlight.values()) {
            if (incident.current.equals(target)) return incident;
        }
        if (target.kind() != Target.Kind.POD) return null;
        PodInfo pod = pods.pod(target.namespace(), target.name());
        if (pod == null || pod.deployment() == null) return null;
        Incident best = null;
        for (Incident incident : inFlight.values()) {
            if (incident.rule.equals(rule) && incident.subject.kind() == Target.Kind.POD
                    && Objects.equals(incident.subject.namespace(), pod.namespace()) && pod.deployment().equals(incident.deployment)
                    && incident.restartedAt != Long.MIN_VALUE && pod.startedAtMillis() >= incident.restartedAt
                    && (best == null || incident.restartedAt > best.restartedAt)) {
                best = incident;
            }
        }
        if (best != null) best.current = target;
        return best;
    }

    /** The deployment of a pod target, or null (not a pod, not listed, or no owner). */
    static String deploymentOf(Target target, TickPods pods) {
        if (target.kind() != Target.Kind.POD) return null;
        PodInfo pod = pods.pod(target.namespace(), target.name());
        return pod == null ? null : pod.deployment();
    }
}
