package dev.homeostat.simulator;

import dev.homeostat.simulator.fault.BadRollout;
import dev.homeostat.simulator.fault.BlockFault;
import dev.homeostat.simulator.fault.ClockSkew;
import dev.homeostat.simulator.fault.ContainerKill;
import dev.homeostat.simulator.fault.CpuHog;
import dev.homeostat.simulator.fault.CpuStress;
import dev.homeostat.simulator.fault.Deadlock;
import dev.homeostat.simulator.fault.DependencySlowdown;
import dev.homeostat.simulator.fault.DeploymentFault;
import dev.homeostat.simulator.fault.DnsFault;
import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.HttpFault;
import dev.homeostat.simulator.fault.IoError;
import dev.homeostat.simulator.fault.IoLatency;
import dev.homeostat.simulator.fault.IoStress;
import dev.homeostat.simulator.fault.JvmFault;
import dev.homeostat.simulator.fault.MemoryLeak;
import dev.homeostat.simulator.fault.MemoryStress;
import dev.homeostat.simulator.fault.Misconfiguration;
import dev.homeostat.simulator.fault.NetworkBandwidth;
import dev.homeostat.simulator.fault.NetworkCorrupt;
import dev.homeostat.simulator.fault.NetworkDelay;
import dev.homeostat.simulator.fault.NetworkDuplicate;
import dev.homeostat.simulator.fault.NetworkLoss;
import dev.homeostat.simulator.fault.NetworkPartition;
import dev.homeostat.simulator.fault.NodeFailure;
import dev.homeostat.simulator.fault.NoisyNeighbour;
import dev.homeostat.simulator.fault.Orchestration;
import dev.homeostat.simulator.fault.PodFailure;
import dev.homeostat.simulator.fault.PodKill;
import dev.homeostat.simulator.fault.Peers;
import dev.homeostat.simulator.fault.HostPattern;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
/**
 * What each kind of fault does to the pods it chose (README "Faults" and "Traffic effects"): the signal its injection
 * check watches and how it applies through the controllers' methods. {@link FaultInjector} owns when: the window, the
 * check, the undo.
 */
final class FaultImpacts {
    private final Kernel kernel;
    private final Cluster cluster;
    private final Kubelet kubelet;
    private final ReplicaSetController replicaSets;
    private final NodeLifecycleController nodes;
    private final SplittableRandom faultChoice;
    private final FaultTargets targeting;

    /** What a fault does once its targets are chosen: the signal its check watches, why the model gives it no effect (null: it has one), how it applies. */
    record Impact(InjectionCheck.Signal signal, String noEffect, Application application, List<PodState> watched, List<PodState> peers) {
        Impact(InjectionCheck.Signal signal, String noEffect, Application application) { this(signal, noEffect, application, null, List.of()); }

        /** The pods the injection check watches: the targets, or for a call fault both sides of its calls. */
        List<PodState> watched(List<PodState> targets) { return watched == null ? targets : watched; }

        /** {@code peers}: the target pods a network fault's {@code target} selected (Chaos Mesh's ".Target" records). */
        Impact withPeers(List<PodState> peers) { return new Impact(signal, noEffect, application, watched, List.copyOf(peers)); }
    }

    /** How an impact applies. */
    sealed interface Application { }

    /** On each target pod now; {@code undo} on each at the window's end (null: an instantaneous fault). */
    record OnEachPod(Consumer<PodState> apply, Consumer<PodState> undo) implements Application { }

    /** Once, on the whole target (a Deployment's code, a Service, a node): applies now and returns the undo. */
    record Once(Supplier<Runnable> apply) implements Application { }

    /** A new revision of the Deployment, rolled back at the window's end if still current. */
    record Rollout(DeploymentState deployment, DeploymentState.Behaviour behaviour) implements Application { }

    FaultImpacts(Kernel kernel, Cluster cluster, Kubelet kubelet, ReplicaSetController replicaSets, NodeLifecycleController nodes,
                 SplittableRandom faultChoice, FaultTargets targeting) {
        this.kernel = kernel;
        this.cluster = cluster;
        this.kubelet = kubelet;
        this.replicaSets = replicaSets;
        this.nodes = nodes;
        this.faultChoice = faultChoice;
        this.targeting = targeting;
    }

    /** What each kind of fault does (README "Faults" and "Traffic effects"): one case per kind, so longer than a method should be. */
    Impact impact(Fault fault, List<PodState> targets) {
        return switch (fault) {
            case PodKill k -> new Impact(InjectionCheck.Signal.REMOVAL, null,
                    new OnEachPod(p -> kubelet.delete(p, "PodChaos", k.gracePeriod().toMillis(), k.gracePeriod().isZero()), null));
            case ContainerKill k -> new Impact(InjectionCheck.Signal.RESTART, null, new OnEachPod(kubelet::killContainer, null));
            case PodFailure f -> new Impact(InjectionCheck.Signal.SERVING, null, new OnEachPod(kubelet::failContainer, kubelet::recoverContainer));
            case MemoryStress s when s.untilAllocationFails() -> holdMemory(InjectionCheck.Signal.MEMORY, 1, 0.5, List.of());
            case MemoryStress s -> memoryStress(s);
            case CpuStress s when s.perProcessor() -> cpuPerProcessor(s.load() / 100.0);
            case CpuStress s -> cpu(InjectionCheck.Signal.CPU, s.workers() * s.load() / 100.0);
            case MemoryLeak l -> {
                DeploymentState d = cluster.deployment(l.namespace(), l.deployment());
                // the leak ends when its authors ship the fix: a new revision whose rollout replaces the leaking pods
                // (their leaked memory goes with them, as it does in a cluster)
                yield new Impact(InjectionCheck.Signal.MEMORY, null, new Once(() -> {
                    kubelet.changeLeak(d, l.bytesPerSecond());
                    return () -> {
                        kubelet.changeLeak(d, -l.bytesPerSecond());
                        replicaSets.rollOut(d, d.current().behaviour(), "fault " + l.name() + " ended: its authors ship the fix");
                    };
                }));
            }
            case NetworkDelay f -> {
                double jitter = f.jitter().toNanos() / 1e9;
                double latency = f.latency().toNanos() / 1e9;
                // its own stream, split only when a jitter is asked for: a run without one draws nothing for it
                SplittableRandom stream = jitter > 0 ? faultChoice.split() : null;
                yield f.peers() != null ? calls(f.peers(), targets, new CallFault.Delay(latency, jitter, stream))
                        : traffic(new TrafficEffect.Delay(latency, jitter, stream, true));
            }
            case NetworkLoss f -> f.peers() != null ? calls(f.peers(), targets, new CallFault.Errors(f.percent() / 100, true))
                    : traffic(new TrafficEffect.Errors(f.percent() / 100, true, true));
            case NetworkDuplicate f -> f.peers() != null ? calls(f.peers(), targets, new CallFault.Duplicate(f.percent() / 100))
                    : traffic(new TrafficEffect.Duplicate(f.percent() / 100));
            case NetworkCorrupt f -> f.peers() != null ? calls(f.peers(), targets, new CallFault.Errors(f.percent() / 100, false))
                    : traffic(new TrafficEffect.Errors(f.percent() / 100, false, true));
            case NetworkPartition f -> f.peers() != null ? calls(f.peers(), targets, new CallFault.Cut()) : traffic(new TrafficEffect.BlackHole());
            case NetworkBandwidth f -> f.peers() != null
                    ? calls(f.peers(), targets, new CallFault.Bandwidth(f.rateBytesPerSecond(), f.limitBytes(), f.bytesPerRequest()))
                    : traffic(new TrafficEffect.Bandwidth(f.rateBytesPerSecond(), f.limitBytes(), f.bytesPerRequest()));
            case HttpFault f -> switch (f.action()) {
                case ABORT -> traffic(new TrafficEffect.Errors(1, false));
                case DELAY -> traffic(new TrafficEffect.Delay(f.delay().toNanos() / 1e9, 0, null, false));
                case CONTENT -> noEffect("the rule changes only what a message carries, not whether or when it is answered; simulated "
                        + "requests carry no body, headers or queries");
                case NONE -> noEffect("the rule has no action (abort, delay, replace or patch): Chaos Mesh applies it and it changes nothing");
                case REPLACE -> f.code() < 500
                        ? noEffect("replace with status " + f.code() + ": not a server error, so no error the SLO counts")
                        : traffic(new TrafficEffect.Errors(1, f.code() == 504));
            };
            case IoLatency f -> {
                Impact slow = traffic(new TrafficEffect.SlowIo(f.delay().toNanos() / 1e9, f.percent() / 100.0));
                // a share of the requests delayed: the tail moves, the mean maybe not; the check also reads the IO wait
                yield f.percent() < 100 ? new Impact(InjectionCheck.Signal.IO, null, slow.application()) : slow;
            }
            case IoError f when f.errno() == 0 -> noEffect("the overridden attributes are read by no simulated request: times, size, blocks, links, owner ids and rdev change what the application is told, not whether its operations succeed");
            case IoError f -> traffic(new TrafficEffect.Errors(f.percent() / 100.0, false));
            case JvmFault f -> switch (f.effect()) {
                // a slow method holds the request's thread: service time, as a slow file operation on every request
                case LATENCY -> traffic(new TrafficEffect.SlowIo(f.latency().toNanos() / 1e9, 1.0));
                case EXCEPTION -> traffic(new TrafficEffect.Errors(1, false));
                case CPU -> cpu(InjectionCheck.Signal.CPU, f.cpuCount());
                case NO_EFFECT -> noEffect(f.noEffectReason());
                case HANG -> traffic(new TrafficEffect.BlackHole());
                case HEAP -> holdMemory(InjectionCheck.Signal.TRAFFIC, JvmFault.HEAP_SHARE_OF_LIMIT, 1, List.of(new TrafficEffect.Errors(1, false)));
                case STACK -> new Impact(InjectionCheck.Signal.RESTART, null, new OnEachPod(kubelet::oomKill, p -> { }));
            };
            case BlockFault f -> f.iops() > 0
                    ? traffic(new TrafficEffect.Bandwidth(f.iops(), BlockFault.QUEUE_DEPTH, 1))
                    : traffic(new TrafficEffect.SlowIo(f.latency().toNanos() / 1e9, 1.0));
            case IoStress f when f.perProcessor() -> onEachPod(p -> new TrafficEffect.SlowIo(f.addedDelay(processors(p)).toNanos() / 1e9, 1.0));
            case IoStress f -> traffic(new TrafficEffect.SlowIo(f.addedDelay().toNanos() / 1e9, 1.0));
            case ClockSkew f when !f.wallClock() -> noEffect("clock skew " + f.offset()
                    + " of no realtime clock: time-checked credentials read the wall clock, which stays right");
            case ClockSkew f -> f.offset().abs().compareTo(f.tolerance()) <= 0
                    ? noEffect("clock skew " + f.offset() + " within the tolerance " + f.tolerance() + " of time-checked credentials")
                    : traffic(new TrafficEffect.Errors(1, false));
            case DnsFault f -> f.everyLookup() ? traffic(new TrafficEffect.Errors(1, f.action() == DnsFault.DnsAction.RANDOM))
                    : calls(targets, List.of(), host -> f.patterns().stream().anyMatch(p -> HostPattern.matchesPattern(p, host)), 1,
                            new CallFault.Errors(1, f.action() == DnsFault.DnsAction.RANDOM), "a host matching " + f.patterns());
            case DependencySlowdown f -> {
                // on the Service, not its pods: replacements started during the window are slow too
                ServiceState svc = cluster.service(f.namespace(), f.service());
                double seconds = f.addedLatency().toNanos() / 1e9;
                yield new Impact(InjectionCheck.Signal.TRAFFIC, null, new Once(() -> {
                    svc.slowDown(seconds);
                    return () -> svc.slowDown(-seconds);
                }));
            }
            case BadRollout f -> rollout(f, new DeploymentState.Behaviour(f.extraLatency().toNanos() / 1e9, f.errorPercent() / 100, f.crashOnStart(), false));
            case Misconfiguration f -> rollout(f, switch (f.misconfiguration()) {
                case WRONG_PORT -> new DeploymentState.Behaviour(0, 1, false, false);
                case READINESS_NEVER_PASSES -> new DeploymentState.Behaviour(0, 0, false, true);
            });
            case CpuHog f -> cpu(InjectionCheck.Signal.CPU, f.cores());
            case Deadlock f -> {
                var locks = new IdentityHashMap<PodState, TrafficEffect>();
                yield new Impact(InjectionCheck.Signal.TRAFFIC, null,
                        new OnEachPod(p -> locks.put(p, kubelet.deadlock(p)), p -> kubelet.unlock(p, locks.get(p))));
            }
            case NodeFailure f -> {
                NodeState n = cluster.node(f.node());
                yield new Impact(InjectionCheck.Signal.SERVING, null, new Once(() -> {
                    nodes.fail(n);
                    return () -> nodes.recover(n, f.rebooted());
                }));
            }
            case NoisyNeighbour f -> cpu(InjectionCheck.Signal.TRAFFIC, targets.isEmpty() ? 0 : f.cores() / targets.size());
            case Orchestration o -> throw new IllegalStateException("an orchestration is started, not applied: " + o.name());
        };
    }

    /** A network fault limited to its peers: its target pods are selected now, after the fault's own pods. */
    private Impact calls(Peers peers, List<PodState> targets, CallFault.Effect effect) {
        List<PodState> peerPods = peers.target() == null ? List.of() : targeting.select(peers.target(), peers.targetMode(), c -> true);
        String what = (peers.target() == null ? "" : "the target pods' services")
                + (peers.externalTargets().isEmpty() ? "" : (peers.target() == null ? "" : " or ") + "a host of " + peers.externalTargets());
        return calls(targets, peerPods, peers::external, peers.direction().crossings(), effect, what).withPeers(peerPods);
    }

    /** A fault on calls (README "Call faults"): registered on the services of both sides for the window; its check watches both sides. */
    private Impact calls(List<PodState> targets, List<PodState> peerPods, Predicate<String> hosts, int crossings, CallFault.Effect effect,
                         String what) {
        var placed = CallFault.place(targets, peerPods, hosts, crossings, effect, what);
        return new Impact(InjectionCheck.Signal.TRAFFIC, placed.noEffect(), new Once(() -> {
            placed.services().forEach(s -> s.callFaults.add(placed.fault()));
            return () -> placed.services().forEach(s -> s.callFaults.remove(placed.fault()));
        }), placed.watched(), List.of());
    }

    /** Memory held at once, or from nothing up in steps of at least a second (at most 60); the stressor or the app the OOM victim. */
    private Impact memoryStress(MemoryStress s) {
        long ramp = s.rampUp() == null ? 0 : s.rampUp().toMillis();
        int steps = (int) Math.clamp(ramp / 1000, 1, 60);
        var held = new IdentityHashMap<PodState, MemoryStressor>();
        return new Impact(InjectionCheck.Signal.MEMORY, null, new OnEachPod(p -> {
            long workers = s.workers() > 0 ? s.workers() : (long) Math.ceil(p.node.spec.cpu());
            long bytes = s.shareOfNode() > 0 ? workers * (long) (p.node.spec.memory() * s.shareOfNode()) : workers * s.bytesPerWorker();
            var stressor = kubelet.addMemoryStress(p, ramp > 0 ? 0 : bytes, s.stressorIsOomVictim());
            held.put(p, stressor);
            long t = kernel.now();
            if (ramp > 0) for (int i = 1; i <= steps; i++) {
                long delta = bytes * i / steps - bytes * (i - 1) / steps;
                kernel.at(t + ramp * i / steps, () -> kubelet.growMemoryStress(p, stressor, delta));
            }
        }, p -> kubelet.removeMemoryStress(p, held.get(p))));
    }

    /** stress-ng's workers 0: one per processor of each pod's node, each burning {@code share} of a core. */
    private Impact cpuPerProcessor(double share) {
        var held = new IdentityHashMap<PodState, Double>();
        return new Impact(InjectionCheck.Signal.CPU, null, new OnEachPod(p -> {
            double cores = Math.ceil(p.node.spec.cpu()) * share;
            held.put(p, cores);
            kubelet.addCpuStress(p, cores);
        }, p -> kubelet.removeCpuStress(p, held.getOrDefault(p, 0.0))));
    }

    /**
     * Memory held on each pod: {@code share} of the way from its working set at the injection up to {@code level} × its
     * limit (nothing when it is there already), with {@code effects} on its traffic; the app is never the OOM victim.
     */
    private Impact holdMemory(InjectionCheck.Signal signal, double level, double share, List<TrafficEffect> effects) {
        var held = new IdentityHashMap<PodState, MemoryStressor>();
        return new Impact(signal, null, new OnEachPod(p -> {
            long bytes = Math.max(0, (long) ((p.spec.memoryLimit() * level - p.memoryAt(kernel.now())) * share));
            held.put(p, kubelet.addMemoryStress(p, bytes, false));
            kubelet.addTrafficEffects(p, effects);
        }, p -> {
            kubelet.removeMemoryStress(p, held.get(p));
            kubelet.removeTrafficEffects(p, effects);
        }));
    }

    /** A traffic effect that depends on each pod (its node's processors). */
    private Impact onEachPod(java.util.function.Function<PodState, TrafficEffect> effectOf) {
        var held = new IdentityHashMap<PodState, List<TrafficEffect>>();
        return new Impact(InjectionCheck.Signal.TRAFFIC, null, new OnEachPod(p -> {
            List<TrafficEffect> effects = List.of(effectOf.apply(p));
            held.put(p, effects);
            kubelet.addTrafficEffects(p, effects);
        }, p -> kubelet.removeTrafficEffects(p, held.get(p))));
    }

    /** stress-ng's count of the machine's processors, as a container sees its node's. */
    private static int processors(PodState p) { return (int) Math.ceil(p.node.spec.cpu()); }

    private Impact cpu(InjectionCheck.Signal signal, double cores) {
        return new Impact(signal, null, new OnEachPod(p -> kubelet.addCpuStress(p, cores), p -> kubelet.removeCpuStress(p, cores)));
    }

    /** The same effect objects on every target pod (a jitter stream is shared, drawn in pod order). */
    private Impact traffic(TrafficEffect effect) {
        List<TrafficEffect> effects = List.of(effect);
        return new Impact(InjectionCheck.Signal.TRAFFIC, null,
                new OnEachPod(p -> kubelet.addTrafficEffects(p, effects), p -> kubelet.removeTrafficEffects(p, effects)));
    }

    /** A traffic fault the model gives no effect: its window still opens and closes, its check says why. */
    private static Impact noEffect(String reason) {
        return new Impact(InjectionCheck.Signal.TRAFFIC, reason, new OnEachPod(p -> { }, p -> { }));
    }

    private Impact rollout(DeploymentFault f, DeploymentState.Behaviour behaviour) {
        return new Impact(InjectionCheck.Signal.TRAFFIC, null, new Rollout(cluster.deployment(f.namespace(), f.deployment()), behaviour));
    }
}
