package dev.homeostat.remediation.diagnosis;

import dev.homeostat.remediation.guard.CallGraph;
import dev.homeostat.remediation.guard.MeshGraph;
import dev.homeostat.remediation.model.Anomaly;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.port.ClusterView;
import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.remediation.port.MetricsSource;
import dev.homeostat.remediation.port.PodInfo;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Diagnoses the anomalies of a tick in the order on-call engineers check (shared/HEALING.md), one diagnosis per
 * service and tick, shared by that service's anomalies:
 * <ol>
 *   <li><b>recent change</b> — a Deployment of the service began a rollout within {@code changeWindow} before the
 *       service's first anomaly, and not after its current episode began (or its new pods crash-loop): roll that change
 *       back;</li>
 *   <li><b>crash loop</b> — pods of a settled revision crash-loop: restart them, or page with the reason;</li>
 *   <li><b>symptom</b> — a service it calls (the mesh's call graph) is anomalous: hold, the dependency is the problem
 *       (<b>waiting</b> when the service's own workers are what holds it back now: {@link WaitingWorkers});
 *       else <b>unreachable</b> — the mesh counts its calls to a callee failing ({@link EdgeEvidence}: 5 % of 20 or
 *       more in the last minute) while the callee's own pods answer as before: the network between them fails, and
 *       its anomalies are the callee's incident (restart the callee's pods that receive no traffic, else page). Not
 *       when it alone fails toward the callee and some of its pods stand out from healthy peers (the pod-local
 *       check below): a pod's own fault fails its calls too;</li>
 *   <li><b>node-local</b> — its anomalous pods share a node that is not ready, or where the pods of two other
 *       services — not its callers — are anomalous, and only there, while their pods elsewhere serve
 *       ({@link NodeEvidence});</li>
 *   <li><b>pod-local</b> — some of its pods stand out, and at least as many healthy, settled peers (no anomaly of their
 *       own since they started, up before the episode began or beside them for 5 minutes since) serve beside them,
 *       which have not themselves moved as a whole since the service's first anomaly of the lookback ({@link PeerShift}),
 *       and no peers lost before the
 *       episode are coming back (a member of its StatefulSet, a quarter of a Deployment; {@link StandingOut}): a pod
 *       standing out from peers all degraded by one slow backend,
 *       lagging while they all recover, carrying the load of peers that are missing, or showing first what all of them
 *       show a scrape later, is the tail of the service's problem, not a bad pod;</li>
 *   <li><b>dependency</b> — callers of it are anomalous too: it is their failing dependency as a whole (saturated or
 *       not);</li>
 *   <li><b>saturation</b> — its pods are busy beyond {@code saturation} (CPU over requests);</li>
 *   <li><b>unknown</b>.</li>
 * </ol>
 * "Anomalous" means an anomaly within the lookback. A service's Deployments come from its pods' series and the
 * mesh; a service whose pods the engine has not seen is taken to run in the Deployment of its own name.
 */
public final class Diagnoser {
    private final ClusterView cluster;
    private final MeshGraph mesh;
    private final long changeWindow;
    private final long lookback;
    private final double saturation;
    /** The anomalies of the lookback, oldest first. */
    private final Deque<Anomaly> recent = new ArrayDeque<>();
    /** service (ns/name) → the Deployments (ns/name) its pods belong to, learnt from pod anomalies and the mesh. */
    private final Map<String, Set<String>> deploymentsOf = new HashMap<>();
    /** When each service's current episode began: what came up or rolled out since answers it. */
    private final Episodes episodes = new Episodes();
    private final MetricsSource metrics;
    private final PeerShift peerShift;
    private final NodeEvidence nodeEvidence;
    private final EdgeEvidence edgeEvidence;
    private final WaitingWorkers waitingWorkers;
    private final StandingOut standingOut;

    /**
     * How busy a pod is: CPU used over its CPU requests, as the HPA computes utilization (recording rule over
     * {@code container_cpu_usage_seconds_total} and {@code kube_pod_container_resource_requests}).
     */
    public static final String BUSY = "pod:container_cpu_usage:ratio_request";

    public Diagnoser(ClusterView cluster, MetricsSource metrics, MeshGraph mesh, Duration changeWindow, Duration lookback, double saturation) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.peerShift = new PeerShift(metrics);
        this.nodeEvidence = new NodeEvidence(this.cluster);
        this.edgeEvidence = new EdgeEvidence(this.cluster, this.metrics);
        this.mesh = Objects.requireNonNull(mesh, "mesh");
        this.changeWindow = changeWindow.toMillis();
        this.lookback = lookback.toMillis();
        this.saturation = saturation;
        this.waitingWorkers = new WaitingWorkers(this.cluster, peerShift, saturation, this::deployments, this::utilization);
        this.standingOut = new StandingOut(this.cluster, episodes, peerShift, recent);
    }

    /** The service (ns/name) an anomaly is about: its service label, a service target, or null. */
    public static String serviceOf(Anomaly a) {
        String ns = a.target().namespace() == null ? "default" : a.target().namespace();
        if (a.service() != null && !a.service().isBlank()) return a.service().startsWith("service/") ? a.service().substring(8) : ns + "/" + a.service();
        return a.target().kind() == Target.Kind.SERVICE ? ns + "/" + a.target().name() : null;
    }

    /** A diagnosis for every anomaly of this tick (in their order), one per service. */
    public Map<Anomaly, Diagnosis> diagnose(long now, List<Anomaly> anomalies) {
        remember(now, anomalies);
        Map<String, Diagnosis> byService = new TreeMap<>();
        Map<Anomaly, Diagnosis> out = new LinkedHashMap<>();
        for (Anomaly a : anomalies) {
            String service = serviceOf(a);
            if (service == null) {
                out.put(a, new Diagnosis.Unknown(a.target(), null, List.of(describe(a))));
                continue;
            }
            out.put(a, byService.computeIfAbsent(service, s -> diagnoseService(s, now)));
        }
        return out;
    }

    private void remember(long now, List<Anomaly> anomalies) {
        for (Anomaly a : anomalies) {
            recent.add(a);
            String service = serviceOf(a);
            if (service != null) episodes.anomaly(service, a.timeMillis());
            if (service != null && a.target().kind() == Target.Kind.POD)
                cluster.pod(a.target().namespace(), a.target().name()).filter(p -> p.deployment() != null)
                        .ifPresent(p -> deploymentsOf.computeIfAbsent(service, k -> new TreeSet<>()).add(p.namespace() + "/" + p.deployment()));
        }
        while (!recent.isEmpty() && recent.peekFirst().timeMillis() < now - lookback) recent.pollFirst();
    }

    Diagnosis diagnoseService(String service, long now) {
        String ns = service.substring(0, service.indexOf('/'));
        Target serviceTarget = new Target(Target.Kind.SERVICE, ns, service.substring(service.indexOf('/') + 1));
        List<Anomaly> own = recent.stream().filter(a -> service.equals(serviceOf(a))).toList();
        long onset = own.isEmpty() ? now : own.getFirst().timeMillis();
        List<String> evidence = new ArrayList<>();
        own.stream().map(Anomaly::signal).distinct().sorted().forEach(signal -> evidence.add("signal " + signal + " on "
                + own.stream().filter(a -> a.signal().equals(signal)).map(a -> a.target().ref()).distinct().sorted().toList()));
        CallGraph graph = mesh.at(now);
        List<DeploymentInfo> deployments = deployments(service, graph);

        for (DeploymentInfo d : deployments) {
            Target deployment = new Target(Target.Kind.DEPLOYMENT, d.namespace(), d.name());
            List<PodInfo> pods = cluster.podsOf(d.namespace(), d.name());
            List<PodInfo> looping = pods.stream().filter(PodInfo::crashLooping).toList();
            boolean newPodsLoop = d.rollbackTo() > 0 && looping.stream().anyMatch(p -> p.revision() == d.revision() && p.revision() > 0);
            // once a change is the episode's diagnosis, the rollback that undoes it (a rollout of its own) is still it
            boolean beforeTheEpisode = d.revisionSince() <= episodes.start(service, onset) || episodes.changeDiagnosed(service);
            if (d.changedSince(onset - changeWindow) && beforeTheEpisode || newPodsLoop) {
                episodes.changed(service);
                evidence.add("revision " + d.revision() + " of " + deployment.ref() + " began rolling out at " + seconds(d.revisionSince())
                        + " s, the first anomaly came at " + seconds(onset) + " s" + (newPodsLoop ? "; its new pods crash-loop" : ""));
                return new Diagnosis.RecentChange(deployment, service, d.revision(), d.revisionSince(), evidence);
            }
            if (!looping.isEmpty()) {
                evidence.add(looping.size() + " pod(s) of " + deployment.ref() + " in CrashLoopBackOff, restarts "
                        + looping.stream().mapToInt(PodInfo::restarts).sum());
                return new Diagnosis.CrashLoop(deployment, service, looping.stream().map(Diagnoser::target).toList(), evidence);
            }
        }
        Optional<String> callee = anomalousCallee(service, deployments, graph);
        if (callee.isPresent()) {
            evidence.add("it calls " + callee.get() + ", anomalous too");
            return waitingWorkers.diagnose(service, deployments, callee.get(), graph, episodes.start(service, onset), now, evidence)
                    .orElseGet(() -> new Diagnosis.Symptom(serviceTarget, service, callee.get(), evidence));
        }
        List<Target> standOut = standingOut(service, now);
        Optional<Diagnosis> unreachable = unreachable(service, deployments, standOut, graph, onset, now, evidence);
        if (unreachable.isPresent()) return unreachable.get();
        // the service is where it starts: a bad node, a few bad pods, else the service as a whole
        Optional<Diagnosis> node = nodeEvidence.diagnose(service, deployments, standOut, recent, graph, now, evidence);
        if (node.isPresent()) return node.get();
        if (!standOut.isEmpty()) {
            Optional<String> notBad = standingOut.whyNotPodLocal(service, deployments, standOut, onset, now);
            if (notBad.isEmpty()) return new Diagnosis.PodLocal(serviceTarget, service, standOut, evidence);
            evidence.add("pods " + standOut.stream().map(Target::name).toList() + " stand out, but " + notBad.get());
        }
        List<String> callers = graph.callersOf(service).stream().filter(w -> anomalousWorkload(w, graph)).toList();
        double utilization = utilization(deployments, now);
        boolean saturated = utilization >= saturation;
        if (!callers.isEmpty()) {
            evidence.add("anomalous callers " + callers + (Double.isFinite(utilization)
                    ? String.format(java.util.Locale.ROOT, "; its pods use %.2f of their CPU requests", utilization) : ""));
            List<Target> lost = lostPods(deployments, now);
            if (!lost.isEmpty()) evidence.add(lost.size() + " of its pods do not serve (not ready past start-up, crash-looping or unscheduled): "
                    + lost.stream().map(Target::name).toList());
            return new Diagnosis.Dependency(serviceTarget, service, callers, saturated, utilization, lost, evidence);
        }
        if (saturated && !deployments.isEmpty()) {
            DeploymentInfo d = deployments.getFirst();
            evidence.add(String.format(java.util.Locale.ROOT, "its pods use %.2f of their CPU requests (saturated from %.2f)", utilization, saturation));
            return new Diagnosis.Saturation(new Target(Target.Kind.DEPLOYMENT, d.namespace(), d.name()), service, utilization, evidence);
        }
        return new Diagnosis.Unknown(serviceTarget, service, evidence);
    }

    /**
     * A callee its workloads fail to reach though it raises no anomaly ({@link EdgeEvidence}): the callee's diagnosis,
     * to which this service's anomalies belong. Edge evidence is per workload: when this service alone fails toward the
     * callee and some of its own pods stand out from healthy peers, those pods' own faults may be what fails the calls
     * (a pod whose network broke), and the pod-local step judges them.
     */
    private Optional<Diagnosis> unreachable(String service, List<DeploymentInfo> deployments, List<Target> standOut, CallGraph graph,
                                            long onset, long now, List<String> evidence) {
        Set<String> workloads = new TreeSet<>(graph.workloadsBehind(service));
        for (DeploymentInfo d : deployments) workloads.add(d.namespace() + "/" + d.name());
        Optional<EdgeEvidence.FailingEdge> edge = EdgeEvidence.failing(service, workloads, graph, this::anomalousService);
        if (edge.isEmpty()) return Optional.empty();
        boolean alone = edge.get().callers().stream().allMatch(workloads::contains);
        if (alone && !standOut.isEmpty() && standingOut.whyNotPodLocal(service, deployments, standOut, onset, now).isEmpty()) return Optional.empty();
        return edgeEvidence.diagnose(edge.get(), graph, onset, now, evidence);
    }

    /** The service's Deployments: from its pods' anomalies, the mesh, or the Deployment of its own name. */
    private List<DeploymentInfo> deployments(String service, CallGraph graph) {
        Set<String> names = new TreeSet<>(deploymentsOf.getOrDefault(service, Set.of()));
        names.addAll(graph.workloadsBehind(service));
        if (names.isEmpty()) names.add(service);
        List<DeploymentInfo> out = new ArrayList<>();
        for (String n : names) cluster.deployment(n.substring(0, n.indexOf('/')), n.substring(n.indexOf('/') + 1)).ifPresent(out::add);
        return out;
    }

    /** Pods of the Deployments that do not serve and are not merely starting: lost to a dead node, a crash loop, no room. */
    private List<Target> lostPods(List<DeploymentInfo> deployments, long now) {
        List<Target> lost = new ArrayList<>();
        for (DeploymentInfo d : deployments) {
            List<PodInfo> pods = cluster.podsOf(d.namespace(), d.name());
            for (PodInfo p : pods)
                if (!p.ready() && !p.terminating() && (p.unscheduled() || p.crashLooping()
                        || (p.startedAtMillis() >= 0 && now - p.startedAtMillis() >= SETTLED_MILLIS && !PodStartup.starting(p, pods, now))))
                    lost.add(target(p));
        }
        return lost;
    }

    /**
     * How long a pod must have run to count as a settled peer: two of the 1-minute rate windows the pod signals are
     * measured over, so a pod that served alone while its peers were replaced is compared with peers that have
     * served beside it for a whole window, not with fresh ones whose window holds only the calm after.
     */
    static final long SETTLED_MILLIS = 120_000;

    /** How recent a pod's own anomaly must be for it to stand out now: one rate window of the pod signals. */
    private static final long STANDING_OUT_MILLIS = 60_000;

    /** The nearest service it calls (breadth first, from its own Deployments' calls) that is anomalous. */
    private Optional<String> anomalousCallee(String service, List<DeploymentInfo> deployments, CallGraph graph) {
        var seen = new TreeSet<String>();
        var queue = new ArrayDeque<>(graph.calleesOfService(service));
        // an entry point no one calls has no workloads behind it in the mesh: its own Deployments call for it
        for (DeploymentInfo d : deployments) queue.addAll(graph.callees(d.namespace() + "/" + d.name()));
        while (!queue.isEmpty()) {
            String callee = queue.poll();
            if (!seen.add(callee) || callee.equals(service)) continue;
            if (anomalousService(callee)) return Optional.of(callee);
            queue.addAll(graph.calleesOfService(callee));
        }
        return Optional.empty();
    }

    private boolean anomalousService(String service) {
        for (Anomaly a : recent) if (service.equals(serviceOf(a))) return true;
        return false;
    }

    private boolean anomalousWorkload(String workload, CallGraph graph) {
        for (String service : graph.servicesOf(workload)) if (anomalousService(service)) return true;
        if (anomalousService(workload)) return true; // an entry point: a service of the workload's own name
        for (Anomaly a : recent) {
            if (a.target().kind() != Target.Kind.POD) continue;
            PodInfo p = cluster.pod(a.target().namespace(), a.target().name()).orElse(null);
            if (p != null && workload.equals(p.namespace() + "/" + p.deployment())) return true;
        }
        return false;
    }

    /**
     * Pods of the service that stand out now — an anomaly of their own within the last {@link #STANDING_OUT_MILLIS} —
     * and have run long enough to be judged (a pod just started — a replacement, a scale-up's — differs from its peers
     * for reasons of its own), by name. A pod whose last anomaly is older has recovered: the lookback still holds it as
     * evidence of the incident, but restarting it would act on a healthy pod.
     */
    private List<Target> standingOut(String service, long now) {
        var pods = new TreeMap<String, Target>();
        for (Anomaly a : recent) {
            if (a.target().kind() != Target.Kind.POD || !service.equals(serviceOf(a))) continue;
            if (a.timeMillis() < now - STANDING_OUT_MILLIS) continue;
            PodInfo p = cluster.pod(a.target().namespace(), a.target().name()).orElse(null);
            if (p != null && p.startedAtMillis() >= 0 && a.timeMillis() - p.startedAtMillis() >= SETTLED_MILLIS) pods.put(a.target().ref(), a.target());
        }
        return List.copyOf(pods.values());
    }

    /** The mean busy ratio of the Deployment's ready pods (their newest samples of the last minute); NaN without any. */
    public double utilization(DeploymentInfo deployment, long now) {
        return utilization(List.of(deployment), now);
    }

    /** The mean busy ratio of the service's ready pods (their newest samples of the last minute); NaN without any. */
    private double utilization(List<DeploymentInfo> deployments, long now) {
        Set<String> pods = new HashSet<>();
        List<PodInfo> ready = new ArrayList<>();
        for (DeploymentInfo d : deployments)
            for (PodInfo p : cluster.podsOf(d.namespace(), d.name())) if (p.ready() && pods.add(p.namespace() + "/" + p.name())) ready.add(p);
        if (pods.isEmpty()) return Double.NaN;
        // only those pods' series, in the source's order (the order the mean sums them in)
        double[] sum = {0};
        int[] n = {0};
        metrics.read(BUSY, now - 60_000, now, PodValues.podsOf(ready), (id, labels, times, values, count) -> {
            if (count == 0 || !pods.contains(busyKeys.of(id, labels))) return;
            double v = values[count - 1];
            if (!Double.isFinite(v)) return;
            n[0]++;
            sum[0] += v;
        });
        return n[0] > 0 ? sum[0] / n[0] : Double.NaN;
    }

    /** The busy-ratio series' pods (ns/name), worked out once per series the source numbers. */
    private final PodValues.PodKeys busyKeys = new PodValues.PodKeys();

    /** Whether {@code p} is one of {@code pods}. */
    static boolean among(List<Target> pods, PodInfo p) {
        for (Target t : pods) if (t.name().equals(p.name()) && Objects.equals(t.namespace(), p.namespace())) return true;
        return false;
    }

    static Target target(PodInfo p) {
        return new Target(Target.Kind.POD, p.namespace(), p.name());
    }

    private static String describe(Anomaly a) {
        return "signal " + a.signal() + " on " + a.target().ref() + ": " + a.explanation();
    }

    private static String seconds(long millis) {
        return millis == Long.MIN_VALUE ? "?" : Long.toString(millis / 1000);
    }
}
