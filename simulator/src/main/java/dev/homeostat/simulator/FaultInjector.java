package dev.homeostat.simulator;

import dev.homeostat.simulator.events.SimEvent;
import dev.homeostat.simulator.fault.BadRollout;
import dev.homeostat.simulator.fault.ClockSkew;
import dev.homeostat.simulator.fault.CpuHog;
import dev.homeostat.simulator.fault.Deadlock;
import dev.homeostat.simulator.fault.Misconfiguration;
import dev.homeostat.simulator.fault.NodeFailure;
import dev.homeostat.simulator.fault.NoisyNeighbour;
import dev.homeostat.simulator.fault.ContainerKill;
import dev.homeostat.simulator.fault.DependencySlowdown;
import dev.homeostat.simulator.fault.DnsFault;
import dev.homeostat.simulator.fault.HttpFault;
import dev.homeostat.simulator.fault.IoError;
import dev.homeostat.simulator.fault.IoLatency;
import dev.homeostat.simulator.fault.NetworkBandwidth;
import dev.homeostat.simulator.fault.NetworkCorrupt;
import dev.homeostat.simulator.fault.NetworkDelay;
import dev.homeostat.simulator.fault.NetworkDuplicate;
import dev.homeostat.simulator.fault.NetworkLoss;
import dev.homeostat.simulator.fault.NetworkPartition;
import dev.homeostat.simulator.fault.CpuStress;
import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.MemoryLeak;
import dev.homeostat.simulator.fault.MemoryStress;
import dev.homeostat.simulator.fault.PodFailure;
import dev.homeostat.simulator.fault.PodKill;
import dev.homeostat.simulator.fault.PodSelector;
import dev.homeostat.simulator.fault.SelectionMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Injects faults into a running simulation: resolves the targets at injection time, applies the
 * effect through the simulation's pod lifecycle, and schedules the undo at the end of the window.
 */
final class FaultInjector {
    private final Simulation sim;
    private final SplittableRandom faultChoice;

    FaultInjector(Simulation sim, SplittableRandom faultChoice) {
        this.sim = sim;
        this.faultChoice = faultChoice;
    }

    void inject(Fault fault) {
        long t = sim.now();
        long endAt = t + fault.duration().toMillis();
        List<PodState> targets = switch (fault) {
            case PodKill k -> select(k.selector(), k.mode());
            case ContainerKill k -> select(k.selector(), k.mode(), p -> k.containerNames().contains(p.spec.name()));
            case PodFailure f -> select(f.selector(), f.mode());
            case MemoryStress s -> select(s.selector(), s.mode());
            case CpuStress s -> select(s.selector(), s.mode());
            case MemoryLeak l -> {
                List<PodState> all = new ArrayList<>();
                for (PodState p : sim.deployment(l.namespace(), l.deployment()).pods) if (!p.terminating) all.add(p);
                all.sort(Comparator.comparing(p -> p.key));
                yield all;
            }
            case NetworkDelay f -> select(f.selector(), f.mode());
            case NetworkLoss f -> select(f.selector(), f.mode());
            case NetworkDuplicate f -> select(f.selector(), f.mode());
            case NetworkCorrupt f -> select(f.selector(), f.mode());
            case NetworkPartition f -> select(f.selector(), f.mode());
            case NetworkBandwidth f -> select(f.selector(), f.mode());
            case HttpFault f -> select(f.selector(), f.mode());
            case IoLatency f -> select(f.selector(), f.mode());
            case IoError f -> select(f.selector(), f.mode());
            case ClockSkew f -> select(f.selector(), f.mode());
            case DnsFault f -> select(f.selector(), f.mode());
            case DependencySlowdown f -> {
                List<PodState> all = new ArrayList<>();
                for (PodState p : sim.service(f.namespace(), f.service()).deployment.pods) if (!p.terminating) all.add(p);
                all.sort(Comparator.comparing(p -> p.key));
                yield all;
            }
            case BadRollout f -> podsOf(f.namespace(), f.deployment());
            case Misconfiguration f -> podsOf(f.namespace(), f.deployment());
            case CpuHog f -> podsOf(f.namespace(), f.deployment());
            case Deadlock f -> {
                List<PodState> all = podsOf(f.namespace(), f.deployment());
                int count = Math.min(f.pods(), all.size());
                for (int i = 0; i < count; i++) Collections.swap(all, i, i + faultChoice.nextInt(all.size() - i));
                List<PodState> chosen = new ArrayList<>(all.subList(0, count));
                chosen.sort(Comparator.comparing(p -> p.key));
                yield chosen;
            }
            case NodeFailure f -> podsOn(f.node());
            case NoisyNeighbour f -> podsOn(f.node());
        };
        announce(fault, t, endAt, targets);
        List<TrafficEffect> effects = new ArrayList<>();
        String noEffect = trafficEffects(fault, effects);
        InjectionCheck check = new InjectionCheck(signal(fault), targets, t, noEffect);
        RolloutCheck rolloutCheck = null;
        Runnable undo = switch (fault) {
            case PodKill k -> {
                for (PodState p : targets) sim.delete(p, "PodChaos", 0, true);
                yield null;
            }
            case ContainerKill k -> {
                for (PodState p : targets) if (p.running()) sim.crash(p, "ContainerKill");
                yield null;
            }
            case PodFailure f -> {
                for (PodState p : targets) {
                    if (p.failures++ == 0) { p.failedSince = t; sim.loseInFlight(p); sim.replan(p); }
                }
                yield () -> {
                    for (PodState p : targets) {
                        if (p.gone || p.terminating) continue;
                        if (--p.failures == 0) { p.failureEndedAt = sim.now(); sim.replan(p); }
                    }
                };
            }
            case MemoryStress s -> {
                long bytes = s.workers() * s.bytesPerWorker();
                for (PodState p : targets) { p.stressBytes += bytes; sim.replan(p); }
                yield () -> {
                    for (PodState p : targets) {
                        if (p.gone || p.terminating) continue;
                        p.stressBytes -= bytes;
                        sim.replan(p);
                    }
                };
            }
            case CpuStress s -> {
                double cores = s.workers() * s.load() / 100.0;
                for (PodState p : targets) p.stressCores += cores;
                yield () -> {
                    for (PodState p : targets) p.stressCores = Math.max(0, p.stressCores - cores);
                };
            }
            case MemoryLeak l -> {
                DeploymentState d = sim.deployment(l.namespace(), l.deployment());
                changeLeak(d, l.bytesPerSecond());
                yield () -> changeLeak(d, -l.bytesPerSecond());
            }
            case NetworkDelay f -> applyEffects(targets, effects);
            case NetworkLoss f -> applyEffects(targets, effects);
            case NetworkDuplicate f -> applyEffects(targets, effects);
            case NetworkCorrupt f -> applyEffects(targets, effects);
            case NetworkPartition f -> applyEffects(targets, effects);
            case NetworkBandwidth f -> applyEffects(targets, effects);
            case HttpFault f -> applyEffects(targets, effects);
            case IoLatency f -> applyEffects(targets, effects);
            case IoError f -> applyEffects(targets, effects);
            case ClockSkew f -> applyEffects(targets, effects);
            case DnsFault f -> applyEffects(targets, effects);
            case DependencySlowdown f -> {
                // on the Service, not its pods: replacements started during the window are slow too
                ServiceState svc = sim.service(f.namespace(), f.service());
                double seconds = f.addedLatency().toNanos() / 1e9;
                svc.addedLatencyS += seconds;
                yield () -> svc.addedLatencyS = Math.max(0, svc.addedLatencyS - seconds);
            }
            case BadRollout f -> {
                double share = f.errorPercent() / 100;
                var b = new DeploymentState.Behaviour(f.extraLatency().toNanos() / 1e9, share, f.crashOnStart(), false);
                rolloutCheck = new RolloutCheck(targets, t);
                yield badRevision(f.name(), sim.deployment(f.namespace(), f.deployment()), b, rolloutCheck);
            }
            case Misconfiguration f -> {
                var b = switch (f.misconfiguration()) {
                    case WRONG_PORT -> new DeploymentState.Behaviour(0, 1, false, false);
                    case READINESS_NEVER_PASSES -> new DeploymentState.Behaviour(0, 0, false, true);
                };
                rolloutCheck = new RolloutCheck(targets, t);
                yield badRevision(f.name(), sim.deployment(f.namespace(), f.deployment()), b, rolloutCheck);
            }
            case CpuHog f -> {
                for (PodState p : targets) p.stressCores += f.cores();
                yield () -> {
                    for (PodState p : targets) p.stressCores = Math.max(0, p.stressCores - f.cores());
                };
            }
            case Deadlock f -> {
                List<TrafficEffect> locks = new ArrayList<>();
                for (PodState p : targets) {
                    var lock = new TrafficEffect.BlackHole();
                    sim.loseInFlight(p);
                    p.deadlock = lock;
                    p.effects.add(lock);
                    locks.add(lock);
                }
                yield () -> {
                    for (int i = 0; i < targets.size(); i++) {
                        PodState p = targets.get(i);
                        if (p.deadlock == locks.get(i)) { p.effects.remove(p.deadlock); p.deadlock = null; }
                    }
                };
            }
            case NodeFailure f -> {
                NodeState n = sim.node(f.node());
                sim.failNode(n);
                yield () -> sim.recoverNode(n);
            }
            case NoisyNeighbour f -> {
                double each = targets.isEmpty() ? 0 : f.cores() / targets.size();
                for (PodState p : targets) p.stressCores += each;
                yield () -> {
                    for (PodState p : targets) p.stressCores = Math.max(0, p.stressCores - each);
                };
            }
        };
        if (rolloutCheck != null) {
            RolloutCheck rc = rolloutCheck;
            // a rollout's effect shows on the pods it creates, not on those it replaces
            sim.atClusterTime(endAt, () -> {
                sim.emit(rc.finish(sim.now(), fault.name()));
                undo.run();
                sim.emit(new SimEvent.FaultEnded(sim.now(), fault.name()));
            });
            if (endAt > sim.endMillis()) sim.atClusterTime(sim.endMillis(), () -> sim.emit(rc.finish(sim.now(), fault.name())));
        } else if (undo == null) {
            sim.emit(new SimEvent.FaultEnded(t, fault.name()));
            sim.emit(check.finish(t, fault.name()));
        } else {
            sim.atClusterTime(endAt, () -> {
                sim.emit(check.finish(sim.now(), fault.name()));
                undo.run();
                sim.emit(new SimEvent.FaultEnded(sim.now(), fault.name()));
            });
            // a window that outlives the run is still checked, on what it did up to the end
            if (endAt > sim.endMillis()) sim.atClusterTime(sim.endMillis(), () -> sim.emit(check.finish(sim.now(), fault.name())));
        }
    }

    /** The signal the injection check watches for each fault. */
    private static InjectionCheck.Signal signal(Fault fault) {
        return switch (fault) {
            case PodKill k -> InjectionCheck.Signal.REMOVAL;
            case ContainerKill k -> InjectionCheck.Signal.RESTART;
            case PodFailure f -> InjectionCheck.Signal.SERVING;
            case MemoryStress s -> InjectionCheck.Signal.MEMORY;
            case MemoryLeak l -> InjectionCheck.Signal.MEMORY;
            case CpuStress s -> InjectionCheck.Signal.CPU;
            case NetworkDelay f -> InjectionCheck.Signal.TRAFFIC;
            case NetworkLoss f -> InjectionCheck.Signal.TRAFFIC;
            case NetworkDuplicate f -> InjectionCheck.Signal.TRAFFIC;
            case NetworkCorrupt f -> InjectionCheck.Signal.TRAFFIC;
            case NetworkPartition f -> InjectionCheck.Signal.TRAFFIC;
            case NetworkBandwidth f -> InjectionCheck.Signal.TRAFFIC;
            case HttpFault f -> InjectionCheck.Signal.TRAFFIC;
            case IoLatency f -> InjectionCheck.Signal.TRAFFIC;
            case IoError f -> InjectionCheck.Signal.TRAFFIC;
            case ClockSkew f -> InjectionCheck.Signal.TRAFFIC;
            case DnsFault f -> InjectionCheck.Signal.TRAFFIC;
            case DependencySlowdown f -> InjectionCheck.Signal.TRAFFIC;
            case BadRollout f -> InjectionCheck.Signal.TRAFFIC;
            case Misconfiguration f -> InjectionCheck.Signal.TRAFFIC;
            case CpuHog f -> InjectionCheck.Signal.CPU;
            case Deadlock f -> InjectionCheck.Signal.TRAFFIC;
            case NodeFailure f -> InjectionCheck.Signal.SERVING;
            case NoisyNeighbour f -> InjectionCheck.Signal.TRAFFIC;
        };
    }

    /**
     * Fills {@code out} with the traffic effects of a network/HTTP/IO/time/DNS fault (README "Traffic
     * effects"); returns why the model gives it no effect, or null when it has one (or is not a traffic fault).
     */
    private String trafficEffects(Fault fault, List<TrafficEffect> out) {
        switch (fault) {
            case PodKill k -> { }
            case ContainerKill k -> { }
            case PodFailure f -> { }
            case MemoryStress s -> { }
            case MemoryLeak l -> { }
            case CpuStress s -> { }
            case NetworkDelay f -> {
                double jitter = f.jitter().toNanos() / 1e9;
                // its own stream, split only when a jitter is asked for: runs without one draw exactly as before
                out.add(new TrafficEffect.Delay(f.latency().toNanos() / 1e9, jitter, jitter > 0 ? faultChoice.split() : null));
            }
            case NetworkLoss f -> out.add(new TrafficEffect.Errors(f.percent() / 100, true));
            case NetworkDuplicate f -> out.add(new TrafficEffect.Duplicate(f.percent() / 100));
            case NetworkCorrupt f -> out.add(new TrafficEffect.Errors(f.percent() / 100, false));
            case NetworkPartition f -> {
                if (f.target() != null) return "partition from target pods: no pod-to-pod traffic is modelled (no call graph)";
                out.add(new TrafficEffect.BlackHole());
            }
            case NetworkBandwidth f -> out.add(new TrafficEffect.Bandwidth(f.rateBytesPerSecond(), f.limitBytes(), f.bytesPerRequest()));
            case HttpFault f -> {
                switch (f.action()) {
                    case ABORT -> out.add(new TrafficEffect.Errors(1, false));
                    case DELAY -> out.add(new TrafficEffect.Delay(f.delay().toNanos() / 1e9, 0, null));
                    case REPLACE -> {
                        if (f.code() < 500) return "replace with status " + f.code() + ": not a server error, so no error the SLO counts";
                        out.add(new TrafficEffect.Errors(1, f.code() == 504));
                    }
                }
            }
            case IoLatency f -> out.add(new TrafficEffect.SlowIo(f.delay().toNanos() / 1e9, f.percent() / 100.0));
            case IoError f -> out.add(new TrafficEffect.Errors(f.percent() / 100.0, false));
            case ClockSkew f -> {
                if (f.offset().abs().compareTo(f.tolerance()) <= 0)
                    return "clock skew " + f.offset() + " within the tolerance " + f.tolerance() + " of time-checked credentials";
                out.add(new TrafficEffect.Errors(1, false));
            }
            case DnsFault f -> out.add(new TrafficEffect.Errors(1, f.action() == DnsFault.DnsAction.RANDOM));
            case DependencySlowdown f -> { }
            case BadRollout f -> { }
            case Misconfiguration f -> { }
            case CpuHog f -> { }
            case Deadlock f -> { }
            case NodeFailure f -> { }
            case NoisyNeighbour f -> { }
        }
        return null;
    }

    /** Adds the effects to the targets now; the returned undo removes them (from pods still there). */
    private static Runnable applyEffects(List<PodState> targets, List<TrafficEffect> effects) {
        for (PodState p : targets) p.effects.addAll(effects);
        return () -> {
            for (PodState p : targets) for (TrafficEffect e : effects) p.effects.remove(e);
        };
    }

    /** Chaos Mesh's selection: matching live, scheduled pods sorted by name; {@code mode} picks how many, the fault stream which. */
    private List<PodState> select(PodSelector selector, SelectionMode mode) {
        return select(selector, mode, p -> true);
    }

    private List<PodState> select(PodSelector selector, SelectionMode mode, Predicate<PodState> eligible) {
        List<PodState> matching = new ArrayList<>();
        for (PodState p : sim.livePods())
            if (!p.terminating && p.node != null && eligible.test(p)
                    && selector.matches(p.namespace, p.name, p.deployment.podLabels, p.node.spec.name(), p.phase(), p.spec.name())) matching.add(p);
        int count = mode.count(matching.size(), faultChoice.nextInt(101));
        for (int i = 0; i < count; i++) Collections.swap(matching, i, i + faultChoice.nextInt(matching.size() - i));
        List<PodState> chosen = new ArrayList<>(matching.subList(0, count));
        chosen.sort(Comparator.comparing(p -> p.key));
        return chosen;
    }

    private void announce(Fault fault, long t, long endAt, List<PodState> targets) {
        List<String> podKeys = new ArrayList<>();
        Set<String> deps = new TreeSet<>(), svcs = new TreeSet<>();
        for (PodState p : targets) {
            podKeys.add(p.key);
            deps.add(p.deployment.key);
            if (p.deployment.service != null) svcs.add(p.deployment.service.key);
        }
        sim.emit(new SimEvent.FaultStarted(t, fault.name(), fault.kind(), endAt, List.copyOf(podKeys), List.copyOf(deps),
                List.copyOf(svcs), !targets.isEmpty()));
    }

    private List<PodState> podsOf(String namespace, String deployment) {
        List<PodState> all = new ArrayList<>();
        for (PodState p : sim.deployment(namespace, deployment).pods) if (DeploymentState.live(p)) all.add(p);
        all.sort(Comparator.comparing(p -> p.key));
        return all;
    }

    private List<PodState> podsOn(String node) {
        List<PodState> all = new ArrayList<>();
        for (PodState p : sim.livePods()) if (!p.terminating && p.node != null && p.node.spec.name().equals(node)) all.add(p);
        return all;
    }

    /** Rolls out a misbehaving revision; the undo (the window's end) reverts it if it is still current. */
    private Runnable badRevision(String fault, DeploymentState d, DeploymentState.Behaviour b, RolloutCheck check) {
        var revision = sim.rollOut(d, b, "fault " + fault);
        check.revision = revision;
        check.deployment = d;
        return () -> {
            if (d.current().template() == revision.template()) sim.rollbackTo(d, "fault " + fault + " ended: its authors roll back");
        };
    }

    /**
     * The injection check of a rollout fault: did the pods of the new revision fail more, answer slower,
     * restart, or stay not Ready, against the replaced pods' last minute before the rollout?
     */
    private static final class RolloutCheck {
        final double errorRatio, latency;
        final long start;
        DeploymentState.Revision revision;
        DeploymentState deployment;

        RolloutCheck(List<PodState> replaced, long start) {
            this.start = start;
            double req = 0, err = 0, ok = 0, lat = 0;
            for (PodState p : replaced) {
                req += p.lastMinute.sum(PodState.REQ);
                err += p.lastMinute.sum(PodState.ERR);
                ok += p.lastMinute.sum(PodState.OK);
                lat += p.lastMinute.sum(PodState.LATENCY_SUM);
            }
            errorRatio = req > 0 ? err / req : 0;
            latency = ok > 0 ? lat / ok : 0;
        }

        SimEvent.FaultEffect finish(long now, String fault) {
            double ok = 0, err = 0, lat = 0;
            int pods = 0, restarts = 0, notReady = 0;
            for (PodState p : deployment.pods) {
                if (p.revision.template() != revision.template() || p.terminating) continue;
                pods++;
                ok += p.ok200;
                err += p.err500 + p.err504;
                lat += p.latencySeconds;
                restarts += p.restarts;
                if (!p.ready && now - p.createdAt > 60_000) notReady++;
            }
            String where = " (revision " + revision.number() + " of " + deployment.key + ")";
            if (pods == 0) return new SimEvent.FaultEffect(now, fault, false, "no pod of the new revision left to check" + where);
            if (restarts > 0) return new SimEvent.FaultEffect(now, fault, true, restarts + " restarts of the new pods (crash on start)" + where);
            double ratio = ok + err > 0 ? err / (ok + err) : 0;
            if (ratio - errorRatio >= InjectionCheck.ERROR_RISE && ratio >= 2 * errorRatio)
                return new SimEvent.FaultEffect(now, fault, true, String.format(java.util.Locale.ROOT, "errors %.1f%% -> %.1f%%", errorRatio * 100, ratio * 100) + where);
            double mean = ok > 0 ? lat / ok : 0;
            if (ok > 0 && latency > 0 && mean >= InjectionCheck.LATENCY_RISE * latency && mean - latency >= InjectionCheck.LATENCY_MIN_RISE_S)
                return new SimEvent.FaultEffect(now, fault, true, String.format(java.util.Locale.ROOT, "mean latency %.1f ms -> %.1f ms", latency * 1000, mean * 1000) + where);
            if (notReady > 0) return new SimEvent.FaultEffect(now, fault, true, notReady + " of " + pods + " new pods never turned Ready" + where);
            return new SimEvent.FaultEffect(now, fault, false, "the new pods served as before" + where);
        }
    }

    private void changeLeak(DeploymentState d, long delta) {
        long t = sim.now();
        d.leakRate += delta;
        for (PodState p : d.pods) {
            if (p.terminating || !p.running()) continue;
            p.settleLeak(t);
            p.leakRate = d.leakRate;
            sim.replan(p);
        }
    }
}
