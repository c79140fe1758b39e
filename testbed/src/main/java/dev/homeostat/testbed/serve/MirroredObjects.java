package dev.homeostat.testbed.serve;

import dev.homeostat.simulator.cluster.DeploymentView;
import dev.homeostat.simulator.cluster.NodeView;
import dev.homeostat.simulator.cluster.PodView;
import dev.homeostat.simulator.fault.PodSelector;
import dev.homeostat.simulator.spec.ContainerSpec;
import dev.homeostat.simulator.spec.DeploymentSpec;
import dev.homeostat.simulator.spec.IntOrPercent;
import dev.homeostat.simulator.spec.NodeSpec;
import dev.homeostat.simulator.spec.ProbeSpec;
import dev.homeostat.simulator.spec.SimulationSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a simulated object looks like in the mirrored API: Nodes, Pods, the names, annotations, images and pod templates
 * the mirror's workloads and their revisions carry. {@link ClusterMirror} decides when to write and read them back.
 */
final class MirroredObjects {
    /** The revision annotation the Deployment controller writes on Deployments and ReplicaSets. */
    static final String REVISION = "deployment.kubernetes.io/revision";

    private MirroredObjects() { }

    /** Each simulated revision is a distinct pod template, told apart by its image tag. */
    static String image(int revision) { return "homeostat/simulated:rev-" + revision; }

    static String replicaSetName(String deployment) { return deployment + "-sim"; }

    /**
     * The ControllerRevision of a StatefulSet's revision ({@link StatefulSetMirror} writes one per revision): what its
     * pods' {@code controller-revision-hash} label and its {@code status.updateRevision} name.
     */
    static String controllerRevisionName(String statefulSet, int revision) { return statefulSet + "-sim-rev" + revision; }

    /** The label the StatefulSet controller puts on each pod: the name of the ControllerRevision it was created from. */
    static final String CONTROLLER_REVISION = "controller-revision-hash";

    /** The ReplicaSet of a Deployment's revision ({@link DeploymentMirror} writes one per revision): a pod's owner. */
    static String replicaSetName(String deployment, int revision) {
        return revision <= 1 ? replicaSetName(deployment) : replicaSetName(deployment) + "-rev" + revision;
    }

    /** The scenario's Deployment or StatefulSet of that name, or {@code null} (a pod of neither). */
    static DeploymentSpec deploymentSpec(SimulationSpec spec, String namespace, String name) {
        for (DeploymentSpec d : spec.cluster().deployments()) if (d.namespace().equals(namespace) && d.name().equals(name)) return d;
        return null;
    }

    /**
     * A Node with the scenario's labels and {@code kubernetes.io/hostname} as the kubelet labels it, so a Chaos Mesh
     * {@code nodeSelectors} picks the same pods through the API as in the simulation.
     */
    static Node node(NodeView n, List<NodeSpec> specs) {
        var labels = new TreeMap<String, String>();
        NodeSpec spec = specs.stream().filter(s -> s.name().equals(n.name())).findFirst().orElse(null);
        if (spec != null) labels.putAll(spec.labels());
        labels.put(PodSelector.HOSTNAME, n.name());
        return new NodeBuilder().withNewMetadata().withName(n.name()).withLabels(labels).endMetadata()
                .withNewSpec().withProviderID(spec == null ? null : spec.providerID()).endSpec()
                .withNewStatus()
                .addToAllocatable("cpu", new Quantity(Double.toString(n.cpuAllocatable())))
                .addToAllocatable("memory", new Quantity(Long.toString(n.memoryAllocatable())))
                .addNewCondition().withType("Ready").withStatus(n.ready() ? "True" : "False").endCondition()
                .endStatus().build();
    }

    /**
     * The pod {@code p} of workload {@code s} (null for a pod of none), its start and Ready condition at {@code times}
     * on the API's {@code clock}. A Deployment's pod is owned by its revision's ReplicaSet; a StatefulSet's by its
     * StatefulSet ({@code statefulSetUid}, as the API server assigned it; null before) and labelled with its revision's
     * ControllerRevision, as the StatefulSet controller creates it.
     */
    static Pod pod(PodView p, DeploymentSpec s, PodTimes times, ApiClock clock, String statefulSetUid) {
        var b = new PodBuilder().withNewMetadata().withName(p.name()).withNamespace(p.namespace()).withLabels(p.labels());
        if (s != null && !s.annotations().isEmpty()) b.withAnnotations(s.annotations());
        if (s != null && s.stateful()) {
            b.addToLabels(CONTROLLER_REVISION, controllerRevisionName(p.deployment(), p.revision()))
                    .addToLabels("statefulset.kubernetes.io/pod-name", p.name())
                    .withOwnerReferences(owner("StatefulSet", p.namespace(), p.deployment(), statefulSetUid));
        } else if (p.deployment() != null) {
            // owned by its revision's ReplicaSet, from which a reader takes the pod's revision (new pods crash-looping)
            String owner = replicaSetName(p.deployment(), p.revision());
            b.withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("ReplicaSet")
                    .withName(owner).withUid("uid-rs-" + p.namespace() + "-" + p.deployment() + (p.revision() <= 1 ? "" : "-rev" + p.revision())).withController(true).build());
        }
        String container = containerName(s, p.deployment());
        return b.endMetadata()
                .withNewSpec().withNodeName(p.node()).addToContainers(container(s, container, "homeostat/simulated")).endSpec()
                .withNewStatus().withPhase(p.phase()).withStartTime(times.startMillis() < 0 ? null : clock.timestamp(times.startMillis()))
                .withConditions(new PodConditionBuilder().withType("Ready").withStatus(p.ready() ? "True" : "False")
                        .withLastTransitionTime(clock.timestamp(times.readySinceMillis())).build())
                .withContainerStatuses(containerStatus(p, container, clock))
                .endStatus().build();
    }

    /** The kubelet's reason while it creates a container, before the container first runs. */
    static final String CONTAINER_CREATING = "ContainerCreating";

    /**
     * The container's status as the kubelet writes it, from what the view knows: running since its current container
     * started ({@code state.running.startedAt}, moved on every restart, where the pod's startTime stays), else waiting
     * for the view's reason ({@code CrashLoopBackOff}), else being created on its node. A pod no node has taken has no
     * state yet (the kubelet has not seen it). No {@code lastState}: the view does not say why the last container ended.
     */
    static ContainerStatus containerStatus(PodView p, String container, ApiClock clock) {
        var b = new ContainerStatusBuilder().withName(container).withReady(p.ready()).withRestartCount(p.restarts());
        if (p.startedAtMillis() >= 0) b.withNewState().withNewRunning().withStartedAt(clock.timestamp(p.startedAtMillis())).endRunning().endState();
        else if (p.waitingReason() != null) b.withNewState().withNewWaiting().withReason(p.waitingReason()).endWaiting().endState();
        else if (p.node() != null && !p.node().isBlank()) b.withNewState().withNewWaiting().withReason(CONTAINER_CREATING).endWaiting().endState();
        return b.build();
    }

    /**
     * The scenario's container as a pod, or a pod template, carries it: with its probes, from which a live reader takes
     * how long the kubelet lets it start.
     */
    static Container container(DeploymentSpec s, String name, String image) {
        var b = new ContainerBuilder().withName(name).withImage(image);
        ContainerSpec c = s == null ? null : s.container();
        if (c == null) return b.build();
        return b.withStartupProbe(probe(c.startupProbe(), "/healthz")).withLivenessProbe(probe(c.livenessProbe(), "/healthz"))
                .withReadinessProbe(probe(c.readinessProbe(), "/readyz")).build();
    }

    /**
     * A probe as httpGet on port 8080: the simulated container stands for an HTTP service. Nothing calls it (the
     * simulation's kubelet decides each probe's outcome); its timing fields are what a reader uses.
     */
    private static Probe probe(ProbeSpec p, String path) {
        if (p == null) return null;
        return new ProbeBuilder().withNewHttpGet().withPath(path).withPort(new IntOrString(8080)).endHttpGet()
                .withInitialDelaySeconds(seconds(p.initialDelay())).withPeriodSeconds(seconds(p.period()))
                .withTimeoutSeconds(seconds(p.timeout())).withFailureThreshold(p.failureThreshold())
                .withSuccessThreshold(p.successThreshold()).build();
    }

    /** Kubernetes counts probe times in whole seconds: a fraction rounds up, so a reader never allows less than the simulation. */
    private static int seconds(Duration d) { return Math.toIntExact(Math.ceilDiv(d.toMillis(), 1000L)); }

    static String containerName(DeploymentSpec s, String fallback) {
        return s != null && s.container() != null && s.container().name() != null ? s.container().name() : fallback;
    }

    /** The controller reference to a Deployment; {@code uid} null before the API server has assigned one. */
    static OwnerReference owner(String namespace, String deployment, String uid) {
        return owner("Deployment", namespace, deployment, uid);
    }

    /** The controller reference to a workload of {@code kind} (apps/v1); {@code uid} null before the API server has assigned one. */
    static OwnerReference owner(String kind, String namespace, String name, String uid) {
        return new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind(kind).withName(name)
                .withUid(uid == null ? "uid-" + namespace + "-" + name : uid).withController(true).build();
    }

    /**
     * The pod template of a workload's revision: its pods' labels, and the scenario's container with its probes under the
     * revision's image, as each revision's ReplicaSet or ControllerRevision keeps it.
     */
    static PodTemplateSpec template(DeploymentSpec s, String workload, Map<String, String> labels, int revision) {
        return new PodTemplateSpecBuilder().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().addToContainers(container(s, containerName(s, workload), image(revision))).endSpec().build();
    }

    /** A count or a percentage as Kubernetes' IntOrString holds it: an int, or a string such as "25%". */
    static IntOrString intOrString(IntOrPercent v) {
        return v == null ? null : v.percent() ? new IntOrString(v.value() + "%") : new IntOrString(v.value());
    }

    /**
     * The API server keeps {@code metadata.generation} itself (it counts spec writes, this mirror's included), so a
     * workload's {@code status.observedGeneration} is written against it, as far behind as the simulation's controller
     * is: without it a settled workload would look mid-rollout to the engine's rollout guard.
     */
    static long observedGeneration(long generation, DeploymentView d) {
        return Math.max(0, generation - (d.generation() - d.observedGeneration()));
    }
}
