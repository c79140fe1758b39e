package dev.homeostat.testbed.serve;

import static dev.homeostat.testbed.serve.MirroredObjects.REVISION;
import static dev.homeostat.testbed.serve.MirroredObjects.deploymentSpec;
import static dev.homeostat.testbed.serve.MirroredObjects.image;
import static dev.homeostat.testbed.serve.MirroredObjects.intOrString;
import static dev.homeostat.testbed.serve.MirroredObjects.observedGeneration;
import static dev.homeostat.testbed.serve.MirroredObjects.owner;
import static dev.homeostat.testbed.serve.MirroredObjects.replicaSetName;
import static dev.homeostat.testbed.serve.MirroredObjects.template;

import dev.homeostat.simulator.Simulation;
import dev.homeostat.simulator.cluster.DeploymentView;
import dev.homeostat.simulator.spec.DeploymentSpec;
import dev.homeostat.simulator.spec.RolloutSpec;
import dev.homeostat.simulator.spec.SimulationSpec;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The Deployments of a {@link ClusterMirror}, played as the Deployment controller plays them: the simulation's replicas,
 * revision and ready counts written with the scenario's strategy (a ReplicaSet per revision, {@code status.observedGeneration}
 * as far behind as the simulation's controller); a {@code spec.replicas} or an older revision's template written through the API read back
 * into the simulation as a scale or a rollback. Writes carry the resourceVersion last read back, so what the engine
 * wrote between two passes is read back, never overwritten.
 */
final class DeploymentMirror {
    /** The annotation {@code kubectl rollout restart} writes on the pod template. */
    static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

    private final KubernetesClient client;
    private final SimulationSpec spec;
    private final Consumer<String> log;
    private final Map<String, Integer> replicasInApi = new TreeMap<>();
    private final Map<String, DeploymentView> deploymentsInApi = new TreeMap<>();
    /**
     * Each Deployment's resourceVersion as this mirror last wrote it or read it back: a write carries it, so a spec
     * the engine (or kubectl) wrote since is met with a conflict instead of overwritten, and read back first.
     */
    private final Map<String, String> deploymentVersions = new TreeMap<>();
    /** The {@code kubectl.kubernetes.io/restartedAt} each Deployment's template had when last read back. */
    private final Map<String, String> restartedAt = new TreeMap<>();
    /** Revisions this mirror has written a ReplicaSet for, as namespace/name#revision. */
    private final Set<String> revisionsInApi = new TreeSet<>();
    /** Deployment uids as the API server assigned them, by namespace/name. */
    private final Map<String, String> uids = new TreeMap<>();

    DeploymentMirror(KubernetesClient client, SimulationSpec spec, Consumer<String> log) {
        this.client = client;
        this.spec = spec;
        this.log = log;
    }

    /** The first revision's ReplicaSets, written before any Deployment so pods find their owner chain. */
    void init() {
        for (DeploymentSpec d : spec.cluster().deployments()) {
            if (d.stateful()) continue; // a StatefulSet owns its pods itself: StatefulSetMirror
            client.apps().replicaSets().inNamespace(d.namespace()).resource(new ReplicaSetBuilder()
                    .withNewMetadata().withName(replicaSetName(d.name())).withNamespace(d.namespace()).withLabels(d.labels())
                    .withOwnerReferences(owner(d.namespace(), d.name(), null))
                    .addToAnnotations(REVISION, "1")
                    .endMetadata()
                    .withNewSpec().withReplicas(d.replicas()).withNewSelector().withMatchLabels(d.labels()).endSelector()
                    .withTemplate(template(d, d.name(), d.labels(), 1)).endSpec()
                    .build()).create();
            revisionsInApi.add(d.namespace() + "/" + d.name() + "#1");
            if (d.hpa() != null) autoscaler(d);
        }
    }

    /**
     * The HorizontalPodAutoscaler of a Deployment that has one, named as it (as {@code kubectl autoscale} names it): its
     * spec only, so the live engine reads the range the simulation's autoscaler keeps, as the engine in simulation does.
     * It targets the Deployment object this mirror writes, a StatefulSet's too.
     */
    private void autoscaler(DeploymentSpec d) {
        client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(d.namespace()).resource(new HorizontalPodAutoscalerBuilder()
                .withNewMetadata().withName(d.name()).withNamespace(d.namespace()).endMetadata()
                .withNewSpec().withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment")
                .withName(d.name()).endScaleTargetRef()
                .withMinReplicas(d.hpa().minReplicas()).withMaxReplicas(d.hpa().maxReplicas())
                .addNewMetric().withType("Resource").withNewResource().withName("cpu").withNewTarget().withType("Utilization")
                .withAverageUtilization((int) Math.round(d.hpa().targetCpuUtilization() * 100)).endTarget().endResource().endMetric()
                .endSpec().build()).create();
    }

    /** Applies a scale or rollback written through the API since the last pass. */
    void readBack(Simulation sim) {
        for (Deployment d : client.apps().deployments().inAnyNamespace().list().getItems()) {
            String key = d.getMetadata().getNamespace() + "/" + d.getMetadata().getName();
            Integer wanted = d.getSpec() == null ? null : d.getSpec().getReplicas();
            rollbackIfTemplateWentBack(sim, key, d);
            restartIfAsked(sim, key, d);
            Integer mirrored = replicasInApi.get(key);
            if (wanted != null && mirrored != null && !wanted.equals(mirrored)) {
                replicasInApi.put(key, wanted);
                if (sim.scaleDeployment(d.getMetadata().getNamespace(), d.getMetadata().getName(), wanted))
                    log.accept("api: deployment " + key + " scaled " + mirrored + " → " + wanted);
            }
            if (deploymentVersions.containsKey(key)) deploymentVersions.put(key, d.getMetadata().getResourceVersion());
        }
    }

    /** Writes what changed in the simulation's Deployments since the last pass. */
    void sync(Simulation sim) {
        for (DeploymentView d : sim.deployments()) {
            String key = d.namespace() + "/" + d.name();
            if (d.stateful() || d.equals(deploymentsInApi.get(key))) continue;
            DeploymentSpec s = deploymentSpec(spec, d.namespace(), d.name());
            Map<String, String> labels = s == null ? Map.of("app", d.name()) : s.labels();
            Deployment dep = new DeploymentBuilder()
                    .withNewMetadata().withName(d.name()).withNamespace(d.namespace()).withLabels(labels)
                    .withUid("uid-" + d.namespace() + "-" + d.name()).addToAnnotations(REVISION, Integer.toString(d.revision())).endMetadata()
                    .withNewSpec().withReplicas(d.replicas()).withNewSelector().withMatchLabels(labels).endSelector()
                    .withStrategy(strategy(s)).withTemplate(template(s, d.name(), labels, d.revision())).endSpec()
                    .withNewStatus().withReplicas(d.replicas()).withReadyReplicas(d.readyReplicas()).withAvailableReplicas(d.availableReplicas())
                    .withUpdatedReplicas(d.updatedReplicas())
                    .endStatus().build();
            Deployment written;
            if (deploymentsInApi.containsKey(key)) {
                // The new revision's ReplicaSet first, as the Deployment controller creates it before it annotates the
                // Deployment: a reader that sees revision N on the Deployment finds its ReplicaSet.
                writeRevision(d, labels, s);
                dep.getMetadata().setResourceVersion(deploymentVersions.get(key));
                written = updateUnlessChanged(dep);
                if (written == null) continue; // written through the API since it was read back: read back first, then write
            } else {
                // The API server gives the Deployment its own uid: the ReplicaSets' owner references must carry it.
                written = client.apps().deployments().inNamespace(d.namespace()).resource(dep).create();
                String uid = written.getMetadata().getUid();
                uids.put(key, uid);
                client.apps().replicaSets().inNamespace(d.namespace()).withName(replicaSetName(d.name())).edit(rs -> new ReplicaSetBuilder(rs)
                        .editMetadata().withOwnerReferences(owner(d.namespace(), d.name(), uid)).endMetadata().build());
            }
            deploymentVersions.put(key, observe(d, written));
            writeRevision(d, labels, s);
            deploymentsInApi.put(key, d);
            replicasInApi.put(key, d.replicas());
        }
    }

    /**
     * The scenario's RollingUpdate as the API server stores it, a field left out at its default (25 %): a live reader
     * resolves the pods a rollout may take down from it as the simulation does.
     */
    private static DeploymentStrategy strategy(DeploymentSpec s) {
        RolloutSpec r = s == null ? RolloutSpec.defaults() : s.strategy();
        IntOrString byDefault = new IntOrString("25%");
        return new DeploymentStrategyBuilder().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxSurge(r.maxSurge() == null ? byDefault : intOrString(r.maxSurge()))
                .withMaxUnavailable(r.maxUnavailable() == null ? byDefault : intOrString(r.maxUnavailable())).endRollingUpdate().build();
    }

    /** {@code status.observedGeneration} written against the API server's generation ({@link MirroredObjects#observedGeneration}). */
    private String observe(DeploymentView d, Deployment written) {
        String version = written.getMetadata().getResourceVersion();
        Long generation = written.getMetadata().getGeneration();
        if (generation == null) return version;
        long observed = observedGeneration(generation, d);
        Long now = written.getStatus() == null ? null : written.getStatus().getObservedGeneration();
        if (now != null && now == observed) return version;
        try {
            return client.apps().deployments().inNamespace(d.namespace()).resource(new DeploymentBuilder(written)
                    .editOrNewStatus().withObservedGeneration(observed).endStatus().build()).updateStatus().getMetadata().getResourceVersion();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) throw e;
            return version; // written through the API meanwhile: the next read back takes the newer version
        }
    }

    /** Writes {@code dep} at its resourceVersion, as a controller does; {@code null} when the API holds a newer one. */
    private Deployment updateUnlessChanged(Deployment dep) {
        try {
            return client.apps().deployments().inNamespace(dep.getMetadata().getNamespace()).resource(dep).update();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) throw e;
            return null;
        }
    }

    /** A ReplicaSet per revision (as the Deployment controller keeps them), so a rollback through the API finds the previous one. */
    private void writeRevision(DeploymentView d, Map<String, String> labels, DeploymentSpec s) {
        if (!revisionsInApi.add(d.namespace() + "/" + d.name() + "#" + d.revision())) return;
        client.apps().replicaSets().inNamespace(d.namespace()).resource(new ReplicaSetBuilder()
                .withNewMetadata().withName(replicaSetName(d.name(), d.revision())).withNamespace(d.namespace()).withLabels(labels)
                .withOwnerReferences(owner(d.namespace(), d.name(), uids.get(d.namespace() + "/" + d.name())))
                .addToAnnotations(REVISION, Integer.toString(d.revision()))
                .endMetadata()
                .withNewSpec().withReplicas(0).withNewSelector().withMatchLabels(labels).endSelector()
                .withTemplate(template(s, d.name(), labels, d.revision())).endSpec()
                .build()).create();
    }

    /**
     * {@code kubectl rollout undo} (or the engine's rollback) copies an older revision's template into the
     * Deployment: its image tag then names an older revision than the simulation's, and the simulation
     * rolls back as well.
     */
    private void rollbackIfTemplateWentBack(Simulation sim, String key, Deployment d) {
        DeploymentView mirrored = deploymentsInApi.get(key);
        if (mirrored == null || d.getSpec() == null || d.getSpec().getTemplate() == null || d.getSpec().getTemplate().getSpec() == null) return;
        var containers = d.getSpec().getTemplate().getSpec().getContainers();
        if (containers.isEmpty() || containers.getFirst().getImage() == null) return;
        String image = containers.getFirst().getImage();
        String prefix = image(0).substring(0, image(0).length() - 1);
        if (!image.startsWith(prefix)) return;
        int revision;
        try {
            revision = Integer.parseInt(image.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return; // not a template this mirror wrote: nothing it can map onto the simulation
        }
        if (revision >= mirrored.revision()) return;
        String ns = d.getMetadata().getNamespace(), name = d.getMetadata().getName();
        // The simulation's new revision differs from what was mirrored, so the next sync rewrites the Deployment.
        if (sim.rollback(ns, name, "rolled back through the API"))
            log.accept("api: deployment " + key + " rolled back to the template of revision " + revision);
    }

    /**
     * {@code kubectl rollout restart} (or the engine's restart of a single replica) stamps the template with a new
     * {@code kubectl.kubernetes.io/restartedAt}: the simulation restarts the Deployment's pods by a rollout too.
     */
    private void restartIfAsked(Simulation sim, String key, Deployment d) {
        var template = d.getSpec() == null ? null : d.getSpec().getTemplate();
        var annotations = template == null || template.getMetadata() == null ? null : template.getMetadata().getAnnotations();
        String stamp = annotations == null ? null : annotations.get(RESTARTED_AT);
        if (stamp == null || stamp.equals(restartedAt.get(key))) return;
        restartedAt.put(key, stamp);
        if (sim.rolloutRestart(d.getMetadata().getNamespace(), d.getMetadata().getName(), "restarted through the API"))
            log.accept("api: deployment " + key + " restarted (restartedAt " + stamp + ") → simulation rolls its pods");
    }
}
