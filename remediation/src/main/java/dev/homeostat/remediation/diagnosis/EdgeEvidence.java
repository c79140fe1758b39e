package dev.homeostat.remediation.diagnosis;

import dev.homeostat.remediation.guard.CallGraph;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.port.ClusterView;
import dev.homeostat.remediation.port.MetricsSource;
import dev.homeostat.remediation.port.PodInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * What the mesh says of a service's calls when no service it calls is anomalous: a callee whose calls from the
 * service's workloads failed — {@link #FAILING_SHARE} of at least {@link #MIN_CALLS} calls in the last minute
 * ({@link CallGraph#edge}) — is its failing dependency all the same. A partitioned pod receives nothing and a lossy
 * link drops calls before they arrive: the callee's own signals stay quiet, only its callers' counters see it.
 *
 * <p>Where the callee's own pods fail or slowed as a whole ({@link #ownFault}), it is the callee, and its own signals
 * are the ones to wait for: no edge evidence. Otherwise the failures are in the network: {@link Diagnosis.Unreachable},
 * with the callee's pods that receive under {@link #STARVED} of their peers' median request rate ({@code
 * http_requests_total} per pod, the last minute) — cut off from their callers.
 */
final class EdgeEvidence {
    /** The share of an edge's calls that must fail: the default policy's pod-errors threshold. */
    static final double FAILING_SHARE = 0.05;
    /** Calls in the minute below which a share says nothing (one failure in ten is noise). */
    static final double MIN_CALLS = 20;
    /** A pod receiving under this share of its peers' median request rate is starved. */
    static final double STARVED = 0.2;
    /** Each pod's requests by response code, as the application counts them (a counter). */
    static final String REQUESTS = "http_requests_total";

    private final ClusterView cluster;
    private final MetricsSource metrics;
    private final PodValues.PodKeys latencyKeys = new PodValues.PodKeys();
    private final PodValues.PodKeys errorKeys = new PodValues.PodKeys();

    EdgeEvidence(ClusterView cluster, MetricsSource metrics) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** A callee the service's workloads fail to reach, the workloads (of any service) whose calls to it fail, and the lines saying so. */
    record FailingEdge(String callee, List<String> callers, boolean lasting, List<String> evidence) { }

    /**
     * The callee (not {@code service}, not anomalous) with the largest failing share of the calls from {@code workloads},
     * with every caller workload that fails toward it; empty when no edge fails.
     */
    static Optional<FailingEdge> failing(String service, Set<String> workloads, CallGraph graph, Predicate<String> anomalous) {
        String worst = null;
        double worstShare = 0;
        for (String w : workloads)
            for (String callee : graph.callees(w)) {
                if (callee.equals(service) || anomalous.test(callee)) continue;
                CallGraph.EdgeCalls e = graph.edge(w, callee);
                if (fails(e) && e.failedShare() > worstShare) {
                    worst = callee;
                    worstShare = e.failedShare();
                }
            }
        if (worst == null) return Optional.empty();
        List<String> callers = new ArrayList<>(), evidence = new ArrayList<>();
        boolean lasting = false;
        Set<String> from = new TreeSet<>(graph.callersOf(worst));
        from.addAll(workloads);
        for (String w : from) {
            CallGraph.EdgeCalls e = graph.edge(w, worst);
            if (!fails(e)) continue;
            callers.add(w);
            // the minute before failed too: not the few seconds a pod lost with its node fails before its own signals
            lasting |= e.earlierCalls() >= MIN_CALLS && e.earlierFailedShare() >= FAILING_SHARE;
            evidence.add(String.format(Locale.ROOT, "calls from %s to %s failed in the last minute: %.0f %% of %.0f", w, worst,
                    100 * e.failedShare(), e.calls()));
        }
        return Optional.of(new FailingEdge(worst, callers, lasting, evidence));
    }

    static boolean fails(CallGraph.EdgeCalls e) {
        return e.calls() >= MIN_CALLS && e.failedShare() >= FAILING_SHARE;
    }

    /**
     * The diagnosis of the edge's callee when its own pods answer as before; empty when they fail or slowed
     * themselves (then the callee is the problem, and its own signals tell).
     */
    Optional<Diagnosis> diagnose(FailingEdge edge, CallGraph graph, long onset, long now, List<String> evidence) {
        String callee = edge.callee();
        List<PodInfo> pods = servingPods(callee, graph, now);
        Optional<String> own = ownFault(pods, onset, now);
        if (own.isPresent()) {
            evidence.add(edge.evidence().getFirst() + ", but " + own.get());
            return Optional.empty();
        }
        evidence.addAll(edge.evidence());
        List<Target> starved = starved(pods, now, evidence);
        Target subject = new Target(Target.Kind.SERVICE, callee.substring(0, callee.indexOf('/')), callee.substring(callee.indexOf('/') + 1));
        return Optional.of(new Diagnosis.Unreachable(subject, callee, edge.callers(), starved, edge.lasting(), evidence));
    }

    /** The callee's ready pods that have run for two rate windows (a starting pod's counters say nothing yet). */
    private List<PodInfo> servingPods(String callee, CallGraph graph, long now) {
        Set<String> deployments = new TreeSet<>(graph.workloadsBehind(callee));
        if (deployments.isEmpty()) deployments.add(callee);
        List<PodInfo> pods = new ArrayList<>();
        for (String d : deployments)
            for (PodInfo p : cluster.podsOf(d.substring(0, d.indexOf('/')), d.substring(d.indexOf('/') + 1)))
                if (p.ready() && !p.terminating() && now - p.startedAtMillis() >= Diagnoser.SETTLED_MILLIS) pods.add(p);
        return pods;
    }

    /**
     * What says the callee itself fails: its pods' median error ratio of the last minute at {@link #FAILING_SHARE} or
     * more, or their median latency {@link PeerShift#SLOWER} times what it was before the onset. Empty when they
     * answer as before, or when it cannot be told (no such series): the callers' counters are the evidence there is.
     */
    private Optional<String> ownFault(List<PodInfo> pods, long onset, long now) {
        if (pods.isEmpty()) return Optional.empty();
        var theirs = PodValues.podsOf(pods);
        double errors = median(pods, new PodValues(errorKeys).read(metrics, PeerShift.ERRORS, theirs, now - 60_000, now));
        if (errors >= FAILING_SHARE)
            return Optional.of(String.format(Locale.ROOT, "its own pods fail too (median error ratio %.2f)", errors));
        double before = median(pods, new PodValues(latencyKeys).read(metrics, PeerShift.LATENCY, theirs, onset - 120_000, onset - 1));
        double after = median(pods, new PodValues(latencyKeys).read(metrics, PeerShift.LATENCY, theirs, now - 60_000, now));
        if (before > 0 && after / before >= PeerShift.SLOWER)
            return Optional.of(String.format(Locale.ROOT, "its own pods answer %.1f× slower than before the onset", after / before));
        return Optional.empty();
    }

    /**
     * The pods receiving under {@link #STARVED} of the median rate of their peers, as long as at least as many peers
     * are not starved (most pods starved is the whole service cut off, not a few pods); one line of evidence either way.
     */
    private List<Target> starved(List<PodInfo> pods, long now, List<String> evidence) {
        Map<String, Double> rates = requestRates(pods, now);
        List<Target> starved = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (PodInfo p : pods) {
            Double rate = rates.get(key(p));
            if (rate == null) continue;
            double[] peers = pods.stream().filter(q -> q != p).map(q -> rates.get(key(q))).filter(Objects::nonNull).mapToDouble(Double::doubleValue).toArray();
            double median = median(peers);
            if (peers.length > 0 && median > 0 && rate < STARVED * median) {
                starved.add(new Target(Target.Kind.POD, p.namespace(), p.name()));
                lines.add(String.format(Locale.ROOT, "%s receives %.2f req/s, its peers' median %.2f", p.name(), rate, median));
            }
        }
        if (!starved.isEmpty() && rates.size() - starved.size() >= starved.size()) {
            evidence.add(String.join("; ", lines) + ": cut off from its callers");
            return starved;
        }
        evidence.add(rates.size() < 2 ? "too few of its pods count their requests to tell one cut off"
                : "no pod of it receives markedly less traffic than its peers: the fault is on the edges, which no action in the cluster mends");
        return List.of();
    }

    /** Each pod's request rate over the last minute (every response code), from its counters; pods without two samples have none. */
    private Map<String, Double> requestRates(List<PodInfo> pods, long now) {
        Map<String, Double> rates = new HashMap<>();
        metrics.read(REQUESTS, now - 60_000, now, PodValues.podsOf(pods), (id, labels, times, values, n) -> {
            String pod = labels.get("pod");
            if (pod == null || n < 2 || times[n - 1] <= times[0]) return;
            double increase = 0;
            for (int i = 1; i < n; i++) increase += values[i] >= values[i - 1] ? values[i] - values[i - 1] : values[i];
            rates.merge(labels.getOrDefault("namespace", "default") + "/" + pod, increase * 1000.0 / (times[n - 1] - times[0]), Double::sum);
        });
        rates.keySet().retainAll(pods.stream().map(EdgeEvidence::key).toList());
        return rates;
    }

    private static String key(PodInfo p) { return p.namespace() + "/" + p.name(); }

    private static double median(List<PodInfo> pods, PodValues values) {
        return median(pods.stream().mapToDouble(p -> values.get(key(p))).filter(v -> !Double.isNaN(v)).toArray());
    }

    private static double median(double[] v) {
        if (v.length == 0) return Double.NaN;
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
