package dev.homeostat.simulator;

import dev.homeostat.simulator.core.RandomStreams;
import dev.homeostat.simulator.events.SimEvent;
import dev.homeostat.simulator.spec.ContainerSpec;
import dev.homeostat.simulator.spec.ProbeSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The kubelets of every node: the only writer of a pod's lifecycle ({@link PodLifecycle}) and of its
 * container — start (startup time and jitter), readiness and liveness probes, OOM kills, the
 * CrashLoopBackOff, deletion and its grace period, isolation — and of what faults do inside a
 * container (stress, failure, leaks, deadlocks, traffic effects): faults act through its methods.
 *
 * <p>Nothing ticks per probe: after every change {@link #replan} computes the pod's next container
 * start, readiness flip, liveness kill and OOM from closed formulas ({@link Probes}) and plans them
 * under a new epoch; events planned under an older epoch are ignored.
 */
final class Kubelet {
    /** How long a gracefully deleted pod stays Terminating. */
    static final long GRACEFUL_DELETE_MS = 3000;
    static final long BACKOFF_INITIAL_MS = 10_000;
    static final long BACKOFF_MAX_MS = 300_000;
    /** A container that ran this long before it died starts its back-off afresh. */
    static final long BACKOFF_RESET_MS = 600_000;
    /** Startup jitter: up to this share of the container's startup time. */
    static final double STARTUP_JITTER = 0.1;

    private final Kernel kernel;
    private final RandomStreams random;
    private final List<PodWatch> watchers = new ArrayList<>();

    Kubelet(Kernel kernel, RandomStreams random) {
        this.kernel = kernel;
        this.random = random;
    }

    /** Adds a watcher of pod lifecycle changes; watchers hear of each change in the order they subscribed. */
    void watch(PodWatch watcher) { watchers.add(watcher); }

    // ---------------------------------------------------------------- lifecycle

    /**
     * A pod bound to a node: its container starts now, or — {@code warm}, the cluster as it stands at
     * t = 0 — is already running and Ready.
     */
    void admit(PodState p, boolean warm) {
        long t = kernel.now();
        if (warm) {
            p.container = PodState.Container.RUNNING;
            p.runningSince = t;
            p.servingAt = t;
            p.leakSince = t;
            p.leakRate = p.deployment.leakRate;
            changeReadiness(p, PodLifecycle.READY);
        } else {
            p.startAt = t;
        }
        replan(p);
    }

    /** Deletes the pod: out of the endpoints at once, gone after {@code graceMs}; {@code abrupt} loses its in-flight requests. */
    void delete(PodState p, String reason, long graceMs, boolean abrupt) {
        if (p.terminating()) return;
        if (abrupt) loseInFlight(p);
        boolean wasReady = p.ready();
        p.moveTo(PodLifecycle.TERMINATING);
        p.epoch++;
        kernel.emit(new SimEvent.PodDeleted(kernel.now(), p.key, reason));
        if (wasReady) announceReadiness(p, false);
        kernel.at(kernel.now() + graceMs, () -> gone(p));
        for (PodWatch w : watchers) w.deleted(p);
    }

    private void gone(PodState p) {
        p.moveTo(PodLifecycle.GONE);
        p.container = PodState.Container.WAITING;
        for (PodWatch w : watchers) w.gone(p);
    }

    /** Isolates the pod (label replaced): out of its Service and ReplicaSet, kept running. False if deleted or isolated already. */
    boolean isolate(PodState p) {
        if (p.terminating() || p.isolated()) return false;
        boolean wasReady = p.ready();
        p.moveTo(PodLifecycle.ISOLATED);
        if (wasReady) announceReadiness(p, false);
        replan(p);
        for (PodWatch w : watchers) w.isolated(p);
        return true;
    }

    /** Readiness lost from outside the pod (its node turned NotReady). */
    void markNotReady(PodState p) { setReady(p, false); }

    /** When the container's startup probe passes (it has started); its start when it has none. */
    private static long started(PodState p, ContainerSpec c) {
        return c.startupProbe() == null ? p.runningSince : Probes.passesAt(p.runningSince, c.startupProbe(), p.servingAt);
    }

    private void setReady(PodState p, boolean ready) {
        if (p.ready() == ready) return;
        changeReadiness(p, ready ? PodLifecycle.READY : PodLifecycle.RUNNING);
    }

    private void changeReadiness(PodState p, PodLifecycle to) {
        p.moveTo(to);
        if (to == PodLifecycle.READY && p.readySince < p.runningSince) p.readySince = kernel.now();
        announceReadiness(p, to == PodLifecycle.READY);
    }

    private void announceReadiness(PodState p, boolean ready) {
        kernel.emit(new SimEvent.PodReadinessChanged(kernel.now(), p.key, ready));
        for (PodWatch w : watchers) w.readinessChanged(p);
    }

    // ---------------------------------------------------------------- containers and probes

    /**
     * Re-plans the pod's next state changes from its current state: container start, readiness
     * flip, liveness kill, OOM kill. Bumping the epoch voids every event planned before.
     */
    void replan(PodState p) {
        long e = ++p.epoch;
        if (p.terminating() || p.node == null || p.node.down) return;
        long t = kernel.now();
        if (!p.running()) {
            at(p, e, Math.max(t, p.startAt), () -> startContainer(p));
            return;
        }
        ContainerSpec c = p.spec;
        DeploymentState.Behaviour b = p.revision.behaviour();
        if (p.failures == 0 && b.crashOnStart()) {
            // the new revision exits with an error once it has started
            at(p, e, Math.max(t, p.servingAt), () -> crash(p, "Error"));
        } else if (p.failures == 0) {
            if (!p.ready() && !p.isolated() && !b.neverReady()) {
                // a startup probe holds readiness probing back until it has passed
                long servingFrom = Math.max(Math.max(p.servingAt, p.failureEndedAt), started(p, c));
                at(p, e, Math.max(t, Probes.passesAt(p.runningSince, c.readinessProbe(), servingFrom)), () -> setReady(p, true));
            }
            if (t < p.servingAt) {
                // a container slower to start than its startup probe (else its liveness probe) allows is killed while starting
                ProbeSpec guard = c.startupProbe() == null ? c.livenessProbe() : c.startupProbe();
                long kill = Probes.failsAt(p.runningSince, guard, p.runningSince);
                if (kill < p.servingAt) at(p, e, Math.max(t, kill), () -> crash(p, c.startupProbe() == null ? "LivenessProbe" : "StartupProbe"));
            }
        } else {
            long since = Math.max(p.failedSince, p.runningSince);
            if (p.ready()) at(p, e, Math.max(t, Probes.failsAt(p.runningSince, c.readinessProbe(), since)), () -> setReady(p, false));
            at(p, e, Math.max(t, Probes.failsAt(p.runningSince, c.livenessProbe(), since)), () -> crash(p, "LivenessProbe"));
        }
        double memory = p.memoryAt(t);
        long limit = c.memoryLimit();
        if (memory >= limit) {
            at(p, e, t, () -> outOfMemory(p));
        } else if (p.leakRate > 0) {
            long reach = (long) Math.ceil((limit - memory) * 1000.0 / p.leakRate);
            at(p, e, t + reach, () -> outOfMemory(p));
        }
    }

    /** Plans {@code action} for the pod, to run only if nothing changed the pod in between. */
    private void at(PodState p, long epoch, long time, Runnable action) {
        kernel.at(time, () -> {
            if (p.epoch == epoch && !p.terminating()) action.run();
        });
    }

    private void startContainer(PodState p) {
        long t = kernel.now();
        long startup = p.spec.startupTime().toMillis();
        long jitter = (long) (startup * STARTUP_JITTER * random.stream("startup-jitter/" + p.deployment.key).nextDouble());
        p.container = PodState.Container.RUNNING;
        if (p.lifecycle() == PodLifecycle.PENDING) p.moveTo(PodLifecycle.RUNNING);
        p.runningSince = t;
        p.servingAt = t + startup + jitter;
        p.leaked = 0;
        p.leakSince = t;
        p.leakRate = p.deployment.leakRate;
        replan(p);
    }

    /** The container died (OOMKilled, liveness, kill): restart in place after the CrashLoopBackOff delay. */
    private void crash(PodState p, String reason) {
        long t = kernel.now();
        loseInFlight(p);
        boolean ranLong = t - p.runningSince >= BACKOFF_RESET_MS;
        p.container = PodState.Container.WAITING;
        if (p.ready()) changeReadiness(p, PodLifecycle.RUNNING);
        p.restarts++;
        // a liveness kill or a chaos container-kill ends the process with a signal: kubelet says Error
        p.lastTerminatedReason = reason.equals(PodState.OOM_KILLED) ? PodState.OOM_KILLED : PodState.ERROR;
        p.crashStreak = ranLong ? 1 : p.crashStreak + 1;
        p.startAt = t + Math.min(BACKOFF_MAX_MS, BACKOFF_INITIAL_MS << Math.min(p.crashStreak - 1, 20));
        p.leaked = 0;
        p.leakRate = 0;
        p.leakSince = t;
        if (p.deadlock != null) {
            // a restart clears a deadlock
            p.removeEffect(p.deadlock);
            p.deadlock = null;
        }
        kernel.emit(new SimEvent.ContainerRestarted(t, p.key, reason, p.restarts));
        replan(p);
    }

    /** Requests in the pod when it dies (Little's law: arrival rate × mean latency) fail. */
    private void loseInFlight(PodState p) {
        double lost = p.lastArrivals() * p.lastLatency();
        p.loseInFlight(lost);
        if (lost <= 0) return;
        if (p.deployment.service != null) p.deployment.service.lostInFlight += lost;
    }

    // ---------------------------------------------------------------- what faults do inside a container

    /** A chaos container-kill: a running container dies (reason ContainerKill) and restarts in place. */
    void killContainer(PodState p) {
        if (p.running()) crash(p, "ContainerKill");
    }

    /** The pod's machine booted again: its container starts afresh (a restart, as the kubelet counts one after a reboot). */
    void restartAfterReboot(PodState p) {
        if (p.running()) crash(p, "NodeReboot");
    }

    /** The kernel's OOM killer takes the container's main process now (a JVM whose threads' stacks filled the container). */
    void oomKill(PodState p) {
        if (p.running()) crash(p, PodState.OOM_KILLED);
    }

    /** A PodFailure begins: the container stops answering (its in-flight requests fail); the probes notice. */
    void failContainer(PodState p) {
        if (p.failures++ == 0) {
            p.failedSince = kernel.now();
            loseInFlight(p);
            replan(p);
        }
    }

    /** A PodFailure ends: the container answers again once no other failure holds it. */
    void recoverContainer(PodState p) {
        if (p.terminating()) return;
        if (--p.failures == 0) {
            p.failureEndedAt = kernel.now();
            replan(p);
        }
    }

    /** A memory stressor starts in the container holding {@code bytes}; an OOM victim dies first when the limit is reached. */
    MemoryStressor addMemoryStress(PodState p, long bytes, boolean oomVictim) {
        var stressor = new MemoryStressor(bytes, oomVictim);
        p.stressBytes += bytes;
        if (oomVictim) p.oomVictims.add(stressor);
        replan(p);
        return stressor;
    }

    /** A ramping stressor holds {@code delta} bytes more (nothing once it ended). */
    void growMemoryStress(PodState p, MemoryStressor stressor, long delta) {
        if (stressor.ended || p.terminating()) return;
        stressor.bytes += delta;
        p.stressBytes += delta;
        replan(p);
    }

    /** The stress ends: its memory is freed (unless the kernel killed the stressor already). */
    void removeMemoryStress(PodState p, MemoryStressor stressor) {
        if (p.terminating() || stressor.ended) return;
        stressor.ended = true;
        p.stressBytes -= stressor.bytes;
        p.oomVictims.remove(stressor);
        replan(p);
    }

    /** The container reached its memory limit: the kernel kills the stressors that volunteer (positive oomScoreAdj), else the app. */
    private void outOfMemory(PodState p) {
        if (p.oomVictims.isEmpty()) {
            crash(p, "OOMKilled");
            return;
        }
        for (MemoryStressor s : p.oomVictims) {
            s.ended = true;
            p.stressBytes -= s.bytes;
            p.stressorsKilled++;
        }
        p.oomVictims.clear();
        replan(p);
    }

    /** Cores stolen from the container (stress, a busy loop, a noisy neighbour): its requests slow down. */
    void addCpuStress(PodState p, double cores) { p.stressCores += cores; }

    void removeCpuStress(PodState p, double cores) { p.stressCores = Math.max(0, p.stressCores - cores); }

    void addTrafficEffects(PodState p, List<TrafficEffect> effects) {
        for (TrafficEffect e : effects) p.addEffect(e);
    }

    void removeTrafficEffects(PodState p, List<TrafficEffect> effects) {
        for (TrafficEffect e : effects) p.removeEffect(e);
    }

    /** The container deadlocks: Ready, but every request hangs (its in-flight ones fail); a restart clears it. Returns the lock. */
    TrafficEffect deadlock(PodState p) {
        var lock = new TrafficEffect.BlackHole();
        loseInFlight(p);
        p.deadlock = lock;
        p.addEffect(lock);
        return lock;
    }

    /** Clears {@code lock} if it still holds the container (a restart may have cleared it already). */
    void unlock(PodState p, TrafficEffect lock) {
        if (p.deadlock != lock) return;
        p.removeEffect(lock);
        p.deadlock = null;
    }

    /** The Deployment's code leaks {@code delta} bytes/s more (less when negative): running containers leak from now. */
    void changeLeak(DeploymentState d, long delta) {
        long t = kernel.now();
        d.leakRate += delta;
        for (PodState p : d.pods) {
            if (p.terminating() || !p.running()) continue;
            p.settleLeak(t);
            p.leakRate = d.leakRate;
            replan(p);
        }
    }

    /** The pod's node stopped: nothing answers (requests time out, in-flight ones fail), nothing changes on it. */
    void nodeLost(PodState p, TrafficEffect blackHole) {
        loseInFlight(p);
        p.addEffect(blackHole);
        p.epoch++;
    }

    /** The pod's node is back: its container resumes and the probes decide its readiness. */
    void nodeBack(PodState p, TrafficEffect blackHole) {
        p.removeEffect(blackHole);
        replan(p);
    }
}
