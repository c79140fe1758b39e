package dev.homeostat.simulator;

import dev.homeostat.simulator.core.RandomStreams;
import dev.homeostat.simulator.events.SimEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The Deployment and ReplicaSet controllers: keep each Deployment's replicas (create missing pods,
 * delete the youngest surplus ones), name pods, and run RollingUpdates between revisions
 * ({@code maxSurge}/{@code maxUnavailable}), rollbacks ({@code kubectl rollout undo}) included. A pass
 * runs {@link #CONTROLLER_DELAY_MS} after whatever asked for it (a pod deleted, gone, isolated, its
 * readiness during a rollout, a scale, a new revision); requests in between fold into one pass. A StatefulSet
 * ({@link dev.homeostat.simulator.spec.DeploymentSpec#stateful()}) names its pods by ordinal and replaces a pod only
 * once it is gone.
 */
final class ReplicaSetController implements PodWatch {
    /** Delay of the ReplicaSet controller between a pod leaving and its replacement. */
    static final long CONTROLLER_DELAY_MS = 1000;
    private static final String SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    /** A Deployment's revisions and rollout progress: written by this controller only. */
    static final class Revisions {
        /** Revision history, oldest first; the last is current. A rollback moves an older one to the end with a new number. */
        private final List<DeploymentState.Revision> history = new ArrayList<>();
        private long generation = 1;
        private long observedGeneration = 1;
        /** When the current revision's rollout began; the first revision predates the run. */
        private long revisionSince = Long.MIN_VALUE;
        /** A rollout began and has not completed yet (RolloutCompleted not emitted). */
        private boolean rolling;
        private boolean reconcileQueued;

        Revisions(DeploymentState.Revision first) { history.add(first); }

        DeploymentState.Revision current() { return history.getLast(); }

        long generation() { return generation; }

        long observedGeneration() { return observedGeneration; }

        long revisionSince() { return revisionSince; }

        /** A rollout began and has not completed. */
        boolean rolling() { return rolling; }

        /** The revision a rollback returns to (the one before the current), 0 without one. */
        int rollbackTo() { return history.size() < 2 ? 0 : history.get(history.size() - 2).number(); }
    }

    private final Kernel kernel;
    private final Cluster cluster;
    private final Scheduler scheduler;
    private final Kubelet kubelet;
    private final RandomStreams random;
    private final long stepMs;
    /** Every pod name ever used (lookups only, never iterated). */
    private final Set<String> usedNames = new HashSet<>();

    ReplicaSetController(Kernel kernel, Cluster cluster, Scheduler scheduler, Kubelet kubelet, RandomStreams random, long stepMs) {
        this.kernel = kernel;
        this.cluster = cluster;
        this.scheduler = scheduler;
        this.kubelet = kubelet;
        this.random = random;
        this.stepMs = stepMs;
    }

    /** The cluster exists before the run: initial pods are bound, started and Ready at t = 0 (when they fit). */
    void deployInitialPods() {
        for (DeploymentState d : cluster.deployments()) for (int i = 0; i < d.replicas; i++) createPod(d, true);
    }

    /** Sets the Deployment's desired replicas (kubectl scale, the HPA); the ReplicaSet converges after the controller delay. */
    void scale(DeploymentState d, int replicas) {
        d.scaleTo(replicas, kernel.now());
        requestReconcile(d);
    }

    /** Makes {@code behaviour} the Deployment's new revision (same container) and starts its RollingUpdate. */
    DeploymentState.Revision rollOut(DeploymentState d, DeploymentState.Behaviour behaviour, String cause) {
        Revisions r = d.revisions;
        int number = r.current().number() + 1;
        int template = 0;
        for (DeploymentState.Revision v : r.history) template = Math.max(template, v.template());
        var revision = new DeploymentState.Revision(number, template + 1, r.current().container(), behaviour);
        r.history.add(revision);
        startRollout(d, cause);
        return revision;
    }

    /**
     * {@code kubectl rollout restart}: a new template (the restartedAt annotation) of the same container and behaviour
     * becomes the next revision, and its RollingUpdate replaces the pods as the strategy allows, surge first.
     */
    void restart(DeploymentState d, String cause) {
        rollOut(d, d.revisions.current().behaviour(), cause);
    }

    /** {@code kubectl rollout undo}: false without a previous revision. */
    boolean rollback(DeploymentState d, String cause) {
        if (d.revisions.history.size() < 2) return false;
        rollbackTo(d, cause);
        return true;
    }

    /** The previous revision's template becomes current under a new number. */
    void rollbackTo(DeploymentState d, String cause) {
        Revisions r = d.revisions;
        DeploymentState.Revision previous = r.history.remove(r.history.size() - 2);
        r.history.add(new DeploymentState.Revision(r.current().number() + 1, previous.template(), previous.container(), previous.behaviour()));
        startRollout(d, cause + " to the template of revision " + previous.number());
    }

    private void startRollout(DeploymentState d, String cause) {
        Revisions r = d.revisions;
        r.generation++;
        r.rolling = true;
        r.revisionSince = kernel.now();
        kernel.emit(new SimEvent.RolloutStarted(kernel.now(), d.key, r.current().number(), cause));
        requestReconcile(d);
    }

    private void requestReconcile(DeploymentState d) {
        if (d.revisions.reconcileQueued) return;
        d.revisions.reconcileQueued = true;
        kernel.at(kernel.now() + CONTROLLER_DELAY_MS, () -> reconcile(d));
    }

    /** One pass: the RollingUpdate while old pods live, else create missing pods and delete surplus ones (youngest first). */
    private void reconcile(DeploymentState d) {
        Revisions r = d.revisions;
        r.reconcileQueued = false;
        r.observedGeneration = r.generation;
        if (r.rolling && rollingUpdate(d)) return;
        int active = d.active();
        for (int i = active; i < d.replicas; i++) if (!createPod(d, false)) break;
        if (active > d.replicas) {
            List<PodState> owned = new ArrayList<>();
            for (PodState p : d.pods) if (p.owned()) owned.add(p);
            if (d.spec.stateful()) owned.sort(java.util.Comparator.comparingInt(ReplicaSetController::ordinal));
            Collections.reverse(owned);
            for (PodState p : owned.subList(0, active - d.replicas)) kubelet.delete(p, "ReplicaSet", Kubelet.GRACEFUL_DELETE_MS, false);
        }
        if (r.rolling && d.updated() == d.replicas && d.ready() == d.replicas && d.active() == d.replicas) {
            r.rolling = false;
            kernel.emit(new SimEvent.RolloutCompleted(kernel.now(), d.key, r.current().number()));
        }
    }

    /**
     * One pass of the Deployment controller's RollingUpdate while pods of an older template live: new
     * pods up to {@code replicas + maxSurge} live pods, old ones deleted while at least
     * {@code replicas − maxUnavailable} stay Ready (not-Ready old pods first: they serve nobody).
     * False when no old pod is left (the plain ReplicaSet pass finishes the job).
     */
    private boolean rollingUpdate(DeploymentState d) {
        int template = d.current().template();
        int fresh = 0;
        List<PodState> old = new ArrayList<>();
        for (PodState p : d.pods) {
            if (!p.owned()) continue;
            if (p.revision.template() == template) fresh++; else old.add(p);
        }
        if (old.isEmpty()) return false;
        int surge = d.spec.strategy().surge(d.replicas), unavailable = d.spec.strategy().unavailable(d.replicas);
        int create = Math.min(d.replicas + surge - (fresh + old.size()), d.replicas - fresh);
        for (int i = 0; i < create; i++) if (!createPod(d, false)) break;
        int allowed = d.ready() - (d.replicas - unavailable);
        List<PodState> readyOld = new ArrayList<>();
        for (PodState p : old) {
            if (!p.ready()) kubelet.delete(p, "RollingUpdate", Kubelet.GRACEFUL_DELETE_MS, false);
            else readyOld.add(p);
        }
        Collections.reverse(readyOld);
        for (PodState p : readyOld) {
            if (allowed-- <= 0) break;
            kubelet.delete(p, "RollingUpdate", Kubelet.GRACEFUL_DELETE_MS, false);
        }
        return true;
    }

    /** Creates a pod of the current revision; false when a StatefulSet has no free ordinal below its replicas yet. */
    private boolean createPod(DeploymentState d, boolean warm) {
        String name = d.spec.stateful() ? freeOrdinalName(d) : newPodName(d);
        if (name == null) return false;
        PodState p = new PodState(name, d, d.current(), kernel.now(), stepMs);
        DeploymentState.Behaviour b = p.revision.behaviour();
        List<TrafficEffect> misbehaviour = new ArrayList<>(2);
        if (b.errorShare() > 0) misbehaviour.add(new TrafficEffect.Errors(b.errorShare(), false));
        if (b.extraLatencyS() > 0) misbehaviour.add(new TrafficEffect.Delay(b.extraLatencyS(), 0, null, false));
        if (!misbehaviour.isEmpty()) kubelet.addTrafficEffects(p, misbehaviour);
        cluster.add(p);
        NodeState node = scheduler.place(p);
        kernel.emit(new SimEvent.PodCreated(kernel.now(), p.key, d.key, node == null ? "" : node.spec.name()));
        if (node != null) kubelet.admit(p, warm);
        return true;
    }

    /**
     * A StatefulSet's next pod: the lowest ordinal below its replicas that no pod of it holds. A pod holds its name
     * until it is gone, terminating or isolated alike, so a replacement never runs beside the pod it replaces.
     */
    private static String freeOrdinalName(DeploymentState d) {
        var held = new java.util.BitSet();
        for (PodState p : d.pods) {
            int ordinal = ordinal(p);
            if (ordinal >= 0) held.set(ordinal);
        }
        int free = held.nextClearBit(0);
        return free < d.replicas ? d.spec.name() + "-" + free : null;
    }

    /** The ordinal of a StatefulSet's pod ({@code name-3} → 3); -1 for a name without one. */
    private static int ordinal(PodState p) {
        String prefix = p.deployment.spec.name() + "-";
        if (!p.name.startsWith(prefix)) return -1;
        try {
            return Integer.parseInt(p.name.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private String newPodName(DeploymentState d) {
        // the names the scenario pins go to the Deployment's first pods (a replacement gets a new name, as in Kubernetes)
        List<String> pinned = d.spec.podNames();
        while (d.pinnedNamesUsed < pinned.size()) {
            String name = pinned.get(d.pinnedNamesUsed++);
            if (usedNames.add(d.spec.namespace() + "/" + name)) return name;
        }
        SplittableRandom names = random.stream("pod-names/" + d.key);
        while (true) {
            StringBuilder sb = new StringBuilder(d.spec.name()).append('-');
            for (int i = 0; i < 5; i++) sb.append(SUFFIX_ALPHABET.charAt(names.nextInt(SUFFIX_ALPHABET.length())));
            String name = sb.toString();
            if (usedNames.add(d.spec.namespace() + "/" + name)) return name;
        }
    }

    // ---------------------------------------------------------------- what the controller watches

    @Override public void readinessChanged(PodState p) {
        if (p.deployment.revisions.rolling) requestReconcile(p.deployment);
    }

    @Override public void deleted(PodState p) { requestReconcile(p.deployment); }

    @Override public void gone(PodState p) {
        // a StatefulSet's replacement waits for the name its predecessor held
        if (p.deployment.revisions.rolling || p.deployment.spec.stateful()) requestReconcile(p.deployment);
    }

    @Override public void isolated(PodState p) { requestReconcile(p.deployment); }
}
