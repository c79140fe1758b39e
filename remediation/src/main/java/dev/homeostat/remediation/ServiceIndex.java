package dev.homeostat.remediation;

import dev.homeostat.remediation.model.Anomaly;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.port.ClusterView;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Which service a pod backs, learnt from the series that name both (a pod's request metrics carry its {@code service}
 * label; cAdvisor's and kube-state-metrics' series do not), and through the pod's Deployment for pods of the same
 * Deployment: so an anomaly on a pod's memory is a problem of its service like one on its errors.
 */
final class ServiceIndex {
    /** pod ref → the pod and its service name. */
    private final Map<String, Learnt> ofPod = new HashMap<>();

    /** A pod as its series named it, and its service. */
    private record Learnt(Target pod, String service) { }
    /** ns/deployment → service name. */
    private final Map<String, String> ofDeployment = new HashMap<>();

    /** A series' labels named a pod and its service. */
    void learn(Target pod, String service) {
        if (service != null && !service.isBlank()) ofPod.putIfAbsent(pod.ref(), new Learnt(pod, service));
    }

    /** The anomaly with its service filled in when its series did not name one and the index knows it. */
    Anomaly complete(Anomaly a, ClusterView cluster) {
        if (a.service() != null && !a.service().isBlank()) return a;
        if (a.target().kind() == Target.Kind.DEPLOYMENT) {
            String service = ofDeployment.get(a.target().namespace() + "/" + a.target().name());
            return service == null ? a : new Anomaly(a.timeMillis(), a.signal(), a.detector(), a.target(), service, a.score(), a.explanation());
        }
        if (a.target().kind() != Target.Kind.POD) return a;
        String service = serviceOf(a.target().ref());
        String deployment = cluster.pod(a.target().namespace(), a.target().name()).map(p -> p.namespace() + "/" + p.deployment()).orElse(null);
        if (service != null && deployment != null) ofDeployment.putIfAbsent(deployment, service);
        if (service == null && deployment != null) service = ofDeployment.get(deployment);
        if (service == null && deployment != null) {
            // learn the Deployment's service from any of its pods the index has seen
            for (var p : cluster.podsOf(a.target().namespace(), deployment.substring(deployment.indexOf('/') + 1))) {
                String s = serviceOf(new Target(Target.Kind.POD, p.namespace(), p.name()).ref());
                if (s != null) {
                    ofDeployment.put(deployment, s);
                    service = s;
                    break;
                }
            }
        }
        return service == null ? a
                : new Anomaly(a.timeMillis(), a.signal(), a.detector(), a.target(), service, a.score(), a.explanation());
    }

    private String serviceOf(String podRef) {
        Learnt learnt = ofPod.get(podRef);
        return learnt == null ? null : learnt.service();
    }

    /**
     * Forgets pods the cluster no longer lists, asked {@code listed(namespace, name)} with the names their series gave
     * (called once per lookback: a question per pod known, with no key built for it).
     */
    void retainPods(BiPredicate<String, String> listed) {
        ofPod.values().removeIf(l -> !listed.test(l.pod().namespace(), l.pod().name()));
    }
}
