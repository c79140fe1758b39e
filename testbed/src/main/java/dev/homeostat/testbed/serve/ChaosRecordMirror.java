package dev.homeostat.testbed.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.homeostat.chaos.model.Schedule;
import dev.homeostat.chaos.model.Workflow;
import dev.homeostat.simulator.events.SimEvent;
import dev.homeostat.simulator.fault.Fault;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Chaos Mesh's record of what it injected, for the experiments the simulation runs: when a fault of a created
 * experiment starts, the pods the simulation's fault hit ({@link SimEvent.FaultStarted#pods()}) are written to the
 * resource's {@code status.experiment.containerRecords} as Chaos Mesh's controller writes them ({@code id: ns/pod},
 * {@code selectorKey: "."}, {@code phase: Injected}, {@code injectedCount: 1}), so a live chaos runner narrows its targets
 * to them as on a cluster; a NetworkChaos's {@code target} pods ({@link SimEvent.FaultStarted#peerPods()}) get records
 * under {@code selectorKey: ".Target"}, as Chaos Mesh writes them whatever the direction. A Schedule's or Workflow's records belong to the experiments Chaos Mesh creates for them,
 * which this mirror does not create: those have none. Writes wait for {@link #flush()} (the mirror's sync, same thread).
 */
final class ChaosRecordMirror {
    private record Resource(Class<? extends HasMetadata> type, String namespace, String name) { }

    private final KubernetesClient client;
    private final Consumer<String> log;
    private final Map<String, Resource> byFault = new HashMap<>();
    private final Map<Resource, Set<String>> injected = new HashMap<>();
    private final Map<Resource, Set<String>> peers = new HashMap<>();
    private final Set<Resource> dirty = new LinkedHashSet<>();

    ChaosRecordMirror(KubernetesClient client, Consumer<String> log) {
        this.client = client;
        this.log = log;
    }

    /** {@code resource} was translated into {@code faults}: each fault's pods are its records once it starts. */
    void track(HasMetadata resource, Iterable<Fault> faults) {
        if (resource instanceof Schedule || resource instanceof Workflow) return;
        var r = new Resource(resource.getClass(), resource.getMetadata().getNamespace(), resource.getMetadata().getName());
        for (Fault f : faults) byFault.put(f.name(), r);
    }

    void on(SimEvent event) {
        if (!(event instanceof SimEvent.FaultStarted f) || f.pods().isEmpty()) return;
        Resource r = byFault.get(f.fault());
        if (r == null) return;
        // one experiment may be several faults (a netem's delay and loss): its records are every pod they hit
        if (injected.computeIfAbsent(r, k -> new TreeSet<>()).addAll(f.pods())) dirty.add(r);
        if (peers.computeIfAbsent(r, k -> new TreeSet<>()).addAll(f.peerPods())) dirty.add(r);
    }

    /** Writes the records that changed since the last flush. */
    void flush() {
        for (Resource r : dirty) {
            try {
                HasMetadata live = client.resources(r.type()).inNamespace(r.namespace()).withName(r.name()).get();
                if (live == null) continue; // deleted through the API meanwhile
                ObjectNode json = Serialization.jsonMapper().valueToTree(live);
                ObjectNode experiment = json.putObject("status").putObject("experiment");
                experiment.put("desiredPhase", "Run");
                var records = experiment.putArray("containerRecords");
                for (String pod : injected.get(r)) record(records, pod, ".");
                for (String pod : peers.get(r)) record(records, pod, ".Target");
                client.resource(Serialization.jsonMapper().treeToValue(json, r.type())).inNamespace(r.namespace()).update();
                log.accept("api: " + live.getKind() + " " + r.namespace() + "/" + r.name() + " records " + injected.get(r).size() + " injected pod(s)");
            } catch (KubernetesClientException | com.fasterxml.jackson.core.JsonProcessingException e) {
                log.accept("api: could not write the records of " + r.namespace() + "/" + r.name() + ": " + e.getMessage());
            }
        }
        dirty.clear();
    }

    private static void record(com.fasterxml.jackson.databind.node.ArrayNode records, String pod, String selectorKey) {
        records.addObject().put("id", pod).put("selectorKey", selectorKey).put("phase", "Injected").put("injectedCount", 1).put("recoveredCount", 0);
    }
}
