package dev.homeostat.simulator;

import dev.homeostat.simulator.cluster.DeploymentView;
import dev.homeostat.simulator.spec.DeploymentSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A Deployment and its ReplicaSet: the pods it owns (creation order) and the leaks active on it. */
final class DeploymentState {
    final DeploymentSpec spec;
    final String key;
    final Map<String, String> podLabels;
    final List<PodState> pods = new ArrayList<>();
    ServiceState service;
    int replicas;
    /** Sum of the active MemoryLeak rates, bytes/s; containers started while it is positive leak too. */
    long leakRate;
    boolean reconcileQueued;

    DeploymentState(DeploymentSpec spec) {
        this.spec = spec;
        this.key = spec.namespace() + "/" + spec.name();
        this.replicas = spec.replicas();
        var labels = new TreeMap<>(spec.labels());
        labels.putIfAbsent("app", spec.name());
        this.podLabels = Collections.unmodifiableMap(labels);
    }

    int ready() {
        int n = 0;
        for (PodState p : pods) if (p.ready && !p.terminating) n++;
        return n;
    }

    int active() {
        int n = 0;
        for (PodState p : pods) if (!p.terminating) n++;
        return n;
    }

    DeploymentView view() {
        int ready = ready();
        return new DeploymentView(spec.namespace(), spec.name(), replicas, ready, ready);
    }
}
