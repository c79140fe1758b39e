package dev.homeostat.testbed.serve;

import static dev.homeostat.testbed.serve.MirroredObjects.CONTROLLER_REVISION;
import static dev.homeostat.testbed.serve.MirroredObjects.controllerRevisionName;
import static dev.homeostat.testbed.serve.MirroredObjects.deploymentSpec;
import static dev.homeostat.testbed.serve.MirroredObjects.intOrString;
import static dev.homeostat.testbed.serve.MirroredObjects.observedGeneration;
import static dev.homeostat.testbed.serve.MirroredObjects.owner;
import static dev.homeostat.testbed.serve.MirroredObjects.template;

import dev.homeostat.simulator.Simulation;
import dev.homeostat.simulator.cluster.DeploymentView;
import dev.homeostat.simulator.spec.DeploymentSpec;
import dev.homeostat.simulator.spec.ServiceSpec;
import dev.homeostat.simulator.spec.SimulationSpec;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The scenario's StatefulSets ({@code kind: StatefulSet}) in the API as apps/v1 StatefulSets, so a live reader knows their
 * members hold state (the engine neither scales nor rolls one back) as the simulation's view says: the simulation's
 * replicas, ready and updated counts, its {@code maxUnavailable}, and a ControllerRevision per revision, named by
 * {@code status.updateRevision} and by each pod's {@code controller-revision-hash} label, from which a reader takes the
 * StatefulSet's and its pods' revisions. The pods themselves, owned by their StatefulSet, are {@link PodMirror}'s.
 *
 * <p>Sim → API only. What the engine may write to a StatefulSet's pods (a restart deletes one) is read back by
 * {@link PodMirror}; the live adapter never scales a StatefulSet, rolls one back or stamps its template for a restart
 * (its single-replica restart is a Deployment's), so nothing written to the StatefulSet itself is read back: the
 * simulation's is written over it at its next change.
 */
final class StatefulSetMirror {
    private final KubernetesClient client;
    private final SimulationSpec spec;
    /** Each StatefulSet as last written, by namespace/name. */
    private final Map<String, DeploymentView> inApi = new TreeMap<>();
    /** Each StatefulSet's uid as the API server assigned it, by namespace/name: its pods' and revisions' owner references carry it. */
    private final Map<String, String> uids = new TreeMap<>();
    /** Revisions written as ControllerRevisions, as namespace/name#revision. */
    private final Set<String> revisionsInApi = new TreeSet<>();

    StatefulSetMirror(KubernetesClient client, SimulationSpec spec) {
        this.client = client;
        this.spec = spec;
    }

    /** The uid of StatefulSet {@code namespace/name} in the API; null before it is written. */
    String uid(String namespace, String name) { return uids.get(namespace + "/" + name); }

    /** Writes what changed in the simulation's StatefulSets since the last pass: before their pods, which name them as owner. */
    void sync(Simulation sim) {
        for (DeploymentView d : sim.deployments()) {
            String key = d.namespace() + "/" + d.name();
            if (!d.stateful() || d.equals(inApi.get(key))) continue;
            DeploymentSpec s = deploymentSpec(spec, d.namespace(), d.name());
            Map<String, String> labels = s == null ? Map.of("app", d.name()) : s.labels();
            // a new revision's ControllerRevision first, as the controller creates it before naming it: a reader that sees
            // updateRevision finds it (the first one needs the StatefulSet's uid, so follows it)
            if (uids.containsKey(key)) writeRevision(d, s, labels);
            StatefulSet set = statefulSet(d, s, labels);
            StatefulSet written = uids.containsKey(key) ? client.apps().statefulSets().inNamespace(d.namespace()).resource(set).update()
                    : client.apps().statefulSets().inNamespace(d.namespace()).resource(set).create();
            uids.put(key, written.getMetadata().getUid());
            writeRevision(d, s, labels);
            inApi.put(key, d);
            observe(d, written);
        }
    }

    /**
     * The StatefulSet as its controller would have it: pods started in parallel (the simulation does not model
     * OrderedReady start-up), rolled {@code maxUnavailable} at a time. Mid-rollout the pods not yet updated are taken to
     * run the revision before the current one (the view counts them, not their revisions).
     */
    private StatefulSet statefulSet(DeploymentView d, DeploymentSpec s, Map<String, String> labels) {
        String update = controllerRevisionName(d.name(), d.revision());
        boolean rolling = d.updatedReplicas() < d.replicas() && d.rollbackTo() > 0;
        return new StatefulSetBuilder()
                .withNewMetadata().withName(d.name()).withNamespace(d.namespace()).withLabels(labels).endMetadata()
                .withNewSpec().withReplicas(d.replicas()).withServiceName(serviceName(d)).withPodManagementPolicy("Parallel")
                .withNewSelector().withMatchLabels(labels).endSelector()
                .withTemplate(template(s, d.name(), labels, d.revision()))
                .withNewUpdateStrategy().withType("RollingUpdate").withNewRollingUpdate().withPartition(0)
                .withMaxUnavailable(s == null ? null : intOrString(s.strategy().maxUnavailable())).endRollingUpdate().endUpdateStrategy()
                .endSpec()
                .withNewStatus().withReplicas(d.replicas()).withReadyReplicas(d.readyReplicas()).withAvailableReplicas(d.availableReplicas())
                .withUpdatedReplicas(d.updatedReplicas()).withUpdateRevision(update)
                .withCurrentRevision(rolling ? controllerRevisionName(d.name(), d.rollbackTo()) : update)
                .withCurrentReplicas(rolling ? d.replicas() - d.updatedReplicas() : d.updatedReplicas())
                .endStatus().build();
    }

    /** The governing Service Kubernetes requires of a StatefulSet: the scenario's Service in front of it, else one of its name. */
    private String serviceName(DeploymentView d) {
        return spec.cluster().services().stream().filter(v -> v.namespace().equals(d.namespace()) && v.deployment().equals(d.name()))
                .map(ServiceSpec::name).findFirst().orElse(d.name());
    }

    /** A ControllerRevision per revision, holding its pod template as the controller keeps it ({@code data}: the template patch). */
    private void writeRevision(DeploymentView d, DeploymentSpec s, Map<String, String> labels) {
        if (!revisionsInApi.add(d.namespace() + "/" + d.name() + "#" + d.revision())) return;
        String name = controllerRevisionName(d.name(), d.revision());
        client.apps().controllerRevisions().inNamespace(d.namespace()).resource(new ControllerRevisionBuilder()
                .withNewMetadata().withName(name).withNamespace(d.namespace()).withLabels(labels).addToLabels(CONTROLLER_REVISION, name)
                .withOwnerReferences(owner("StatefulSet", d.namespace(), d.name(), uid(d.namespace(), d.name()))).endMetadata()
                .withRevision((long) d.revision()).withData(Map.of("spec", Map.of("template", template(s, d.name(), labels, d.revision()))))
                .build()).create();
    }

    /** {@code status.observedGeneration} against the API server's generation, as far behind as the simulation's controller. */
    private void observe(DeploymentView d, StatefulSet written) {
        Long generation = written.getMetadata().getGeneration();
        if (generation == null) return;
        long observed = observedGeneration(generation, d);
        Long now = written.getStatus() == null ? null : written.getStatus().getObservedGeneration();
        if (now != null && now == observed) return;
        try {
            client.apps().statefulSets().inNamespace(d.namespace()).resource(new StatefulSetBuilder(written)
                    .editOrNewStatus().withObservedGeneration(observed).endStatus().build()).updateStatus();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) throw e;
            inApi.remove(d.namespace() + "/" + d.name()); // written through the API meanwhile: the next pass writes it whole again
        }
    }
}
