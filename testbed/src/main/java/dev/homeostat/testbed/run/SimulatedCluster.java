package dev.homeostat.testbed.run;

import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.port.ActionOutcome;
import dev.homeostat.remediation.port.ClusterActions;
import dev.homeostat.remediation.port.ClusterView;
import dev.homeostat.remediation.port.Clock;
import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.remediation.port.NodeInfo;
import dev.homeostat.remediation.port.PdbInfo;
import dev.homeostat.remediation.port.PodInfo;
import dev.homeostat.simulator.Simulation;
import dev.homeostat.simulator.spec.SimulationSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's ports over a running simulation: with {@code observe/ObservedMetrics} (its metrics as Prometheus
 * shows them), the only place where the engine and the simulator meet, so the engine itself never imports the
 * simulator. Around each action it notes how many pods of the target's Deployment were ready, for scoring.
 */
final class SimulatedCluster implements ClusterView, ClusterActions, Clock {
    private final Simulation simulation;
    /** Each Deployment's HorizontalPodAutoscaler by namespace/name, named as it (as {@code kubectl autoscale} names it). */
    private final Map<String, DeploymentInfo.Autoscaler> autoscalers = new HashMap<>();
    private EngineJournal.Readiness last;

    /** Over {@code simulation}, run from {@code spec}, whose autoscalers (fixed for the run) the view reads from it. */
    SimulatedCluster(Simulation simulation, SimulationSpec spec) {
        this.simulation = simulation;
        for (var d : spec.cluster().deployments()) {
            if (d.hpa() == null) continue;
            autoscalers.put(d.namespace() + "/" + d.name(), new DeploymentInfo.Autoscaler(d.name(), d.hpa().minReplicas(), d.hpa().maxReplicas()));
        }
    }

    @Override public long millis() { return simulation.now(); }

    /** The readiness around the last applied action, once (null when it had no Deployment or was not applied). */
    EngineJournal.Readiness consumeReadiness() {
        EngineJournal.Readiness r = last;
        last = null;
        return r;
    }

    // the views are mapped in plain loops: a stream pipeline per list, inlined into the engine's callers, is code C2
    // speculates on by the list's class and throws away (deoptimizes) when another kind of list comes by

    @Override public List<PodInfo> pods() { return infos(simulation.pods()); }

    @Override public boolean answersByName() { return true; }

    @Override public java.util.Optional<PodInfo> pod(String namespace, String name) {
        return simulation.pod(namespace, name).map(SimulatedCluster::info);
    }

    @Override public boolean hasPod(String namespace, String name) { return simulation.hasPod(namespace, name); }

    @Override public List<PodInfo> podsOf(String namespace, String deployment) { return infos(simulation.podsOf(namespace, deployment)); }

    @Override public List<PodInfo> podsOn(String node) { return infos(simulation.podsOn(node)); }

    private static List<PodInfo> infos(List<dev.homeostat.simulator.cluster.PodView> pods) {
        var out = new PodInfo[pods.size()];
        for (int i = 0; i < out.length; i++) out[i] = info(pods.get(i));
        return List.of(out);
    }

    @Override public java.util.Optional<DeploymentInfo> deployment(String namespace, String name) {
        return simulation.deployment(namespace, name).map(this::info);
    }

    private static PodInfo info(dev.homeostat.simulator.cluster.PodView p) {
        return new PodInfo(p.namespace(), p.name(), p.deployment(), p.node(), p.ready(), p.restarts(), p.startedAtMillis(),
                p.revision(), p.waitingReason(), "Terminating".equals(p.phase()), p.readyAtMillis() < 0 ? PodInfo.NOT_YET : p.readyAtMillis(),
                p.startupBudgetMillis());
    }

    private DeploymentInfo info(dev.homeostat.simulator.cluster.DeploymentView d) {
        var hpa = autoscalers.isEmpty() ? null : autoscalers.get(d.namespace() + "/" + d.name());
        return new DeploymentInfo(d.namespace(), d.name(), d.replicas(), d.readyReplicas(), d.updatedReplicas(), d.generation(),
                d.observedGeneration(), d.revision(), d.revisionSince(), d.rollbackTo(), null, d.stateful(), d.maxUnavailable(), hpa);
    }

    @Override public List<DeploymentInfo> deployments() {
        var views = simulation.deployments();
        var out = new DeploymentInfo[views.size()];
        for (int i = 0; i < out.length; i++) out[i] = info(views.get(i));
        return List.of(out);
    }

    @Override public List<NodeInfo> nodes() {
        var views = simulation.nodes();
        var out = new NodeInfo[views.size()];
        for (int i = 0; i < out.length; i++) out[i] = new NodeInfo(views.get(i).name(), views.get(i).ready(), views.get(i).unschedulable());
        return List.of(out);
    }

    @Override public List<PdbInfo> pdbs() {
        return simulation.pdbs().stream().map(p -> new PdbInfo(p.namespace(), p.name(), p.disruptionsAllowed(), p.pods())).toList();
    }

    @Override public ActionOutcome execute(ClusterAction action) {
        String deployment = deploymentOf(action);
        int before = deployment == null ? -1 : ready(deployment);
        ActionOutcome outcome = apply(action);
        last = deployment == null || !outcome.applied() ? null : new EngineJournal.Readiness(before, ready(deployment), floor(deployment));
        return outcome;
    }

    /** The Deployment ({@code ns/name}) whose pods an action on a pod or a Deployment takes down. */
    private String deploymentOf(ClusterAction action) {
        var t = action.target();
        return switch (action) {
            case ClusterAction.RestartPod r -> simulation.pod(t.namespace(), t.name()).map(p -> p.namespace() + "/" + p.deployment()).orElse(null);
            case ClusterAction.IsolatePod i -> simulation.pod(t.namespace(), t.name()).map(p -> p.namespace() + "/" + p.deployment()).orElse(null);
            case ClusterAction.RollbackDeployment r -> t.namespace() + "/" + t.name();
            default -> null;
        };
    }

    private int ready(String deployment) {
        int at = deployment.indexOf('/');
        return simulation.deployment(deployment.substring(0, at), deployment.substring(at + 1)).map(d -> d.readyReplicas()).orElse(0);
    }

    /** At least one ready pod; more where a PodDisruptionBudget selecting the Deployment's pods asks for more. */
    private int floor(String deployment) {
        int floor = 1;
        String ns = deployment.substring(0, deployment.indexOf('/'));
        var pods = new java.util.HashSet<String>();
        for (var p : simulation.podsOf(ns, deployment.substring(deployment.indexOf('/') + 1))) pods.add(p.name());
        for (var pdb : simulation.pdbs())
            if (pdb.namespace().equals(ns) && pdb.pods().stream().anyMatch(pods::contains)) floor = Math.max(floor, pdb.desiredHealthy());
        return floor;
    }

    /** The Deployment (not a StatefulSet) of one replica, surging first, whose ready pod this is, else null. */
    private String onlyReplica(String namespace, String name) {
        var pod = simulation.pod(namespace, name).filter(p -> p.ready() && p.deployment() != null).orElse(null);
        if (pod == null) return null;
        return simulation.deployment(namespace, pod.deployment()).filter(d -> d.replicas() == 1 && !d.stateful() && d.maxUnavailable() == 0).map(d -> d.name()).orElse(null);
    }

    /** A StatefulSet's pod is replaced under its own name, once gone; a Deployment's by its ReplicaSet, at once. */
    private boolean ofStatefulSet(String namespace, String pod) {
        return simulation.pod(namespace, pod).filter(p -> p.deployment() != null)
                .flatMap(p -> simulation.deployment(namespace, p.deployment())).filter(d -> d.stateful()).isPresent();
    }

    private ActionOutcome apply(ClusterAction action) {
        return switch (action) {
            case ClusterAction.RestartPod restart -> {
                var pod = restart.target();
                String only = onlyReplica(pod.namespace(), pod.name());
                if (only != null && simulation.rolloutRestart(pod.namespace(), only, "homeostat-engine"))
                    yield ActionOutcome.applied("pod " + pod.name() + " is the only replica of deployment " + pod.namespace() + "/" + only
                            + ": restarted as kubectl rollout restart does, its replacement Ready before it goes");
                boolean stateful = ofStatefulSet(pod.namespace(), pod.name());
                yield simulation.deletePod(pod.namespace(), pod.name(), "homeostat-engine")
                        ? ActionOutcome.applied(stateful ? "pod deleted; its StatefulSet starts a replacement of the same name once it is gone"
                                : "pod deleted; its ReplicaSet starts a replacement")
                        : ActionOutcome.refused("no such pod");
            }
            case ClusterAction.ScaleDeployment scale -> {
                var d = scale.target();
                yield simulation.scaleDeployment(d.namespace(), d.name(), scale.replicas())
                        ? ActionOutcome.applied("scaled deployment " + d.namespace() + "/" + d.name() + " to " + scale.replicas() + " replicas")
                        : ActionOutcome.refused("no such deployment");
            }
            // Honest about the model's limits: journaled as refused, so a report never credits an action the simulator cannot perform.
            case ClusterAction.RollbackDeployment r -> simulation.rollback(r.target().namespace(), r.target().name(), "homeostat-engine")
                    ? ActionOutcome.applied("rolled back " + r.target().ref() + " to its previous revision; a rolling update replaces the pods")
                    : ActionOutcome.refused(simulation.deployments().stream().anyMatch(d -> d.namespace().equals(r.target().namespace()) && d.name().equals(r.target().name()))
                            ? r.target().ref() + " has no previous revision to roll back to" : "no such deployment");
            case ClusterAction.IsolatePod i -> {
                boolean stateful = ofStatefulSet(i.target().namespace(), i.target().name());
                yield simulation.isolatePod(i.target().namespace(), i.target().name())
                        ? ActionOutcome.applied(stateful ? "pod taken out of its service and StatefulSet (kept running); it keeps its name, so no"
                                + " replacement starts while it runs" : "pod taken out of its service and ReplicaSet (kept running); a replacement starts")
                        : ActionOutcome.refused("no such pod, or it is terminating or isolated already");
            }
            case ClusterAction.CordonNode c -> simulation.cordonNode(c.target().name())
                    ? ActionOutcome.applied("node cordoned: no new pods are scheduled there")
                    : ActionOutcome.refused("no such node");
            case ClusterAction.DrainNode d -> simulation.drainNode(d.target().name())
                    ? ActionOutcome.applied("node cordoned and drained: pods evicted as their PodDisruptionBudgets allow")
                    : ActionOutcome.refused("no such node");
            case ClusterAction.CircuitBreak c -> simulation.circuit(c.target().namespace(), c.target().name(), true)
                    ? ActionOutcome.applied("opened the circuit to service " + c.target().ref() + ": its endpoints are empty, callers fail fast")
                    : ActionOutcome.refused("no such service");
            case ClusterAction.LimitRetries l -> simulation.limitRetries(l.target().namespace(), l.target().name(), 0)
                    ? ActionOutcome.applied("callers of " + l.target().ref() + " retry nothing toward it (the mesh's retry policy)")
                    : ActionOutcome.refused("no such service");
            case ClusterAction.Lift lift -> lift(lift.measure(), lift.why());
            // In simulation the pager is the journal: the page is recorded, nobody is woken.
            case ClusterAction.Page page -> ActionOutcome.applied("paged: " + page.reason());
        };
    }

    private ActionOutcome lift(ClusterAction measure, String why) {
        Target t = measure.target();
        return switch (measure) {
            case ClusterAction.CordonNode c -> uncordon(t);
            case ClusterAction.DrainNode d -> uncordon(t);
            case ClusterAction.LimitRetries l -> simulation.limitRetries(t.namespace(), t.name(), Integer.MAX_VALUE)
                    ? ActionOutcome.applied("callers of " + t.ref() + " retry toward it as their calls say again")
                    : ActionOutcome.refused("no such service");
            case ClusterAction.CircuitBreak c -> simulation.circuit(t.namespace(), t.name(), false)
                    ? ActionOutcome.applied("closed the circuit to service " + t.ref() + ": its ready pods are its endpoints again")
                    : ActionOutcome.refused("no such service");
            case ClusterAction.ScaleDeployment s -> simulation.scaleDeployment(t.namespace(), t.name(), s.replicas())
                    ? ActionOutcome.applied("scaled deployment " + t.namespace() + "/" + t.name() + " back to " + s.replicas()
                            + " replicas, " + (why != null ? why : "as before the engine's scale-up: its load has gone"))
                    : ActionOutcome.refused("no such deployment");
            default -> throw new IllegalArgumentException("not a measure the engine lifts: " + measure.kind());
        };
    }

    private ActionOutcome uncordon(Target node) {
        return simulation.uncordonNode(node.name())
                ? ActionOutcome.applied("node uncordoned: pods are scheduled there again")
                : ActionOutcome.refused("no such node");
    }
}
