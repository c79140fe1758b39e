package dev.homeostat.simulator;

import dev.homeostat.simulator.events.SimEvent;
import dev.homeostat.simulator.fault.ContainerKill;
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
            case PodKill k -> select(k.selector(), k.mode(), p -> true);
            case ContainerKill k -> select(k.selector(), k.mode(), p -> k.containerNames().contains(p.spec.name()));
            case PodFailure f -> select(f.selector(), f.mode(), p -> true);
            case MemoryStress s -> select(s.selector(), s.mode(), p -> true);
            case CpuStress s -> select(s.selector(), s.mode(), p -> true);
            case MemoryLeak l -> {
                List<PodState> all = new ArrayList<>();
                for (PodState p : sim.deployment(l.namespace(), l.deployment()).pods) if (!p.terminating) all.add(p);
                all.sort(Comparator.comparing(p -> p.key));
                yield all;
            }
        };
        announce(fault, t, endAt, targets);
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
        };
        if (undo == null) {
            sim.emit(new SimEvent.FaultEnded(t, fault.name()));
        } else {
            sim.atClusterTime(endAt, () -> {
                undo.run();
                sim.emit(new SimEvent.FaultEnded(sim.now(), fault.name()));
            });
        }
    }

    /** Chaos Mesh's selection: matching live, scheduled pods sorted by name; {@code mode} picks how many, the fault stream which. */
    private List<PodState> select(PodSelector selector, SelectionMode mode, Predicate<PodState> eligible) {
        List<PodState> matching = new ArrayList<>();
        for (PodState p : sim.livePods())
            if (!p.terminating && p.node != null && eligible.test(p) && selector.matches(p.namespace, p.name, p.deployment.podLabels)) matching.add(p);
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
        sim.emit(new SimEvent.FaultInjected(t, fault.name(), fault.kind(), endAt, List.copyOf(podKeys), List.copyOf(deps),
                List.copyOf(svcs), !targets.isEmpty()));
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
