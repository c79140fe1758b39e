package dev.homeostat.testbed.serve;

import dev.homeostat.chaos.ManifestContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.homeostat.chaos.crd.ChaosMeshKinds;
import dev.homeostat.chaos.model.Schedule;
import dev.homeostat.chaos.model.Workflow;
import dev.homeostat.simulator.events.SimEvent;
import dev.homeostat.simulator.fault.Fault;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
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
 * under {@code selectorKey: ".Target"}, as Chaos Mesh writes them whatever the direction. A Schedule's firing is the
 * experiment Chaos Mesh's schedule controller creates for it ({@code <schedule>-<n>}, owned by the Schedule, listed in
 * its {@code status.active}, the latest {@code historyLimit} of them), with its records; a Schedule of Workflows is left
 * as it is, and a Workflow's steps are {@link WorkflowNodeMirror}'s. Writes wait for {@link #flush()} (the mirror's
 * sync, same thread).
 */
final class ChaosRecordMirror {
    private static final ResourceDefinitionContext SCHEDULES = new ResourceDefinitionContext.Builder().withGroup(ChaosMeshKinds.GROUP)
            .withVersion("v1alpha1").withKind("Schedule").withPlural("schedules").withNamespaced(true).build();

    /** A created experiment, or ({@code firing} non-null) one firing of a created Schedule. */
    private record Resource(Class<? extends HasMetadata> type, String namespace, String name, String firing) { }

    /** What a Schedule's firings are made of: its type and the embedded spec each firing's experiment carries. */
    private record Firings(String kind, JsonNode spec, int historyLimit) { }

    private final KubernetesClient client;
    private final Consumer<String> log;
    private final Map<String, Resource> byFault = new HashMap<>();
    private final Map<String, Firings> schedules = new HashMap<>();
    private final Map<Resource, Set<String>> injected = new HashMap<>();
    private final Map<Resource, Set<String>> peers = new HashMap<>();
    private final Set<Resource> dirty = new LinkedHashSet<>();

    ChaosRecordMirror(KubernetesClient client, Consumer<String> log) {
        this.client = client;
        this.log = log;
    }

    /** {@code resource} was translated into {@code faults}: each fault's pods are its records once it starts. */
    void track(HasMetadata resource, Iterable<Fault> faults) {
        if (resource instanceof Workflow) return;
        String ns = resource.getMetadata().getNamespace(), name = resource.getMetadata().getName();
        if (resource instanceof Schedule s) {
            JsonNode spec = Serialization.jsonMapper().valueToTree(s).path("spec");
            var kind = ChaosMeshKinds.find(spec.path("type").asText()).filter(k -> k.embedField() != null && !k.name().equals("Workflow"));
            if (kind.isEmpty()) return;
            schedules.put(ns + "/" + name, new Firings(kind.get().name(), spec.path(kind.get().embedField()), Math.max(1, spec.path("historyLimit").asInt(1))));
            // a firing's faults are named <schedule>-<n>, and #k for each of several (a netem's delay and loss)
            for (Fault f : faults) byFault.put(f.name(), new Resource(resource.getClass(), ns, name, ManifestContext.experimentName(f.name())));
            return;
        }
        var r = new Resource(resource.getClass(), ns, name, null);
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
                if (r.firing() == null) own(r);
                else firing(r);
            } catch (KubernetesClientException | com.fasterxml.jackson.core.JsonProcessingException e) {
                log.accept("api: could not write the records of " + r.namespace() + "/" + (r.firing() == null ? r.name() : r.firing()) + ": " + e.getMessage());
            }
        }
        dirty.clear();
    }

    private void own(Resource r) throws com.fasterxml.jackson.core.JsonProcessingException {
        HasMetadata live = client.resources(r.type()).inNamespace(r.namespace()).withName(r.name()).get();
        if (live == null) return; // deleted through the API meanwhile
        ObjectNode json = Serialization.jsonMapper().valueToTree(live);
        ObjectNode experiment = json.putObject("status").putObject("experiment");
        experiment.put("desiredPhase", "Run");
        experiment.set("containerRecords", Serialization.jsonMapper().valueToTree(ChildExperiments.records(injected.get(r), peers.get(r))));
        client.resource(Serialization.jsonMapper().treeToValue(json, r.type())).inNamespace(r.namespace()).update();
        log.accept("api: " + live.getKind() + " " + r.namespace() + "/" + r.name() + " records " + injected.get(r).size() + " injected pod(s)");
    }

    /** A firing's experiment with its records; a new one joins the Schedule's {@code status.active}, the oldest beyond its history leave. */
    private void firing(Resource r) {
        GenericKubernetesResource schedule = client.genericKubernetesResources(SCHEDULES).inNamespace(r.namespace()).withName(r.name()).get();
        if (schedule == null) return; // deleted through the API meanwhile
        Firings firings = schedules.get(r.namespace() + "/" + r.name());
        if (!ChildExperiments.write(client, schedule, firings.kind(), r.firing(), firings.spec(), injected.get(r), peers.get(r))) return;
        var active = new ArrayList<Object>(ChildExperiments.status(schedule).get("active") instanceof List<?> l ? l : List.of());
        var ref = new LinkedHashMap<String, Object>();
        ref.put("apiVersion", ChaosMeshKinds.GROUP + "/v1alpha1");
        ref.put("kind", firings.kind());
        ref.put("name", r.firing());
        ref.put("namespace", r.namespace());
        active.add(ref);
        ChildExperiments.status(schedule).put("active", List.copyOf(active.subList(Math.max(0, active.size() - firings.historyLimit()), active.size())));
        client.genericKubernetesResources(SCHEDULES).inNamespace(r.namespace()).resource(schedule).update();
        log.accept("api: Schedule " + r.namespace() + "/" + r.name() + " created " + firings.kind() + " " + r.firing() + ", records "
                + injected.get(r).size() + " injected pod(s)");
    }
}
