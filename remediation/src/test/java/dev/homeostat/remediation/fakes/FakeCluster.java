package dev.homeostat.remediation.fakes;

import dev.homeostat.remediation.guard.BlastRadiusGuard;
import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.port.ActionOutcome;
import dev.homeostat.remediation.port.Clock;
import dev.homeostat.remediation.port.ClusterActions;
import dev.homeostat.remediation.port.ClusterView;
import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.remediation.port.PodInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Deployments and pods in one namespace. A restart deletes the pod and (by default) starts a
 * replacement with a new name that turns ready {@code readyDelayMillis} later, as a ReplicaSet
 * would. Every executed action is recorded, and so is any restart that took away the last ready
 * pod of a deployment or went below the blast-radius minimum (the guards' promises, checked here
 * at the moment of execution).
 */
public final class FakeCluster implements ClusterView, ClusterActions {
    public record Executed(long time, ClusterAction action) { }

    private static final class Pod {
        final String name;
        final String deployment;
        final long startedAt;
        boolean sick; // not ready on its own, regardless of start-up

        Pod(String name, String deployment, long startedAt) {
            this.name = name;
            this.deployment = deployment;
            this.startedAt = startedAt;
        }
    }

    public static final String NS = "default";
    private final Clock clock;
    private final Map<String, Integer> deployments = new LinkedHashMap<>();
    private final Map<String, Pod> pods = new LinkedHashMap<>();
    private final Map<String, Integer> generation = new LinkedHashMap<>();
    public final List<Executed> executed = new ArrayList<>();
    public final List<String> violations = new ArrayList<>();
    public long readyDelayMillis = 30_000;
    public boolean renameOnRestart = true;
    public double maxUnavailableFraction = 0.34;

    public FakeCluster(Clock clock) { this.clock = clock; }

    /** A deployment whose pods are {@code name-0 … name-(replicas-1)}, ready since long ago. */
    public FakeCluster deployment(String name, int replicas) {
        deployments.put(name, replicas);
        for (int i = 0; i < replicas; i++) pods.put(name + "-" + i, new Pod(name + "-" + i, name, Long.MIN_VALUE / 2));
        return this;
    }

    public void setSick(String pod, boolean sick) { pods.get(pod).sick = sick; }

    public void remove(String pod) { pods.remove(pod); }

    public boolean has(String pod) { return pods.containsKey(pod); }

    public List<String> podNames() { return List.copyOf(pods.keySet()); }

    private boolean ready(Pod p) { return !p.sick && clock.millis() - p.startedAt >= readyDelayMillis; }

    @Override
    public List<PodInfo> pods() {
        return pods.values().stream().map(p -> new PodInfo(NS, p.name, p.deployment, "node-1", ready(p), 0, p.startedAt)).toList();
    }

    @Override
    public List<DeploymentInfo> deployments() {
        var out = new ArrayList<DeploymentInfo>();
        deployments.forEach((name, replicas) -> out.add(new DeploymentInfo(NS, name, replicas,
                (int) pods.values().stream().filter(p -> p.deployment.equals(name) && ready(p)).count())));
        return out;
    }

    @Override
    public ActionOutcome execute(ClusterAction action) {
        executed.add(new Executed(clock.millis(), action));
        return switch (action) {
            case ClusterAction.Page p -> ActionOutcome.applied("paged");
            case ClusterAction.RestartPod r -> restart(r.target().name());
            case ClusterAction.ScaleDeployment s -> scale(s.target().name(), s.replicas());
            // the engine tests exercise the router and guards; the live adapter's tests cover these on the mock API server
            case ClusterAction.RollbackDeployment r -> ActionOutcome.applied("rolled back");
            case ClusterAction.IsolatePod i -> ActionOutcome.applied("isolated");
            case ClusterAction.CordonNode c -> ActionOutcome.applied("cordoned");
            case ClusterAction.DrainNode d -> ActionOutcome.applied("drained");
            case ClusterAction.CircuitBreak c -> ActionOutcome.applied("circuit open");
            case ClusterAction.LimitRetries l -> ActionOutcome.applied("retries cut");
        };
    }

    private ActionOutcome scale(String deployment, int replicas) {
        Integer now = deployments.get(deployment);
        if (now == null) return ActionOutcome.refused("deployment " + deployment + " not found");
        deployments.put(deployment, replicas);
        for (int i = now; i < replicas; i++) pods.put(deployment + "-s" + i, new Pod(deployment + "-s" + i, deployment, clock.millis()));
        return ActionOutcome.applied("scaled " + deployment + " from " + now + " to " + replicas);
    }

    private ActionOutcome restart(String name) {
        Pod pod = pods.get(name);
        if (pod == null) return ActionOutcome.refused("pod " + name + " not found");
        if (ready(pod)) {
            long readyOthers = pods.values().stream().filter(p -> p != pod && Objects.equals(p.deployment, pod.deployment) && ready(p)).count();
            if (readyOthers < 1) violations.add(clock.millis() + ": restarted the last ready pod " + name);
            int min = BlastRadiusGuard.minReady(deployments.get(pod.deployment), maxUnavailableFraction);
            if (readyOthers < min) violations.add(clock.millis() + ": restart of " + name + " left " + readyOthers + " ready, min " + min);
        }
        pods.remove(name);
        int gen = generation.merge(pod.deployment, 1, Integer::sum);
        String next = renameOnRestart ? pod.deployment + "-r" + gen : name;
        pods.put(next, new Pod(next, pod.deployment, clock.millis()));
        return ActionOutcome.applied("deleted " + name + "; replacement " + next);
    }
}
