package dev.homeostat.simulator;

import dev.homeostat.simulator.events.SimEvent;
import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.Orchestration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Injects faults into a running simulation: selects the targets at injection time (one way per fault
 * family), applies the effect through the controllers' methods (the kubelet, the ReplicaSet
 * controller, the node lifecycle controller, the Service), checks whether it took effect, and undoes
 * it at the end of the window.
 */
final class FaultInjector {
    private final Kernel kernel;
    private final long end;
    private final ReplicaSetController replicaSets;
    /** The behaviour of each ended bad rollout → what its authors shipped instead (by identity: one instance per fault). */
    private final Map<DeploymentState.Behaviour, DeploymentState.Behaviour> fixes = new IdentityHashMap<>();


    /** The baseline a fault of {@code kind} measured a pod against, valid {@code until} (a rate window past its end). */
    private record Recent(String kind, long until, InjectionCheck.Baseline baseline) { }

    /** Per pod, the last fault's baseline: a fault of the same kind that follows within a minute (a Schedule's next firing) reuses it. */
    private final IdentityHashMap<PodState, Recent> recent = new IdentityHashMap<>();

    /** Open windows by fault name: what closes each (its check, undo, FaultEnded), so an orchestration can end one early. */
    private final Map<String, Runnable> open = new HashMap<>();
    /** Faults an orchestration stopped: one not yet started never starts. */
    private final Set<String> stopped = new HashSet<>();
    private final Orchestrator orchestrator;
    private final FaultTargets targeting;
    private final FaultImpacts impacts;

    FaultInjector(Kernel kernel, long end, Cluster cluster, Kubelet kubelet, ReplicaSetController replicaSets, NodeLifecycleController nodes,
                  SplittableRandom faultChoice) {
        this.kernel = kernel;
        this.end = end;
        this.replicaSets = replicaSets;
        this.orchestrator = new Orchestrator(kernel, cluster, this);
        this.targeting = new FaultTargets(cluster, faultChoice);
        this.impacts = new FaultImpacts(kernel, cluster, kubelet, replicaSets, nodes, faultChoice, targeting);
    }

    /** An orchestration's fault at its start, unless the orchestration stopped it before (a workflow aborted). */
    void injectUnlessStopped(Fault fault) {
        if (!stopped.contains(fault.name())) inject(fault);
    }

    /** Ends an open window now (check, undo, FaultEnded), or keeps a fault not yet started from starting. */
    void stop(String faultName) {
        stopped.add(faultName);
        Runnable close = open.remove(faultName);
        if (close != null) close.run();
    }

    void inject(Fault fault) {
        if (fault instanceof Orchestration o) {
            orchestrator.start(o);
            return;
        }
        long t = kernel.now();
        long endAt = t + fault.duration().toMillis();
        List<PodState> targets = targeting.of(fault);
        FaultImpacts.Impact impact = impacts.impact(fault, targets);
        announce(fault, t, endAt, targets, impact.peers());
        switch (impact.application()) {
            case FaultImpacts.OnEachPod each -> {
                var check = check(fault, impact, targets, t, endAt);
                for (PodState p : targets) each.apply().accept(p);
                if (each.undo() != null) {
                    closeAtEnd(fault, endAt, check, () -> targets.forEach(each.undo()));
                } else {
                    kernel.emit(new SimEvent.FaultEnded(t, fault.name()));
                    kernel.emit(check.finish(t, fault.name()));
                }
            }
            case FaultImpacts.Once once -> {
                var check = check(fault, impact, impact.watched(targets), t, endAt);
                closeAtEnd(fault, endAt, check, once.apply().get());
            }
            case FaultImpacts.Rollout r -> {
                double[] before = RolloutCheck.lastMinute(targets);
                DeploymentState d = r.deployment();
                DeploymentState.Behaviour good = d.current().behaviour();
                var revision = replicaSets.rollOut(d, r.behaviour(), "fault " + fault.name());
                closeAtEnd(fault, endAt, new RolloutCheck(before, d, revision), () -> {
                    // what its authors ship: the behaviour it replaced, or that one's own fix when its fault ended first
                    fixes.put(r.behaviour(), fixOf(good));
                    if (d.current().template() == revision.template()) {
                        replicaSets.rollbackTo(d, "fault " + fault.name() + " ended: its authors roll back");
                        // back onto an earlier faulty revision whose fault has ended meanwhile: its authors ship their fix
                        if (fixes.containsKey(d.current().behaviour()))
                            replicaSets.rollOut(d, fixOf(d.current().behaviour()), "fault " + fault.name() + " ended: the revision it rolled back to was fixed meanwhile");
                    }
                    // a later revision built on the faulty one (another team's fix) still carries the fault: its authors fix forward
                    else if (d.current().behaviour() == r.behaviour()) replicaSets.rollOut(d, fixOf(good), "fault " + fault.name() + " ended: its authors ship the fix");
                });
            }
        }
    }

    /**
     * The injection check of a fault on {@code pods}: measured against their last minute, unless a fault of the same
     * kind acted on a pod within it (the previous firing of a Schedule), whose baseline is then kept.
     */
    private InjectionCheck check(Fault fault, FaultImpacts.Impact impact, List<PodState> pods, long t, long endAt) {
        var check = new InjectionCheck(impact.signal(), pods, t, impact.noEffect(), p -> {
            Recent r = recent.get(p);
            return r != null && r.kind().equals(fault.kind()) && t <= r.until() ? r.baseline() : null;
        });
        check.baselines().forEach((p, b) -> recent.put(p, new Recent(fault.kind(), endAt + Simulation.RATE_WINDOW_MS, b)));
        return check;
    }

    /** A behaviour, or — when it is an ended bad rollout's — the fix its authors shipped, followed to the end of the chain. */
    private DeploymentState.Behaviour fixOf(DeploymentState.Behaviour behaviour) {
        return fixes.containsKey(behaviour) ? fixOf(fixes.get(behaviour)) : behaviour;
    }

    /**
     * At the window's end (or when an orchestration stops it): the check, the undo, FaultEnded; a window that outlives
     * the run is still checked, on what it did up to the end.
     */
    private void closeAtEnd(Fault fault, long endAt, FaultCheck check, Runnable undo) {
        open.put(fault.name(), () -> {
            kernel.emit(check.finish(kernel.now(), fault.name()));
            undo.run();
            kernel.emit(new SimEvent.FaultEnded(kernel.now(), fault.name()));
        });
        kernel.at(endAt, () -> {
            Runnable close = open.remove(fault.name());
            if (close != null) close.run();
        });
        if (endAt > end) kernel.at(end, () -> {
            if (open.containsKey(fault.name())) kernel.emit(check.finish(kernel.now(), fault.name()));
        });
    }

    private void announce(Fault fault, long t, long endAt, List<PodState> targets, List<PodState> peers) {
        List<String> podKeys = new ArrayList<>();
        Set<String> deps = new TreeSet<>(), svcs = new TreeSet<>();
        for (PodState p : targets) {
            podKeys.add(p.key);
            deps.add(p.deployment.key);
            if (p.deployment.service != null) svcs.add(p.deployment.service.key);
        }
        kernel.emit(new SimEvent.FaultStarted(t, fault.name(), fault.kind(), endAt, List.copyOf(podKeys), List.copyOf(deps),
                List.copyOf(svcs), !targets.isEmpty(), peers.stream().map(p -> p.key).toList()));
    }
}
