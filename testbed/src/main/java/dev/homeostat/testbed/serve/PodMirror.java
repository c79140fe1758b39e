package dev.homeostat.testbed.serve;

import static dev.homeostat.testbed.serve.MirroredObjects.deploymentSpec;

import dev.homeostat.simulator.Simulation;
import dev.homeostat.simulator.cluster.PodView;
import dev.homeostat.simulator.events.SimEvent;
import dev.homeostat.simulator.spec.DeploymentSpec;
import dev.homeostat.simulator.spec.SimulationSpec;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The simulation's pods in the API, both ways: each live pod written as the kubelet would have it
 * ({@link MirroredObjects#pod}, times kept between writes by {@link PodTimes}); a pod deleted through the API deleted in
 * the simulation.
 *
 * <p>A pod is followed as an instance, not by its name: a StatefulSet's replacement takes the name of the pod it
 * replaces. The simulation keeps a deleted pod Terminating until it is gone, and names the replacement only then
 * ({@code ReplicaSetController}); so a view that is not Terminating is never a deleted pod, and is written whatever
 * its name held before. A replacement created before the mirror saw its predecessor go (deleted, gone and replaced
 * within one slice) is told by the simulation's {@link SimEvent.PodCreated}: the predecessor's object is deleted and
 * the replacement created, with its own times.
 */
final class PodMirror {
    private final KubernetesClient client;
    private final SimulationSpec spec;
    private final Consumer<String> log;
    /** Where the pods' times go on the reader's clock. */
    private final ApiClock clock;
    /** The uid the API server gave each StatefulSet, by namespace and name: its pods' owner references carry it. */
    private final BiFunction<String, String, String> statefulSetUid;

    /** A pod as this mirror last wrote it: the simulation's view then, and the times written with it. */
    private record Written(PodView view, PodTimes times) { }

    /** The pod instance in the API under each namespace/name this mirror wrote and has not removed → what it wrote. */
    private final Map<String, Written> podsInApi = new TreeMap<>();
    /**
     * When each pod's readiness last changed since the last sync, by namespace/name, as the simulation announced it:
     * the exact time for its Ready condition, where the sync's own time would be up to a slice late.
     */
    private final Map<String, Long> readinessChangedAt = new TreeMap<>();
    /** Pods the simulation created since the last sync, by namespace/name: new instances, whatever their name held. */
    private final Set<String> createdSinceSync = new TreeSet<>();

    PodMirror(KubernetesClient client, SimulationSpec spec, Consumer<String> log, ApiClock clock, BiFunction<String, String, String> statefulSetUid) {
        this.client = client;
        this.spec = spec;
        this.log = log;
        this.clock = clock;
        this.statefulSetUid = statefulSetUid;
    }

    /** Pods this mirror wrote that are no longer in the API (deleted there: the engine's restart) are deleted in the simulation. */
    void readBack(Simulation sim) {
        var inApi = new TreeSet<String>();
        for (Pod p : client.pods().inAnyNamespace().list().getItems()) inApi.add(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName());
        for (String key : List.copyOf(podsInApi.keySet())) {
            if (inApi.contains(key)) continue;
            PodView v = podsInApi.remove(key).view();
            deleteInSimulation(sim, v, key);
        }
    }

    /** Writes the simulation's pods: created, updated, and removed once they are deleted there. */
    void sync(Simulation sim) {
        var live = new TreeSet<String>();
        for (PodView p : sim.pods()) {
            String key = p.namespace() + "/" + p.name();
            if ("Terminating".equals(p.phase())) {
                // A terminating pod leaves the API's live set at once; Kubernetes lists it with a deletionTimestamp.
                if (podsInApi.remove(key) != null) delete(p);
                continue;
            }
            live.add(key);
            Written before = podsInApi.get(key);
            if (before != null && createdSinceSync.contains(key)) {
                // the object in the API is the pod this one replaced: it goes, as the API server deletes it, and this one is new
                podsInApi.remove(key);
                delete(p);
                before = null;
                log.accept("sim: pod " + key + " replaced by a new pod of that name");
            }
            if (before != null && p.equals(before.view())) continue;
            PodTimes times = PodTimes.next(before == null ? null : before.times(), p, readinessChangedAt.getOrDefault(key, sim.now()));
            DeploymentSpec s = p.deployment() == null ? null : deploymentSpec(spec, p.namespace(), p.deployment());
            Pod pod = MirroredObjects.pod(p, s, times, clock, s != null && s.stateful() ? statefulSetUid.apply(p.namespace(), p.deployment()) : null);
            if (before == null) client.pods().inNamespace(p.namespace()).resource(pod).create();
            else if (!updated(pod)) {
                // deleted through the API since the last read-back (the engine restarting it): the simulation deletes it too
                podsInApi.remove(key);
                deleteInSimulation(sim, p, key);
                continue;
            }
            podsInApi.put(key, new Written(p, times));
        }
        readinessChangedAt.clear();
        createdSinceSync.clear();
        for (String key : List.copyOf(podsInApi.keySet())) {
            if (live.contains(key)) continue;
            delete(podsInApi.remove(key).view());
        }
    }

    /** What the simulation did to its pods since the last sync: readiness changes (dated) and new pods. */
    void on(SimEvent event) {
        switch (event) {
            case SimEvent.PodReadinessChanged r -> readinessChangedAt.put(r.pod(), r.timeMillis());
            case SimEvent.PodCreated c -> {
                // a readiness change announced under this name before was its predecessor's
                readinessChangedAt.remove(c.pod());
                createdSinceSync.add(c.pod());
            }
            default -> { }
        }
    }

    /**
     * The simulation deletes the pod someone deleted through the API. It stays Terminating there until it is gone, so
     * {@link #sync} never writes it again; a replacement under its name is a pod of its own.
     */
    private void deleteInSimulation(Simulation sim, PodView v, String key) {
        if (sim.deletePod(v.namespace(), v.name(), "deleted through the API")) log.accept("api: pod " + key + " deleted → simulation deletes it");
    }

    private void delete(PodView p) { client.pods().inNamespace(p.namespace()).withName(p.name()).delete(); }

    /** Updates a pod in the API; false when it is not there any more (someone deleted it between two passes). */
    private boolean updated(Pod pod) {
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).update();
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) return false;
            throw e;
        }
    }
}
