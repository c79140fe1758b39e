package dev.homeostat.remediation.live.kubernetes;

import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.remediation.port.PodInfo;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading Kubernetes objects as the engine needs them: owners, revisions, annotations, timestamps, pod summaries. */
final class KubeObjects {
    private KubeObjects() { }

    static PodInfo podInfo(Pod p, Map<String, String> deploymentOfReplicaSet, Map<String, Integer> revisionOfReplicaSet) {
        return podInfo(p, deploymentOfReplicaSet, revisionOfReplicaSet, Map.of());
    }

    /**
     * A pod as the engine's view has it: a Deployment's pod at its ReplicaSet's revision, a StatefulSet's at the revision
     * of the ControllerRevision its label names ({@code revisionOfControllerRevision}, by namespace/name).
     */
    static PodInfo podInfo(Pod p, Map<String, String> deploymentOfReplicaSet, Map<String, Integer> revisionOfReplicaSet,
                           Map<String, Integer> revisionOfControllerRevision) {
        var meta = p.getMetadata();
        OwnerReference owner = controller(p).orElse(null);
        String ownerKey = owner == null ? null : meta.getNamespace() + "/" + owner.getName();
        // a Deployment's pod through its ReplicaSet; a StatefulSet's directly, as the simulation groups them
        String deployment = owner == null ? null : switch (owner.getKind()) {
            case "ReplicaSet" -> deploymentOfReplicaSet.get(ownerKey);
            case "StatefulSet" -> owner.getName();
            default -> null;
        };
        int revision = owner == null ? 0 : switch (owner.getKind()) {
            case "ReplicaSet" -> revisionOfReplicaSet.getOrDefault(ownerKey, 0);
            case "StatefulSet" -> StatefulSets.podRevision(p, revisionOfControllerRevision);
            default -> 0;
        };
        var status = p.getStatus();
        boolean ready = status != null && status.getConditions() != null && status.getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        int restarts = status == null || status.getContainerStatuses() == null ? 0
                : status.getContainerStatuses().stream().mapToInt(c -> orZero(c.getRestartCount())).sum();
        long started = started(p);
        String node = p.getSpec() == null ? null : p.getSpec().getNodeName();
        return new PodInfo(meta.getNamespace(), meta.getName(), deployment, node, ready, restarts, started, revision, waitingReason(status),
                meta.getDeletionTimestamp() != null, readyAt(status, ready, started), startupBudget(p.getSpec()));
    }

    /**
     * When the pod's running container started: its status's {@code state.running.startedAt}, which Kubernetes moves on
     * every restart (unlike the pod's {@code startTime}, its first start); {@link PodInfo#NOT_YET} while it waits or has
     * terminated, since no container runs. Without a state (a writer that leaves it out), the pod's startTime, else its
     * creation.
     */
    private static long started(Pod p) {
        var status = p.getStatus();
        var state = mainContainer(p).map(io.fabric8.kubernetes.api.model.ContainerStatus::getState).orElse(null);
        if (state != null && state.getRunning() != null) {
            var since = millis(state.getRunning().getStartedAt());
            if (since.isPresent()) return since.get();
        } else if (state != null && (state.getWaiting() != null || state.getTerminated() != null)) {
            return PodInfo.NOT_YET;
        }
        return millis(status == null ? null : status.getStartTime()).orElse(millis(p.getMetadata().getCreationTimestamp()).orElse(0L));
    }

    /**
     * The status of the container the view follows: the spec's first (whose probes give the start-up budget), found by
     * name since Kubernetes does not keep containerStatuses in the spec's order; else the first status.
     */
    private static Optional<io.fabric8.kubernetes.api.model.ContainerStatus> mainContainer(Pod p) {
        var statuses = p.getStatus() == null ? null : p.getStatus().getContainerStatuses();
        if (statuses == null || statuses.isEmpty()) return Optional.empty();
        var containers = p.getSpec() == null ? null : p.getSpec().getContainers();
        String name = containers == null || containers.isEmpty() ? null : containers.getFirst().getName();
        return Optional.of(statuses.stream().filter(c -> name != null && name.equals(c.getName())).findFirst().orElse(statuses.getFirst()));
    }

    /**
     * When the pod turned Ready since it started, from its Ready condition's lastTransitionTime: Ready now → then; not
     * Ready since a moment well after its start → it was Ready before that; not Ready since its start (the kubelet
     * writes the condition False as it starts the pod, within seconds) → {@link PodInfo#NOT_YET}. Without the condition's
     * time the pod is taken to have been Ready since its start, as a view without history would.
     */
    private static long readyAt(io.fabric8.kubernetes.api.model.PodStatus status, boolean ready, long started) {
        var condition = status == null || status.getConditions() == null ? null
                : status.getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElse(null);
        Optional<Long> since = condition == null ? Optional.empty() : millis(condition.getLastTransitionTime());
        if (started < 0 && !ready) return PodInfo.NOT_YET; // no container runs, so none has been Ready since it started
        if (since.isEmpty()) return started;
        if (ready || since.get() > started + CONDITION_WRITTEN_MILLIS) return Math.max(since.get(), started);
        return PodInfo.NOT_YET;
    }

    /** How long after a pod's start the kubelet may first write its conditions. */
    private static final long CONDITION_WRITTEN_MILLIS = 5_000;

    /**
     * How long the kubelet lets the first container start before its startup probe (else its liveness probe) kills it:
     * initialDelaySeconds + periodSeconds × (failureThreshold − 1), with Kubernetes' defaults (0, 10, 3); 0 without either.
     */
    static long startupBudget(io.fabric8.kubernetes.api.model.PodSpec spec) {
        if (spec == null || spec.getContainers() == null || spec.getContainers().isEmpty()) return 0;
        var c = spec.getContainers().getFirst();
        var probe = c.getStartupProbe() != null ? c.getStartupProbe() : c.getLivenessProbe();
        if (probe == null) return 0;
        long delay = orZero(probe.getInitialDelaySeconds()), period = probe.getPeriodSeconds() == null ? 10 : probe.getPeriodSeconds();
        long failures = probe.getFailureThreshold() == null ? 3 : probe.getFailureThreshold();
        return (delay + period * Math.max(0, failures - 1)) * 1000;
    }

    /**
     * Why the pod's first waiting container waits ({@code CrashLoopBackOff}, {@code ImagePullBackOff}, …), else null.
     * The kubelet's reasons while it creates the containers ({@link #STARTING}) are none: the pod is starting, not
     * waiting for a reason of its own, as the simulation's view has it.
     */
    private static String waitingReason(io.fabric8.kubernetes.api.model.PodStatus status) {
        if (status == null || status.getContainerStatuses() == null) return null;
        return status.getContainerStatuses().stream()
                .map(c -> c.getState() == null || c.getState().getWaiting() == null ? null : c.getState().getWaiting().getReason())
                .filter(r -> r != null && !STARTING.contains(r)).findFirst().orElse(null);
    }

    /** The waiting reasons the kubelet writes while it creates a pod's containers. */
    private static final java.util.Set<String> STARTING = java.util.Set.of("ContainerCreating", "PodInitializing");

    /**
     * A Deployment as the engine's view has it, with its rollout history from its ReplicaSets ({@code owned}), as
     * {@code kubectl rollout history} reads it: the revision is the Deployment's {@code deployment.kubernetes.io/revision};
     * it began rolling out when the ReplicaSet of that revision was created; a rollback returns to the highest revision
     * below it that a ReplicaSet still holds (0: none).
     */
    static DeploymentInfo deploymentInfo(Deployment d, List<ReplicaSet> owned) {
        var status = d.getStatus();
        int replicas = d.getSpec() == null || d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        int revision = revision(d.getMetadata().getAnnotations()).map(Long::intValue).orElse(0);
        long since = Long.MIN_VALUE;
        int rollbackTo = 0;
        for (ReplicaSet rs : owned) {
            int r = revision(rs.getMetadata().getAnnotations()).map(Long::intValue).orElse(0);
            if (r == revision && revision > 0) since = millis(rs.getMetadata().getCreationTimestamp()).orElse(Long.MIN_VALUE);
            else if (r > rollbackTo && r < revision) rollbackTo = r;
        }
        return new DeploymentInfo(d.getMetadata().getNamespace(), d.getMetadata().getName(), replicas,
                status == null ? 0 : orZero(status.getReadyReplicas()), status == null ? 0 : orZero(status.getUpdatedReplicas()),
                d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration(),
                status == null || status.getObservedGeneration() == null ? 0 : status.getObservedGeneration(), revision, since, rollbackTo,
                null, false, maxUnavailable(d.getSpec() == null ? null : d.getSpec().getStrategy(), replicas));
    }

    /**
     * The pods a Deployment's rollout may take below {@code replicas}, as the Deployment controller resolves its
     * strategy: {@code Recreate} all of them; {@code RollingUpdate.maxUnavailable} a count, or a percentage rounded down;
     * unset, 25 %; 1 where both it and maxSurge (rounded up) come to 0.
     */
    static int maxUnavailable(io.fabric8.kubernetes.api.model.apps.DeploymentStrategy strategy, int replicas) {
        if (strategy != null && "Recreate".equals(strategy.getType())) return replicas;
        var rolling = strategy == null ? null : strategy.getRollingUpdate();
        int unavailable = scaled(rolling == null ? null : rolling.getMaxUnavailable(), replicas, 25);
        // the controller's ResolveFenceposts: a rollout that could neither surge nor go short would never progress, so it
        // may take one pod down (maxSurge 0 and a percentage that rounds to 0; or no replicas at all)
        if (unavailable == 0 && scaled(rolling == null ? null : rolling.getMaxSurge(), replicas, 25, true) == 0) return 1;
        return unavailable;
    }

    /** An IntOrString of a pod count or a percentage of {@code replicas} (rounded down); {@code defaultPercent} when unset. */
    static int scaled(io.fabric8.kubernetes.api.model.IntOrString value, int replicas, int defaultPercent) {
        return scaled(value, replicas, defaultPercent, false);
    }

    /** As {@link #scaled(io.fabric8.kubernetes.api.model.IntOrString, int, int)}, a percentage rounded up when {@code roundUp} (maxSurge). */
    static int scaled(io.fabric8.kubernetes.api.model.IntOrString value, int replicas, int defaultPercent, boolean roundUp) {
        if (value == null || (value.getIntVal() == null && value.getStrVal() == null)) return percentOf(replicas, defaultPercent, roundUp);
        if (value.getIntVal() != null) return Math.max(0, value.getIntVal());
        String s = value.getStrVal().trim();
        try {
            if (s.endsWith("%")) return percentOf(replicas, Math.max(0, Integer.parseInt(s.substring(0, s.length() - 1).trim())), roundUp);
            return Math.max(0, Integer.parseInt(s));
        } catch (NumberFormatException e) {
            return percentOf(replicas, defaultPercent, roundUp); // the API server refuses such a value; the default stands in
        }
    }

    private static int percentOf(int replicas, int percent, boolean roundUp) {
        long scaled = (long) replicas * percent;
        return (int) (roundUp ? Math.ceilDiv(scaled, 100L) : scaled / 100);
    }

    /**
     * What replaces {@code pod} once it is deleted or taken out of its controller, as the controller does it: a
     * Deployment's ReplicaSet starts another at once; a StatefulSet recreates it under its own name, so only once it is
     * gone.
     */
    static String replacement(io.fabric8.kubernetes.api.model.Pod pod, boolean podStays) {
        return controller(pod).map(o -> switch (o.getKind()) {
            case "StatefulSet" -> podStays ? "it keeps its name, so its StatefulSet starts no replacement while it runs"
                    : "its StatefulSet starts a replacement of the same name once it is gone";
            default -> "its " + o.getKind() + " starts a replacement";
        }).orElse("no controller owns it, so nothing replaces it");
    }

    static Optional<OwnerReference> controller(HasMetadata o) {
        var owners = o.getMetadata().getOwnerReferences();
        if (owners == null) return Optional.empty();
        return owners.stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst();
    }

    static boolean ownedBy(ReplicaSet rs, Deployment d) {
        return controller(rs).filter(o -> "Deployment".equals(o.getKind()) && o.getName().equals(d.getMetadata().getName())
                && (o.getUid() == null || d.getMetadata().getUid() == null || o.getUid().equals(d.getMetadata().getUid()))).isPresent();
    }

    static Optional<Long> revision(Map<String, String> annotations) {
        if (annotations == null || annotations.get(KubernetesCluster.REVISION_ANNOTATION) == null) return Optional.empty();
        try {
            return Optional.of(Long.parseLong(annotations.get(KubernetesCluster.REVISION_ANNOTATION).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty(); // not a revision Kubernetes wrote; ignore it as kubectl does
        }
    }

    static String annotation(HasMetadata o, String key) {
        return o.getMetadata().getAnnotations() == null ? null : o.getMetadata().getAnnotations().get(key);
    }

    static Optional<Long> millis(String timestamp) {
        if (timestamp == null || timestamp.isBlank()) return Optional.empty();
        try {
            return Optional.of(Instant.parse(timestamp).toEpochMilli());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static int orZero(Integer i) { return i == null ? 0 : i; }

    static String key(HasMetadata o) { return o.getMetadata().getNamespace() + "/" + o.getMetadata().getName(); }
}
