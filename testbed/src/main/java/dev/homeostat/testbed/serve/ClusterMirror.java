package dev.homeostat.testbed.serve;

import static dev.homeostat.testbed.serve.MirroredObjects.deploymentSpec;

import dev.homeostat.chaos.ChaosManifests;
import dev.homeostat.chaos.ManifestTranslator;
import dev.homeostat.chaos.TargetCluster;
import dev.homeostat.simulator.Simulation;
import dev.homeostat.simulator.events.SimEvent;
import dev.homeostat.simulator.cluster.NodeView;
import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.spec.DeploymentSpec;
import dev.homeostat.simulator.spec.ServiceSpec;
import dev.homeostat.simulator.spec.SimulationSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Keeps a Kubernetes API (the fabric8 mock server) in step with a {@link Simulation}, both ways. Sim → API:
 * nodes, Deployments (replicas, ready counts, strategy) with a ReplicaSet per revision (so pods have the owner chain the
 * engine and the chaos runner follow: {@link DeploymentMirror}), StatefulSets with a ControllerRevision per revision
 * ({@link StatefulSetMirror}), pods (phase, start time, Ready condition with its transition time, the
 * container's state and restarts, its probes; each instance as its own object, a StatefulSet's replacement too:
 * {@link PodMirror}), Services, PodDisruptionBudgets with their status ({@link PdbMirror}). API → sim: a mirrored pod someone deleted → {@link Simulation#deletePod}; a Deployment's {@code spec.replicas} changed →
 * {@link Simulation#scaleDeployment}; a node's {@code spec.unschedulable} changed (a drain's cordon, its lift) →
 * {@link Simulation#cordonNode} or {@link Simulation#uncordonNode}, and the simulation's own cordons the other way; a new Chaos Mesh resource → translated by {@link ChaosManifests} and
 * injected now ({@link Simulation#inject}), playing the Chaos Mesh controller's part (its status records the pods the
 * simulation's fault hit: {@link ChaosRecordMirror}).
 *
 * <p>Not thread-safe: one thread (the pacer of {@link SimServer}) calls {@link #readBack} and {@link #sync},
 * the only thread that touches the simulation.
 */
public final class ClusterMirror {
    /** The Chaos Mesh kinds read back from the API (the ones with a simulator translation). */
    static final List<Class<? extends HasMetadata>> CHAOS_KINDS = chaosKinds();

    /** The model of every kind the simulation translates, as the one registry lists them (a kind added there is mirrored too). */
    private static List<Class<? extends HasMetadata>> chaosKinds() {
        var registry = dev.homeostat.chaos.TranslatorRegistry.defaults();
        var out = new ArrayList<Class<? extends HasMetadata>>();
        for (String kind : registry.kinds()) out.add(registry.find(kind).orElseThrow().modelType());
        return List.copyOf(out);
    }

    private final KubernetesClient client;
    private final SimulationSpec spec;
    private final Consumer<String> log;
    /** The simulated cluster's translators: a resource whose remoteCluster names another cluster is not injected. */
    private final ManifestTranslator manifests;
    /** The pods, followed as instances: a StatefulSet's replacement is written under its predecessor's name. */
    private final PodMirror pods;
    private final Set<String> chaosSeen = new TreeSet<>();
    /** Each node's Ready condition as last written to the API. */
    private final Map<String, Boolean> nodeReadyInApi = new TreeMap<>();
    /** Each node's {@code spec.unschedulable} as the API last had it, written here or read back. */
    private final Map<String, Boolean> nodeCordonInApi = new TreeMap<>();
    /** A run-time Workflow's steps, as Chaos Mesh's WorkflowNodes. */
    private final WorkflowNodeMirror nodes;
    /** The pods each created experiment's faults hit, as Chaos Mesh's status records. */
    private final ChaosRecordMirror records;
    /** Deployments, their revisions' ReplicaSets, and what is written to them through the API. */
    private final DeploymentMirror deployments;
    /** StatefulSets and their revisions' ControllerRevisions. */
    private final StatefulSetMirror statefulSets;
    /** PodDisruptionBudgets and their status. */
    private final PdbMirror pdbs;
    private final List<String> injected = new ArrayList<>();
    /**
     * Faults of a resource that start later (a Schedule's firings, a Workflow's later steps), by the resource's
     * {@code Kind/namespace/name@uid}: held here and handed to the simulation only when due, so deleting the
     * resource stops them, as deleting a Schedule or Workflow does in Chaos Mesh. (The simulation cannot take back
     * a fault it was given; one already running lasts its duration.)
     */
    private final Map<String, List<Fault>> pending = new TreeMap<>();

    /** A mirror that writes the pods' times on the simulation's own time line ({@link ApiClock#SIMULATION}). */
    public ClusterMirror(KubernetesClient client, SimulationSpec spec, TargetCluster cluster, Consumer<String> log) {
        this(client, spec, cluster, log, ApiClock.SIMULATION);
    }

    ClusterMirror(KubernetesClient client, SimulationSpec spec, TargetCluster cluster, Consumer<String> log, ApiClock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.manifests = ChaosManifests.forCluster(Objects.requireNonNull(cluster, "cluster"));
        this.log = Objects.requireNonNull(log, "log");
        this.nodes = new WorkflowNodeMirror(client, log);
        this.records = new ChaosRecordMirror(client, log);
        this.deployments = new DeploymentMirror(client, spec, log);
        this.statefulSets = new StatefulSetMirror(client, spec);
        this.pdbs = new PdbMirror(client, spec);
        this.pods = new PodMirror(client, spec, log, Objects.requireNonNull(clock, "clock"), statefulSets::uid);
    }

    /**
     * Writes what never changes: nodes (labelled as the scenario and the kubelet label them), Services, the first
     * ReplicaSets; then the workloads, their pods and the PodDisruptionBudgets.
     */
    public void init(Simulation sim) {
        for (NodeView n : sim.nodes()) {
            client.nodes().resource(MirroredObjects.node(n, spec.cluster().nodes())).create();
            nodeReadyInApi.put(n.name(), n.ready());
            nodeCordonInApi.put(n.name(), false);
        }
        deployments.init();
        for (ServiceSpec s : spec.cluster().services()) {
            DeploymentSpec d = deploymentSpec(spec, s.namespace(), s.deployment());
            client.services().inNamespace(s.namespace()).resource(new ServiceBuilder()
                    .withNewMetadata().withName(s.name()).withNamespace(s.namespace()).endMetadata()
                    .withNewSpec().withSelector(d == null ? Map.of() : d.labels()).addNewPort().withPort(80).endPort().endSpec()
                    .build()).create();
        }
        sync(sim);
    }

    /** Applies what others wrote to the API since the last call; held faults are handed over once they start. */
    public void readBack(Simulation sim) {
        readBack(sim, sim.now());
    }

    /**
     * As {@link #readBack(Simulation)} when the simulation is about to run to {@code until}: held faults starting by
     * then are handed over now, so each starts at its own time rather than at the next slice.
     */
    public void readBack(Simulation sim, long until) {
        pods.readBack(sim);
        for (var node : client.nodes().list().getItems()) {
            // cordoned or uncordoned through the API (the engine's drain, or its lift): the simulated node follows
            String name = node.getMetadata().getName();
            boolean cordoned = node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
            Boolean mirrored = nodeCordonInApi.get(name);
            if (mirrored == null || mirrored == cordoned) continue;
            nodeCordonInApi.put(name, cordoned);
            if (cordoned ? sim.cordonNode(name) : sim.uncordonNode(name))
                log.accept("api: node " + name + (cordoned ? " cordoned" : " uncordoned") + " → simulation follows");
        }
        deployments.readBack(sim);
        var present = new TreeSet<String>();
        for (Class<? extends HasMetadata> kind : CHAOS_KINDS) {
            for (HasMetadata r : client.resources(kind).inAnyNamespace().list().getItems()) {
                // a Schedule's firing or a Workflow's step, made by the mirror as Chaos Mesh would: the simulation runs it already
                if (ChildExperiments.madeByController(r)) continue;
                String ref = r.getKind() + "/" + r.getMetadata().getNamespace() + "/" + r.getMetadata().getName();
                String id = ref + "@" + r.getMetadata().getUid();
                present.add(id);
                if (!chaosSeen.add(id)) continue;
                inject(sim, ref, id, r);
            }
        }
        for (String id : List.copyOf(pending.keySet())) {
            if (present.contains(id)) continue;
            int dropped = pending.remove(id).size();
            log.accept("api: " + id.substring(0, id.lastIndexOf('@')) + " deleted → " + dropped + " pending fault(s) dropped");
        }
        for (var e : pending.entrySet()) {
            for (var it = e.getValue().iterator(); it.hasNext(); ) {
                Fault f = it.next();
                if (f.start().toMillis() > until || sim.now() >= sim.endMillis()) continue; // not yet, or the run is over
                sim.inject(f);
                it.remove();
                log.accept("api: " + e.getKey().substring(0, e.getKey().lastIndexOf('@')) + " → " + f.name() + " starts at " + f.start());
            }
        }
        pending.values().removeIf(List::isEmpty);
    }

    private void inject(Simulation sim, String ref, String id, HasMetadata resource) {
        // Only what a manifest author writes: apiVersion, kind, metadata (name, namespace), spec.
        var node = Serialization.jsonMapper().valueToTree(resource);
        var doc = Serialization.jsonMapper().createObjectNode();
        doc.put("apiVersion", resource.getApiVersion());
        doc.put("kind", resource.getKind());
        doc.putObject("metadata").put("name", resource.getMetadata().getName()).put("namespace", resource.getMetadata().getNamespace());
        doc.set("spec", node.path("spec"));
        try {
            List<Fault> faults = manifests.translate(ref, Serialization.asYaml(doc), Duration.ofMillis(sim.now()));
            nodes.track(resource.getKind(), resource.getMetadata().getNamespace(), resource.getMetadata().getName(), node.path("spec"), faults);
            records.track(resource, faults);
            var later = new ArrayList<Fault>();
            for (Fault f : faults) {
                if (f.start().toMillis() <= sim.now()) sim.inject(f);
                else later.add(f);
            }
            if (!later.isEmpty()) pending.put(id, later);
            injected.add(ref);
            log.accept("api: " + ref + " created → " + (faults.size() - later.size()) + " fault(s) injected at " + Duration.ofMillis(sim.now())
                    + (later.isEmpty() ? "" : ", " + later.size() + " held until they start (first at " + later.getFirst().start() + ")"));
        } catch (IllegalArgumentException | IllegalStateException e) {
            log.accept("api: " + ref + " not injected: " + e.getMessage());
        }
    }

    /** Writes the simulation's current state: nodes' conditions and cordons, workloads' counts, pods created, updated and removed, budgets' status. */
    public void sync(Simulation sim) {
        nodes.flush();
        records.flush();
        for (NodeView n : sim.nodes()) {
            // a failed node (a scenario's node-failure, a stopped cloud machine) turns NotReady in the API too
            if (Boolean.valueOf(n.ready()).equals(nodeReadyInApi.get(n.name()))) continue;
            String status = n.ready() ? "True" : "False";
            client.nodes().withName(n.name()).edit(node -> new io.fabric8.kubernetes.api.model.NodeBuilder(node).editStatus()
                    .withConditions(new io.fabric8.kubernetes.api.model.NodeConditionBuilder().withType("Ready").withStatus(status).build()).endStatus().build());
            nodeReadyInApi.put(n.name(), n.ready());
        }
        for (NodeView n : sim.nodes()) {
            // a scenario's maintenance drain cordons the node in the API too, and its end uncordons it
            if (Boolean.valueOf(n.unschedulable()).equals(nodeCordonInApi.get(n.name()))) continue;
            client.nodes().withName(n.name()).edit(node -> new io.fabric8.kubernetes.api.model.NodeBuilder(node)
                    .editOrNewSpec().withUnschedulable(n.unschedulable()).endSpec().build());
            nodeCordonInApi.put(n.name(), n.unschedulable());
        }
        deployments.sync(sim); // first: a pod of a new revision names that revision's ReplicaSet as its owner
        statefulSets.sync(sim); // and a StatefulSet's pod its StatefulSet, by the uid the API server gave it
        pods.sync(sim);
        pdbs.sync(sim); // last: a budget's status counts the pods as written

    }

    /**
     * What the simulation did (faults starting, a run-time Workflow's steps ending, pods' readiness changing, pods
     * created); written to the API at the next {@link #sync}. Without them a pod's Ready condition is dated at the sync,
     * and a StatefulSet's pod replaced between two syncs is taken for its predecessor.
     */
    public void on(SimEvent event) {
        pods.on(event);
        nodes.on(event);
        records.on(event);
    }

    /** The Chaos Mesh resources injected so far, as {@code Kind/namespace/name}, in order. */
    public List<String> injected() { return List.copyOf(injected); }

}
