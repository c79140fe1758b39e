package dev.homeostat.remediation.diagnosis;

import dev.homeostat.remediation.guard.CallGraph;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.port.ClusterView;
import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.remediation.port.PodInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.ToDoubleBiFunction;

/**
 * The one symptom more workers help ({@link Diagnosis.Waiting}): a caller of an anomalous dependency whose requests now
 * queue for its own workers. By Little's law a pod holds as many requests at once as it takes in a second times the
 * seconds it holds each; a dependency that answers slower makes its callers hold each request longer, and once a
 * caller's workers are all taken its requests queue and time out in the caller, though the dependency answers them
 * all. Told from mere waiting by the mesh and the pods' latency (the recording rule of the default policy's
 * pod-latency signal):
 * <ul>
 *   <li>the caller's settled pods hold requests {@link #WAITING} times as long as before its episode (the median pod);</li>
 *   <li>and {@link #QUEUED} times as much as the dependency's slowest pod slowed: a caller's latency is its own work plus
 *       its calls', so waiting alone slows it no more than its dependency did (its calls, retried, may each wait
 *       twice); beyond that, requests wait for its workers. The slowest pod, not the median: one slow pod of three, on a
 *       bad node, holds a third of the calls, and the caller's mean waits on them;</li>
 *   <li>its calls to the dependency succeed (the mesh counts under {@link EdgeEvidence#FAILING_SHARE} of them failing): a
 *       call that times out holds a worker until the caller's deadline, whatever the dependency's own latency says;</li>
 *   <li>the dependency is not busy (its pods' CPU below the saturation threshold): more of the caller's workers send it
 *       more calls at once, which a busy dependency would only queue.</li>
 * </ul>
 * The caller's first Deployment that is not a StatefulSet is what grows (the engine does not scale members that hold
 * state).
 */
final class WaitingWorkers {
    /** How many times as long a caller's pods must hold requests for its workers to be what holds it back ... */
    static final double WAITING = 3.0;
    /** ... and how many times its dependency's slowest pod's slowdown. */
    static final double QUEUED = 2.0;

    private final ClusterView cluster;
    private final PeerShift peerShift;
    private final double saturation;
    private final BiFunction<String, CallGraph, List<DeploymentInfo>> deployments;
    private final ToDoubleBiFunction<List<DeploymentInfo>, Long> utilization;

    WaitingWorkers(ClusterView cluster, PeerShift peerShift, double saturation, BiFunction<String, CallGraph, List<DeploymentInfo>> deployments,
                   ToDoubleBiFunction<List<DeploymentInfo>, Long> utilization) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.peerShift = Objects.requireNonNull(peerShift, "peerShift");
        this.saturation = saturation;
        this.deployments = Objects.requireNonNull(deployments, "deployments");
        this.utilization = Objects.requireNonNull(utilization, "utilization");
    }

    /**
     * {@code service}, whose {@code own} Deployments call the anomalous {@code dependency}, as a caller waiting for
     * workers since its episode began ({@code since}); empty when it only waits on the dependency (a symptom).
     */
    Optional<Diagnosis> diagnose(String service, List<DeploymentInfo> own, String dependency, CallGraph graph, long since, long now,
                                 List<String> evidence) {
        DeploymentInfo grows = own.stream().filter(d -> !d.stateful()).findFirst().orElse(null);
        if (grows == null || since == Long.MIN_VALUE) return Optional.empty();
        if (EdgeEvidence.fails(graph.edge(grows.namespace() + "/" + grows.name(), dependency))) return Optional.empty();
        List<DeploymentInfo> theirs = deployments.apply(dependency, graph);
        double busy = utilization.applyAsDouble(theirs, now);
        if (!(busy < saturation)) return Optional.empty();
        double slowdown = peerShift.slowdown(settled(List.of(grows), now), since, now, 2, false);
        if (!(slowdown >= WAITING)) return Optional.empty();
        double theirSlowdown = peerShift.slowdown(settled(theirs, now), since, now, 1, true);
        if (!(slowdown >= QUEUED * theirSlowdown)) return Optional.empty();
        evidence.add(String.format(Locale.ROOT, "its pods hold requests %.1f× as long as before the episode, %s's slowest pod %.1f×;"
                + " %s uses %.2f of its CPU requests: its requests queue for its workers", slowdown, dependency, theirSlowdown, dependency, busy));
        return Optional.of(new Diagnosis.Waiting(new Target(Target.Kind.DEPLOYMENT, grows.namespace(), grows.name()), dependency, service,
                slowdown, evidence));
    }

    /** The Deployments' ready pods that have served for {@link Diagnoser#SETTLED_MILLIS}: a fresh pod has no "before". */
    private List<PodInfo> settled(List<DeploymentInfo> deployments, long now) {
        List<PodInfo> out = new ArrayList<>();
        for (DeploymentInfo d : deployments)
            for (PodInfo p : cluster.podsOf(d.namespace(), d.name()))
                if (p.ready() && now - p.startedAtMillis() >= Diagnoser.SETTLED_MILLIS) out.add(p);
        return out;
    }
}
