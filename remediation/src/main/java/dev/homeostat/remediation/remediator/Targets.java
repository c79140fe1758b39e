package dev.homeostat.remediation.remediator;

import dev.homeostat.remediation.model.Anomaly;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.port.PodInfo;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * How each kind of action finds what it acts on, from the incident's target. Pod actions: a pod
 * target is itself; a service or deployment target is its worst-scoring pod among the recent
 * anomalies (ties: the name that sorts first). Deployment actions: a deployment is itself, a pod
 * its Deployment, a service the Deployment of its worst pod. Node actions: the node of that pod.
 * Circuit-break: a service is itself, anything else the service the incident's anomaly came from.
 */
final class Targets {
    private Targets() { }

    /** A resolved target, or why there is none ({@code gone}: the target itself no longer exists). */
    record Found(Target target, String missing, boolean gone) {
        static Found of(Target t) { return new Found(t, null, false); }

        static Found none(String why) { return new Found(null, why, false); }

        static Found gone(String why) { return new Found(null, why, true); }

        boolean present() { return target != null; }
    }

    static Found pod(RemediationRequest request) {
        Target target = request.target();
        PodLookup pods = request.pods();
        return switch (target.kind()) {
            case POD -> pods.pod(target.namespace(), target.name()) != null
                    ? Found.of(target) : Found.gone("pod " + target.ref() + " no longer exists");
            case SERVICE, DEPLOYMENT -> worstPod(request, pods)
                    .map(p -> Found.of(new Target(Target.Kind.POD, p.namespace(), p.name())))
                    .orElseGet(() -> Found.none("no anomalous pod of " + target.ref() + " among the recent anomalies"));
            case NODE -> Found.none("a pod action needs a pod, service or deployment target, not " + target.ref());
        };
    }

    static Found deployment(RemediationRequest request) {
        Target target = request.target();
        PodLookup pods = request.pods();
        Optional<PodInfo> pod = switch (target.kind()) {
            case DEPLOYMENT -> Optional.empty();
            case POD -> Optional.ofNullable(pods.pod(target.namespace(), target.name()));
            case SERVICE -> worstPod(request, pods);
            case NODE -> Optional.empty();
        };
        Target deployment = switch (target.kind()) {
            case DEPLOYMENT -> target;
            case POD -> pod.filter(p -> p.deployment() != null)
                    .map(p -> new Target(Target.Kind.DEPLOYMENT, p.namespace(), p.deployment())).orElse(null);
            // a service's worst pod's Deployment, else the Deployment of the service's own name
            case SERVICE -> pod.filter(p -> p.deployment() != null)
                    .map(p -> new Target(Target.Kind.DEPLOYMENT, p.namespace(), p.deployment()))
                    .orElse(new Target(Target.Kind.DEPLOYMENT, target.namespace(), target.name()));
            case NODE -> null;
        };
        if (deployment == null) {
            return Found.none(target.kind() == Target.Kind.NODE
                    ? "a deployment action needs a deployment, pod or service target, not " + target.ref()
                    : "no Deployment found for " + target.ref() + " (a pod no Deployment owns, or no anomalous pod of it)");
        }
        boolean listed = request.deployments().stream()
                .anyMatch(d -> Objects.equals(d.namespace(), deployment.namespace()) && d.name().equals(deployment.name()));
        if (!listed && target.kind() == Target.Kind.SERVICE && pod.isEmpty())
            return Found.none("no anomalous pod of " + target.ref() + " and no Deployment of its name");
        return listed ? Found.of(deployment) : Found.gone("deployment " + deployment.ref() + " no longer exists");
    }

    static Found node(RemediationRequest request) {
        Target target = request.target();
        if (target.kind() == Target.Kind.NODE) return Found.of(target);
        Found pod = pod(request);
        if (!pod.present()) return pod;
        PodInfo info = request.pods().pod(pod.target().namespace(), pod.target().name());
        if (info == null || info.node() == null || info.node().isBlank()) {
            return Found.none("pod " + pod.target().ref() + " is not scheduled on a node");
        }
        return Found.of(new Target(Target.Kind.NODE, null, info.node()));
    }

    static Found service(RemediationRequest request) {
        Target target = request.target();
        if (target.kind() == Target.Kind.SERVICE) return Found.of(target);
        String service = request.service();
        if (service == null || service.isBlank()) {
            return Found.none("no service known for " + target.ref() + "; circuit-break needs a service target or an anomaly with a service label");
        }
        return Found.of(new Target(Target.Kind.SERVICE, target.namespace(), service));
    }

    private static Optional<PodInfo> worstPod(RemediationRequest request, PodLookup pods) {
        Target target = request.target();
        Comparator<Anomaly> worse = Comparator.comparingDouble(Anomaly::score).thenComparing(a -> a.target().name(), Comparator.reverseOrder());
        Anomaly worst = null;
        PodInfo worstPod = null;
        for (Anomaly a : request.recentAnomalies()) {
            if (a.target().kind() != Target.Kind.POD || !Objects.equals(a.target().namespace(), target.namespace())) continue;
            PodInfo p = pods.pod(a.target().namespace(), a.target().name());
            if (p == null) continue;
            if (!(target.kind() == Target.Kind.SERVICE ? target.name().equals(a.service()) : target.name().equals(p.deployment()))) continue;
            // the first of equals stays, as Stream.max keeps it
            if (worst == null || worse.compare(a, worst) > 0) {
                worst = a;
                worstPod = p;
            }
        }
        return Optional.ofNullable(worstPod);
    }

}
