package dev.homeostat.remediation.guard;

import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.policy.Mode;
import dev.homeostat.remediation.port.ClusterView;
import dev.homeostat.remediation.port.PodInfo;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a guard may consult about one proposed action: the time, the rule that chose it (its name,
 * its mode, whether it may act during a rollout, and the diagnoses it matches: empty for a rule matched
 * by signal), the cluster as it is now, and what the engine finds anomalous now: refs
 * ({@code service/ns/name}, {@code deployment/ns/name}) with an anomaly within the lookback or a
 * remediation in flight.
 */
public record GuardContext(long nowMillis, String rule, Mode mode, ClusterView cluster, boolean duringRollout,
                           SortedSet<String> anomalous, List<String> diagnoses) {
    public GuardContext {
        anomalous = anomalous == null ? new TreeSet<>() : new TreeSet<>(anomalous);
        diagnoses = diagnoses == null ? List.of() : List.copyOf(diagnoses);
    }

    /** A context for a rule that matches by signal, not by diagnosis. */
    public GuardContext(long nowMillis, String rule, Mode mode, ClusterView cluster, boolean duringRollout, SortedSet<String> anomalous) {
        this(nowMillis, rule, mode, cluster, duringRollout, anomalous, null);
    }

    /** A context in which nothing is anomalous (guards that do not look at the engine's findings). */
    public GuardContext(long nowMillis, String rule, Mode mode, ClusterView cluster, boolean duringRollout) {
        this(nowMillis, rule, mode, cluster, duringRollout, null);
    }

    /** A context for a rule that does not act during rollouts. */
    public GuardContext(long nowMillis, String rule, Mode mode, ClusterView cluster) {
        this(nowMillis, rule, mode, cluster, false);
    }

    /** Whether the engine finds {@code ref} ({@code service/ns/name} or {@code deployment/ns/name}) anomalous now. */
    public boolean isAnomalous(String ref) { return anomalous.contains(ref); }

    /** A copy of this context with the engine's anomalous refs. */
    public GuardContext withAnomalous(Set<String> refs) {
        return new GuardContext(nowMillis, rule, mode, cluster, duringRollout, new TreeSet<>(refs), diagnoses);
    }

    /**
     * Whether a restart of {@code pod} rolls it over (ClusterAction.RestartPod): it is the pod of a Deployment, not a
     * StatefulSet, of one replica whose strategy takes no pod down first ({@code maxUnavailable} 0, as the default is
     * for one replica), so the adapters restart it as {@code kubectl rollout restart} does — its replacement first, the
     * pod once the replacement is Ready; nothing is evicted.
     */
    static boolean rollsOver(GuardContext context, Target pod) {
        PodInfo p = context.cluster().pod(pod.namespace(), pod.name()).orElse(null);
        if (p == null || p.deployment() == null) return false;
        return context.cluster().deployment(p.namespace(), p.deployment()).filter(d -> d.replicas() == 1 && !d.stateful() && d.maxUnavailable() <= 0).isPresent();
    }
}
