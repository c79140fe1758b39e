package dev.homeostat.remediation.remediator;

import dev.homeostat.remediation.model.Anomaly;
import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.port.PodInfo;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code restart-pod}: delete a pod so its ReplicaSet starts a fresh one. A pod target is that pod;
 * a service or deployment target is its worst-scoring pod among the recent anomalies (ties: the
 * pod whose name sorts first), else it is skipped. A pod that is gone needs nothing more.
 */
public final class RestartPodRemediator implements Remediator {
    @Override
    public Decision propose(RemediationRequest request) {
        Target target = request.target();
        Map<String, PodInfo> pods = request.pods().stream()
                .collect(Collectors.toMap(p -> key(p.namespace(), p.name()), Function.identity(), (a, b) -> a));
        return switch (target.kind()) {
            case POD -> pods.containsKey(key(target.namespace(), target.name()))
                    ? new Decision.Act(new ClusterAction.RestartPod(target))
                    : new Decision.Done(new ClusterAction.RestartPod(target), "pod " + target.ref() + " no longer exists");
            case SERVICE, DEPLOYMENT -> worstPod(request, pods)
                    .<Decision>map(p -> new Decision.Act(new ClusterAction.RestartPod(new Target(Target.Kind.POD, p.namespace(), p.name()))))
                    .orElseGet(() -> new Decision.Skip(new ClusterAction.RestartPod(target), "no anomalous pod of " + target.ref() + " among the recent anomalies"));
            case NODE -> new Decision.Skip(new ClusterAction.RestartPod(target), "restart-pod needs a pod, service or deployment target, not " + target.ref());
        };
    }

    private static java.util.Optional<PodInfo> worstPod(RemediationRequest request, Map<String, PodInfo> pods) {
        Target target = request.target();
        return request.recentAnomalies().stream()
                .filter(a -> a.target().kind() == Target.Kind.POD && Objects.equals(a.target().namespace(), target.namespace()))
                .filter(a -> pods.containsKey(key(a.target().namespace(), a.target().name())))
                .filter(a -> target.kind() == Target.Kind.SERVICE
                        ? target.name().equals(a.service())
                        : target.name().equals(pods.get(key(a.target().namespace(), a.target().name())).deployment()))
                .max(Comparator.comparingDouble(Anomaly::score)
                        .thenComparing(a -> a.target().name(), Comparator.reverseOrder()))
                .map(a -> pods.get(key(a.target().namespace(), a.target().name())));
    }

    private static String key(String namespace, String name) { return namespace + "/" + name; }
}
