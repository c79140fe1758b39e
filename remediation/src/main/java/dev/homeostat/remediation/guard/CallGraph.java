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
 * {@code edges} holds, per edge ({@link #edgeKey}), the calls of the last {@link #EDGE_WINDOW_MILLIS} and how many of
 * them failed (a 5xx response code): what the callers saw of a callee, which the callee's own signals do not show when
 * the network between them drops the calls. Sorted maps, so every walk over it is deterministic.
 */
public record CallGraph(Map<String, SortedSet<String>> calls, Map<String, SortedSet<String>> workloadsOf, Map<String, EdgeCalls> edges) {
    /** Istio's request counter, as the sidecars name it; the simulator scrapes the same name. */
    public static final String MESH_REQUESTS = "istio_requests_total";

    public static final CallGraph EMPTY = new CallGraph(Map.of(), Map.of());

    /** The window the edges' calls are counted over: one minute, the rate window of the signals beside it. */
    public static final long EDGE_WINDOW_MILLIS = 60_000;

    /**
     * The calls on one edge in the last {@link #EDGE_WINDOW_MILLIS}, and those that failed (5xx); {@code earlierCalls}
     * and {@code earlierFailed} the same for the window before it: whether the failures began a minute ago or more.
     */
    public record EdgeCalls(double calls, double failed, double earlierCalls, double earlierFailed) {
        static final EdgeCalls NONE = new EdgeCalls(0, 0, 0, 0);

        public EdgeCalls(double calls, double failed) { this(calls, failed, 0, 0); }

        /** The share of the calls that failed; 0 without calls. */
        public double failedShare() { return calls > 0 ? failed / calls : 0; }

        /** The share of the earlier window's calls that failed; 0 without calls. */
        public double earlierFailedShare() { return earlierCalls > 0 ? earlierFailed / earlierCalls : 0; }

        EdgeCalls plus(EdgeCalls o) {
            return new EdgeCalls(calls + o.calls, failed + o.failed, earlierCalls + o.earlierCalls, earlierFailed + o.earlierFailed);
        }
    }

    public CallGraph {
        calls = Collections.unmodifiableSortedMap(new TreeMap<>(calls));
        workloadsOf = Collections.unmodifiableSortedMap(new TreeMap<>(workloadsOf));
        edges = Collections.unmodifiableSortedMap(new TreeMap<>(edges));
    }

    /** A graph without call counts. */
    public CallGraph(Map<String, SortedSet<String>> calls, Map<String, SortedSet<String>> workloadsOf) {
        this(calls, workloadsOf, Map.of());
    }

    /**
     * Edges of the series that carry the source workload and destination service labels (a missing namespace
     * label means {@code default}); series reported by the destination's sidecar repeat the source's, and are
     * skipped, as are series without samples.
     */
    public static CallGraph fromMesh(List<MetricSeries> series) {
        return fromMesh(series, Long.MIN_VALUE);
    }

    /**
     * {@link #fromMesh(List)}, with each edge's calls and failures of the minute up to {@code now} (none counted when
     * {@code now} is {@link Long#MIN_VALUE}): the series are counters, read over the lookback, so the increase is
     * the last sample less the last one at or before the minute's start — from 0 for a series born within the minute
     * (Istio writes a response code's series at its first call) — with a drop counted as a reset.
     */
    public static CallGraph fromMesh(List<MetricSeries> series, long now) {
        return fromMesh(series, now, Long.MIN_VALUE);
    }

    /**
     * {@link #fromMesh(List, long)} from series read further back than the graph's window, which starts at
     * {@code graphFrom}: a series without a sample since then is no edge (its counts are none either).
     */
    public static CallGraph fromMesh(List<MetricSeries> series, long now, long graphFrom) {
        var calls = new TreeMap<String, SortedSet<String>>();
        var workloadsOf = new TreeMap<String, SortedSet<String>>();
        var edges = new TreeMap<String, EdgeCalls>();
        for (MetricSeries s : series) {
            Map<String, String> l = s.labels();
            if (s.times().length == 0 || s.times()[s.times().length - 1] < graphFrom || "destination".equals(l.get("reporter"))) continue;
            String source = l.get("source_workload");
            String service = l.get("destination_service_name");
            if (blank(source) || blank(service)) continue;
            String from = ref(l.get("source_workload_namespace"), source);
            String to = ref(l.get("destination_service_namespace"), service);
            calls.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
            if (now != Long.MIN_VALUE) {
                double last = increase(s.times(), s.values(), now - EDGE_WINDOW_MILLIS, now);
                double earlier = increase(s.times(), s.values(), now - 2 * EDGE_WINDOW_MILLIS, now - EDGE_WINDOW_MILLIS);
                boolean failed = l.getOrDefault("response_code", "").startsWith("5");
                edges.merge(edgeKey(from, to), new EdgeCalls(last, failed ? last : 0, earlier, failed ? earlier : 0), EdgeCalls::plus);
            }
            String behind = l.get("destination_workload");
            // Istio writes "unknown" when it could not tell the workload
            if (!blank(behind) && !behind.equals("unknown")) {
                workloadsOf.computeIfAbsent(to, k -> new TreeSet<>()).add(ref(l.get("destination_service_namespace"), behind));
            }
        }
        return new CallGraph(calls, workloadsOf, edges);
    }

    /** A counter's increase in (from, to]: resets (a drop) count the new value, a series born after {@code from} counts from 0. */
    private static double increase(long[] times, double[] values, long from, long to) {
        int start = -1;
        for (int i = 0; i < times.length && times[i] <= from; i++) start = i;
        double sum = 0, last = start >= 0 ? values[start] : 0;
        for (int i = start + 1; i < times.length && times[i] <= to; i++) {
            double v = values[i];
            if (!Double.isFinite(v)) continue;
            sum += v >= last ? v - last : v;
            last = v;
        }
        return sum;
    }

    /** The key of the edge from {@code workload} to {@code service} (both ns/name) in {@link #edges}. */
    public static String edgeKey(String workload, String service) { return workload + " -> " + service; }

    /** The calls of the last minute from {@code workload} to {@code service} (both ns/name); none when not counted. */
    public EdgeCalls edge(String workload, String service) {
        return edges.getOrDefault(edgeKey(workload, service), EdgeCalls.NONE);
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
