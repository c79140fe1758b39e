package dev.homeostat.simulator.events;

import java.util.List;

/**
 * What the simulator tells the outside world, in time order. Times are run offsets in ms.
 * Pod and Deployment references are {@code namespace/name}; services likewise.
 */
public sealed interface SimEvent {
    long timeMillis();

    /**
     * A fault was injected: its window starts. {@code pods} were selected (may be empty), {@code deployments} and
     * {@code services} are those the pods belong to. {@code tookEffect} is false when nothing matched. {@code peerPods}: a
     * network fault's {@code target} pods, the other end of the calls it acts on (empty for every other fault).
     */
    record FaultStarted(long timeMillis, String fault, String kind, long endMillis, List<String> pods,
                         List<String> deployments, List<String> services, boolean tookEffect, List<String> peerPods) implements SimEvent {
        public FaultStarted {
            peerPods = List.copyOf(peerPods);
        }
    }

    /**
     * The injection check of a fault, at the end of its window (at once for instantaneous faults; at
     * the end of the run for windows that outlive it): whether the signal the fault should move did move
     * on its targets ({@code observed}), and {@code detail} saying which signal and how, e.g.
     * {@code errors 0.0% -> 33.1% on 1 of 1 pods}. A fault that selected no pods is never observed.
     */
    record FaultEffect(long timeMillis, String fault, boolean observed, String detail) implements SimEvent { }

    /**
     * What an orchestration ({@code fault.Orchestration}: a Workflow with a Task or StatusCheck) decided at run time
     * and why, e.g. {@code task probe: service default/frontend has 0 ready pods: exit code 1; branch pause}.
     */
    record OrchestrationNote(long timeMillis, String orchestration, String note) implements SimEvent { }

    /** A fault's window closed (for instantaneous faults, at once after injection). */
    record FaultEnded(long timeMillis, String fault) implements SimEvent { }

    /**
     * A routine change (not a fault) was applied: {@code kind} is {@code rollout}, {@code config-change},
     * {@code scale} or {@code drain}; {@code targets} are typed references ({@code deployment/<ns>/<name>},
     * {@code node/<name>}); {@code services} the services it touches ({@code namespace/name}: the
     * Deployment's, or those of the pods on the drained node).
     */
    record ChangeApplied(long timeMillis, String change, String kind, List<String> targets, List<String> services) implements SimEvent {
        public ChangeApplied {
            targets = List.copyOf(targets);
            services = List.copyOf(services);
        }
    }

    /** A service's SLO went from met to violated; reason e.g. {@code availability 0.62 < 0.99}. */
    record SloViolated(long timeMillis, String service, String reason) implements SimEvent { }

    /** A service's SLO went from violated to met. */
    record SloRestored(long timeMillis, String service) implements SimEvent { }

    /** A container restarted in place (reason OOMKilled, LivenessProbe, ContainerKill, ...). */
    record ContainerRestarted(long timeMillis, String pod, String reason, int restartCount) implements SimEvent { }

    /** A pod was deleted (reason: e.g. PodChaos, API, Eviction). */
    record PodDeleted(long timeMillis, String pod, String reason) implements SimEvent { }

    /** A ReplicaSet (or a StatefulSet) created a pod, bound to {@code node}; empty when no node had room: Pending. */
    record PodCreated(long timeMillis, String pod, String deployment, String node) implements SimEvent { }

    /** A Pending pod was bound to {@code node} once one had room (capacity freed, a node back or uncordoned). */
    record PodScheduled(long timeMillis, String pod, String node) implements SimEvent { }

    /** A pod's readiness changed. */
    record PodReadinessChanged(long timeMillis, String pod, boolean ready) implements SimEvent { }

    /** A node's Ready condition changed (NotReady after the node-monitor grace period of a failed node). */
    record NodeConditionChanged(long timeMillis, String node, boolean ready) implements SimEvent { }

    /** A node was cordoned (unschedulable: the scheduler places no new pod there). */
    record NodeCordoned(long timeMillis, String node) implements SimEvent { }

    /** A node was uncordoned (schedulable again), e.g. at the end of a drain's maintenance window. */
    record NodeUncordoned(long timeMillis, String node) implements SimEvent { }

    /**
     * A Deployment got a new pod template ({@code revision}) and its RollingUpdate began;
     * {@code cause} e.g. {@code fault bad-v2}, {@code rollback to revision 1 (API)}.
     */
    record RolloutStarted(long timeMillis, String deployment, int revision, String cause) implements SimEvent { }

    /** Every replica of the Deployment runs the current revision and is Ready; no old pod is left. */
    record RolloutCompleted(long timeMillis, String deployment, int revision) implements SimEvent { }

    /** The HorizontalPodAutoscaler changed the Deployment's replicas; {@code utilization} = CPU used ÷ requested. */
    record HpaScaled(long timeMillis, String deployment, int from, int to, double utilization) implements SimEvent { }
}
