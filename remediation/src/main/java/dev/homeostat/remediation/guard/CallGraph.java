package dev.homeostat.remediation.guard;

import dev.homeostat.remediation.port.MetricSeries;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who calls whom, as the service mesh counted it: from each workload (a Deployment, {@code ns/name}) to
 * the services it called, and from each service to the workloads behind it. Built from Istio's
 * {@code istio_requests_total{reporter="source"}} series: a series with a sample in the window is an edge.
 * Sorted maps, so every walk over it is deterministic.
 */
public record CallGraph(Map<String, SortedSet<String>> calls, Map<String, SortedSet<String>> workloadsOf) {
    /** Istio's request counter, as the sidecars name it; the simulator scrapes the same name. */
    public static final String MESH_REQUESTS = "istio_requests_total";

    public static final CallGraph EMPTY = new CallGraph(Map.of(), Map.of());

    public CallGraph {
        calls = Collections.unmodifiableSortedMap(new TreeMap<>(calls));
        workloadsOf = Collections.unmodifiableSortedMap(new TreeMap<>(workloadsOf));
    }

    /**
     * Edges of the series that carry the source workload and destination service labels (a missing namespace
     * label means {@code default}); series reported by the destination's sidecar repeat the source's, and are
     * skipped, as are series without samples.
     */
    public static CallGraph fromMesh(List<MetricSeries> series) {
        var calls = new TreeMap<String, SortedSet<String>>();
        var workloadsOf = new TreeMap<String, SortedSet<String>>();
        for (MetricSeries s : series) {
            Map<String, String> l = s.labels();
            if (s.times().length == 0 || "destination".equals(l.get("reporter"))) continue;
            String source = l.get("source_workload");
            String service = l.get("destination_service_name");
            if (blank(source) || blank(service)) continue;
            String from = ref(l.get("source_workload_namespace"), source);
            String to = ref(l.get("destination_service_namespace"), service);
            calls.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
            String behind = l.get("destination_workload");
            // Istio writes "unknown" when it could not tell the workload
            if (!blank(behind) && !behind.equals("unknown")) {
                workloadsOf.computeIfAbsent(to, k -> new TreeSet<>()).add(ref(l.get("destination_service_namespace"), behind));
            }
        }
        return new CallGraph(calls, workloadsOf);
    }

    /** The services {@code workload} (ns/name) called directly. */
    public Set<String> callees(String workload) {
        return calls.getOrDefault(workload, new TreeSet<>());
    }

    /** The workloads (ns/name) behind {@code service} (ns/name). */
    public Set<String> workloadsBehind(String service) {
        return workloadsOf.getOrDefault(service, new TreeSet<>());
    }

    public boolean isEmpty() { return calls.isEmpty(); }

    /** The services (ns/name) that {@code service} calls: the callees of the workloads behind it. */
    public java.util.SortedSet<String> calleesOfService(String service) {
        var out = new TreeSet<String>();
        for (String w : workloadsBehind(service)) out.addAll(callees(w));
        out.remove(service);
        return out;
    }

    /** The workloads (ns/name) that call {@code service}, other than those behind it. */
    public java.util.SortedSet<String> callersOf(String service) {
        var out = new TreeSet<String>();
        Set<String> own = workloadsBehind(service);
        calls.forEach((workload, callees) -> {
            if (callees.contains(service) && !own.contains(workload)) out.add(workload);
        });
        return out;
    }

    /** The services (ns/name) {@code workload} is behind; empty when nothing calls it (an entry point). */
    public java.util.SortedSet<String> servicesOf(String workload) {
        var out = new TreeSet<String>();
        workloadsOf.forEach((s, behind) -> {
            if (behind.contains(workload)) out.add(s);
        });
        return out;
    }

    /**
     * {@code service} (ns/name) and every service that calls it, directly or through others. The mesh names the
     * workloads behind called services only; an entry point nobody calls is taken to be the Service of its
     * Deployment's name, as Kubernetes users name them.
     */
    public java.util.SortedSet<String> withCallers(String service) {
        var out = new TreeSet<String>(List.of(service));
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(List.of(service));
        while (!todo.isEmpty()) {
            for (String workload : callersOf(todo.poll())) {
                var services = servicesOf(workload);
                if (services.isEmpty()) services.add(workload);
                for (String caller : services) if (out.add(caller)) todo.add(caller);
            }
        }
        return out;
    }

    private static String ref(String namespace, String name) {
        return (blank(namespace) ? "default" : namespace) + "/" + name;
    }

    private static boolean blank(String s) { return s == null || s.isBlank(); }
}
