package dev.homeostat.simulator;

import dev.homeostat.simulator.cluster.DeploymentView;
import dev.homeostat.simulator.spec.ContainerSpec;
import dev.homeostat.simulator.spec.DeploymentSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Deployment and its ReplicaSets: the pods it owns (creation order), its revision history, its
 * autoscaler's recent recommendations, and the leaks active on it.
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
    final List<PodState> pods = new ArrayList<>();
    ServiceState service;
    int replicas;
    /** Sum of the active MemoryLeak rates, bytes/s; containers started while it is positive leak too. */
    long leakRate;
    boolean reconcileQueued;
    /** Revision history, oldest first; the last is current. A rollback moves an older one to the end with a new number. */
    final List<Revision> revisions = new ArrayList<>();
    long generation = 1;
    long observedGeneration = 1;
    /** A rollout began and has not completed yet (RolloutCompleted not emitted). */
    boolean rolling;
    /** HPA recommendations of the stabilisation window: time, replicas (pairs, oldest first). */
    final List<long[]> recommendations = new ArrayList<>();

    DeploymentState(DeploymentSpec spec) {
        this.spec = spec;
        this.key = spec.namespace() + "/" + spec.name();
        this.replicas = spec.replicas();
        var labels = new TreeMap<>(spec.labels());
        labels.putIfAbsent("app", spec.name());
        this.podLabels = Collections.unmodifiableMap(labels);
        revisions.add(new Revision(1, 1, spec.container(), Behaviour.HEALTHY));
    }

    Revision current() { return revisions.getLast(); }

    /** Owned by the ReplicaSets: not Terminating, not isolated. */
    static boolean live(PodState p) { return !p.terminating && !p.isolated; }

    int ready() {
        int n = 0;
        for (PodState p : pods) if (p.ready && live(p)) n++;
        return n;
    }

    int active() {
        int n = 0;
        for (PodState p : pods) if (live(p)) n++;
        return n;
    }

    int updated() {
        Revision cur = current();
        int n = 0;
        for (PodState p : pods) if (live(p) && p.revision.template() == cur.template()) n++;
        return n;
    }

    DeploymentView view() {
        int ready = ready();
        return new DeploymentView(spec.namespace(), spec.name(), replicas, ready, ready, current().number(), generation, observedGeneration,
                updated());
    }
}
