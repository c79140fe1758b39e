package dev.homeostat.remediation.guard;

import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.port.MetricsSource;
import dev.homeostat.remediation.port.PodInfo;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * No disruptive action on a service's pods or Deployment while a service it calls, directly or through
 * others, is itself anomalous: a caller's errors and latency are then a symptom of its dependency, and
 * restarting, rolling back, scaling or isolating the caller does not help (scaling it up even adds load to
 * the struggling dependency). The call graph is the service mesh's: {@code istio_requests_total} over the
 * lookback, read through the {@link MetricsSource} port once per evaluation; without that metric there are
 * no edges and this guard never vetoes. Pages and node actions are never held back here, nor the actions of a rule
 * that matches only the {@code waiting} diagnosis (a caller whose own workers wait on a dependency that is not busy).
 */
public final class DependencyGuard implements Guard {
    public static final String NAME = "dependency";

    private final MeshGraph mesh;

    public DependencyGuard(MetricsSource metrics, Duration lookback) {
        this(new MeshGraph(metrics, lookback));
    }

    public DependencyGuard(MeshGraph mesh) {
        this.mesh = Objects.requireNonNull(mesh, "mesh");
    }

    @Override public String name() { return NAME; }

    @Override
    public Optional<String> veto(ClusterAction action, GuardContext context) {
        if (context.anomalous().isEmpty()) return Optional.empty(); // nothing anomalous: no need to ask the mesh
        // a rule for callers waiting on a slow dependency: the diagnosis weighed the dependency and found the caller's own
        // workers short, so adding some is the one action on a symptom that helps
        if (!context.diagnoses().isEmpty() && context.diagnoses().stream().allMatch("waiting"::equals)) return Optional.empty();
        Set<String> workloads = switch (action) {
            case ClusterAction.RestartPod r -> workloadOfPod(r.target(), context);
            case ClusterAction.IsolatePod i -> workloadOfPod(i.target(), context);
            case ClusterAction.RollbackDeployment r -> Set.of(ref(r.target()));
            case ClusterAction.ScaleDeployment s -> Set.of(ref(s.target()));
            case ClusterAction.CircuitBreak c -> graph(context.nowMillis()).workloadsBehind(ref(c.target()));
            // cutting retries toward a service helps whatever it calls: never held back as a symptom
            case ClusterAction.LimitRetries l -> Set.of();
            case ClusterAction.Lift l -> Set.of();
            case ClusterAction.CordonNode c -> Set.of();
            case ClusterAction.DrainNode d -> Set.of();
            case ClusterAction.Page p -> Set.of();
        };
        if (workloads.isEmpty()) return Optional.empty();
        String from = new TreeSet<>(workloads).first();
        return anomalousCallee(workloads, graph(context.nowMillis()), context)
                .map(path -> name(from, from) + " calls " + describe(path, from)
                        + ", which is anomalous: acting on the symptom would not help; "
                        + "the " + action.kind() + " waits while it is (guards.dependencyAware: false turns this guard off)");
    }

    /**
     * Breadth first from the callees of {@code workloads}, in sorted order, so the nearest anomalous callee is
     * named; returns the path of services to it. A service behind one of {@code workloads} is never its own callee.
     */
    private static Optional<List<String>> anomalousCallee(Set<String> workloads, CallGraph graph, GuardContext context) {
        if (graph.isEmpty()) return Optional.empty();
        Map<String, List<String>> pathTo = new LinkedHashMap<>();
        var queue = new ArrayDeque<String>();
        for (String w : new TreeSet<>(workloads)) {
            for (String callee : graph.callees(w)) {
                if (!pathTo.containsKey(callee)) {
                    pathTo.put(callee, List.of(callee));
                    queue.add(callee);
                }
            }
        }
        while (!queue.isEmpty()) {
            String service = queue.poll();
            Set<String> behind = graph.workloadsBehind(service);
            if (behind.stream().anyMatch(workloads::contains)) continue; // a call back into itself
            if (context.isAnomalous("service/" + service) || behind.stream().anyMatch(w -> context.isAnomalous("deployment/" + w))) {
                return Optional.of(pathTo.get(service));
            }
            for (String w : behind) {
                for (String next : graph.callees(w)) {
                    if (!pathTo.containsKey(next)) {
                        var path = new ArrayList<>(pathTo.get(service));
                        path.add(next);
                        pathTo.put(next, List.copyOf(path));
                        queue.add(next);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private CallGraph graph(long now) {
        return mesh.at(now);
    }

    private static Set<String> workloadOfPod(Target pod, GuardContext context) {
        return context.cluster().pod(pod.namespace(), pod.name()).filter(p -> p.deployment() != null)
                .map(p -> Set.of(p.namespace() + "/" + p.deployment())).orElse(Set.of());
    }

    /** {@code checkout calls payments (via x)}: names without the namespace when it is the caller's. */
    private static String describe(List<String> path, String from) {
        String callee = name(path.getLast(), from);
        if (path.size() == 1) return callee;
        return callee + " (via " + String.join(" → ", path.subList(0, path.size() - 1).stream().map(s -> name(s, from)).toList()) + ")";
    }

    private static String name(String ref, String from) {
        String ns = ref.substring(0, ref.indexOf('/'));
        return ns.equals(from.substring(0, from.indexOf('/'))) ? ref.substring(ref.indexOf('/') + 1) : ref;
    }

    private static String ref(Target t) {
        return (t.namespace() == null ? "default" : t.namespace()) + "/" + t.name();
    }
}
