package dev.homeostat.testbed.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homeostat.chaos.crd.ChaosMeshKinds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The experiments Chaos Mesh's controllers create for a Schedule's firing or a Workflow's step, as {@code sim serve}
 * writes them: owned by their parent (so the mirror does not read them back as the user's own), the parent's
 * embedded spec, and {@code status.experiment.containerRecords} naming the pods the simulation's fault hit
 * ({@code selectorKey: "."}) and a NetworkChaos's target pods ({@code ".Target"}), as Chaos Mesh records them.
 */
final class ChildExperiments {
    private ChildExperiments() { }

    /** The records Chaos Mesh writes once it has injected {@code pods} (and, for a NetworkChaos's target, {@code peers}). */
    static List<Map<String, Object>> records(Set<String> pods, Set<String> peers) {
        var out = new ArrayList<Map<String, Object>>();
        for (String pod : pods) out.add(record(pod, "."));
        for (String pod : peers) out.add(record(pod, ".Target"));
        return out;
    }

    private static Map<String, Object> record(String pod, String selectorKey) {
        var r = new LinkedHashMap<String, Object>();
        r.put("id", pod);
        r.put("selectorKey", selectorKey);
        r.put("phase", "Injected");
        r.put("injectedCount", 1);
        r.put("recoveredCount", 0);
        return r;
    }

    /** Creates {@code kind}/{@code name} owned by {@code parent}, or writes its records anew when it exists. True when created. */
    static boolean write(KubernetesClient client, HasMetadata parent, String kind, String name, JsonNode spec, Set<String> pods, Set<String> peers) {
        String namespace = parent.getMetadata().getNamespace();
        var context = new ResourceDefinitionContext.Builder().withGroup(ChaosMeshKinds.GROUP).withVersion("v1alpha1").withKind(kind)
                .withPlural(kind.toLowerCase(Locale.ROOT)).withNamespaced(true).build();
        var resources = client.genericKubernetesResources(context).inNamespace(namespace);
        Map<String, Object> status = Map.of("experiment", Map.of("desiredPhase", "Run", "containerRecords", records(pods, peers)));
        GenericKubernetesResource existing = resources.withName(name).get();
        if (existing != null) {
            existing.getAdditionalProperties().put("status", status);
            resources.resource(existing).update();
            return false;
        }
        resources.resource(new GenericKubernetesResourceBuilder().withApiVersion(ChaosMeshKinds.GROUP + "/v1alpha1").withKind(kind)
                .withNewMetadata().withName(name).withNamespace(namespace)
                .addNewOwnerReference().withApiVersion(parent.getApiVersion()).withKind(parent.getKind()).withName(parent.getMetadata().getName())
                .withUid(parent.getMetadata().getUid()).withController(true).endOwnerReference().endMetadata()
                .withAdditionalProperties(Map.of("spec", Serialization.jsonMapper().convertValue(spec, Map.class), "status", status)).build()).create();
        return true;
    }

    /** Whether {@code r} is an experiment a controller made for a Schedule or a Workflow step. */
    static boolean madeByController(HasMetadata r) {
        return r.getMetadata().getOwnerReferences().stream().anyMatch(o -> "WorkflowNode".equals(o.getKind()) || "Schedule".equals(o.getKind()));
    }

    /** The object's status as a map to write into, made when it has none. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> status(GenericKubernetesResource r) {
        Object s = r.getAdditionalProperties().get("status");
        Map<String, Object> out = s instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
        r.getAdditionalProperties().put("status", out);
        return out;
    }
}
