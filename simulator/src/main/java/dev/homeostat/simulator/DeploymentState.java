package dev.homeostat.simulator;

import dev.homeostat.simulator.cluster.DeploymentView;
import dev.homeostat.simulator.spec.ContainerSpec;
import dev.homeostat.simulator.spec.DeploymentSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Deployment: its desired replicas, the pods its ReplicaSets own (creation order), its Service, the
 * leaks active on its code, and its revisions (held by the {@link ReplicaSetController}, which alone
 * changes them).
 */
final class DeploymentState {
    /**
     * How a revision's pods misbehave (all zero/false for a good one): extra latency, error share,
     * exit once started, readiness that never passes, requests refused.
     */
    record Behaviour(double extraLatencyS, double errorShare, boolean crashOnStart, boolean neverReady) {
        static final Behaviour HEALTHY = new Behaviour(0, 0, false, false);
    }

    /**
     * One pod template: {@code number} is {@code deployment.kubernetes.io/revision}; {@code template}
     * identifies the pod template (its ReplicaSet), kept when a rollback renumbers the revision.
     */
    record Revision(int number, int template, ContainerSpec container, Behaviour behaviour) { }

    final DeploymentSpec spec;
    final String key;
    final Map<String, String> podLabels;
    final Map<String, String> podAnnotations;
    final List<PodState> pods = new ArrayList<>();
    /** How many of {@link #pods} are Ready (the Service's endpoints): kept by {@link PodState#moveTo}. */
    int readyPods;
    ServiceState service;
    /** Desired replicas (the Deployment's {@code spec.replicas}): set by scaling, through the ReplicaSet controller. */
    int replicas;
    /** How many of the names {@code spec.podNames} pins have been given to pods (each once: replacements get new names). */
    int pinnedNamesUsed;
    /**
     * The desired replicas each scale replaced and when, oldest first, for the replicas-available rule's window: an HPA
     * that scales twice within it (6 → 7 → 8) still had 6 wanted at its start, which the last change alone forgets.
     */
    private int[] replacedReplicas = new int[2];
    private long[] replacedAt = new long[2];
    private int replacedCount;
    /** Sum of the active MemoryLeak rates, bytes/s; containers started while it is positive leak too (the kubelet's). */
    long leakRate;
    /** Its pods' traffic numbers, a row per pod (created with the first pod). */
    PodRows rows;
    /** Revisions and rollout progress, the ReplicaSet controller's own. */
    final ReplicaSetController.Revisions revisions;

    DeploymentState(DeploymentSpec spec) {
        this.spec = spec;
        this.key = spec.namespace() + "/" + spec.name();
        this.replicas = spec.replicas();
        // exactly the scenario's labels (app: <name> when it writes none): a selector the real pods would not match must not match here
        this.podLabels = Collections.unmodifiableMap(new TreeMap<>(spec.labels()));
        this.podAnnotations = spec.annotations();
        this.revisions = new ReplicaSetController.Revisions(new Revision(1, 1, spec.container(), Behaviour.HEALTHY));
    }

    /** Its pods' rows, for a minute window of {@code n} steps. */
    PodRows rows(int n) {
        if (rows == null) rows = new PodRows(n, replicas + Math.max(1, replicas / 4));
        if (rows.n != n) throw new IllegalStateException(key + ": pods with minute windows of " + rows.n + " and " + n + " steps");
        return rows;
    }

    /** Sets the desired replicas at {@code at}, keeping the value it replaces for the replicas-available window. */
    void scaleTo(int replicas, long at) {
        if (replicas == this.replicas) return;
        int before = this.replicas;
        this.replicas = replicas;
        if (replacedCount == replacedReplicas.length) {
            replacedReplicas = Arrays.copyOf(replacedReplicas, replacedCount * 2);
            replacedAt = Arrays.copyOf(replacedAt, replacedCount * 2);
        }
        replacedReplicas[replacedCount] = before;
        replacedAt[replacedCount++] = at;
    }

    /**
     * The fewest desired replicas within {@code windowMs} before {@code t} (PromQL {@code min_over_time} of
     * spec.replicas). Asked with one window at times that never go back (the scrapes'): it forgets the scales older
     * than that window.
     */
    int minReplicasSince(long t, long windowMs) {
        int old = 0;
        while (old < replacedCount && t - replacedAt[old] >= windowMs) old++;
        if (old > 0) {
            replacedCount -= old;
            System.arraycopy(replacedReplicas, old, replacedReplicas, 0, replacedCount);
            System.arraycopy(replacedAt, old, replacedAt, 0, replacedCount);
        }
        int min = replicas;
        for (int i = 0; i < replacedCount; i++) min = Math.min(min, replacedReplicas[i]);
        return min;
    }

    /** The current revision (the pod template new pods get). */
    Revision current() { return revisions.current(); }

    int ready() {
        assert readyPods == counted() : key + ": " + readyPods + " ready pods kept, " + counted() + " counted";
        return readyPods;
    }

    private int counted() {
        int n = 0;
        for (PodState p : pods) if (p.ready()) n++;
        return n;
    }

    /** Pods the ReplicaSets own: neither deleted nor isolated. */
    int active() {
        int n = 0;
        for (PodState p : pods) if (p.owned()) n++;
        return n;
    }

    /** Owned pods of the current template. */
    int updated() {
        int template = current().template();
        int n = 0;
        for (PodState p : pods) if (p.owned() && p.revision.template() == template) n++;
        return n;
    }

    DeploymentView view() {
        int ready = ready();
        // outside a rollout every pod the ReplicaSet owns or is about to create runs the current template: a pod being
        // replaced (the controller's delay) is not an old one, as a real ReplicaSet recreates it at once
        int updated = revisions.rolling() ? updated() : replicas;
        return new DeploymentView(spec.namespace(), spec.name(), replicas, ready, ready, current().number(), revisions.generation(),
                revisions.observedGeneration(), updated, revisions.revisionSince(), revisions.rollbackTo(),
                DeploymentSpec.STATEFUL_SET.equals(spec.kind()), spec.strategy().unavailable(replicas));
    }
}
