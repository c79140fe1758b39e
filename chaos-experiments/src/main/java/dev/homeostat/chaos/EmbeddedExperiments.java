package dev.homeostat.chaos;

import dev.homeostat.units.GoDuration;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.homeostat.chaos.model.EmbeddedChaos;
import dev.homeostat.simulator.fault.Fault;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Translates an experiment embedded in a Schedule or Workflow with the translator of its kind, as if it
 * were its own manifest named {@code faultName} and applied at {@code at}; errors name the embedded path.
 */
final class EmbeddedExperiments {
    private final TranslatorRegistry registry;
    private final ObjectMapper mapper = new ObjectMapper();

    EmbeddedExperiments(TranslatorRegistry registry) { this.registry = registry; }

    /**
     * @param kindField path of the field naming the kind ({@code spec.type} or {@code spec.templates[i].templateType})
     * @param embedding the holder of the embedded specs; exactly the one of {@code kind} must be present
     * @param containerPath path of that holder, e.g. {@code spec} or {@code spec.templates[2]}
     * @param duration replaces the embedded spec's {@code duration} when not null (a Workflow deadline)
     */
    List<Fault> translate(String kind, String kindField, EmbeddedChaos embedding, String containerPath, ManifestContext ctx,
                          String faultName, Duration at, Duration duration) {
        String field = EmbeddedChaos.FIELD_OF_KIND.get(kind);
        if (field == null) throw ctx.fail(kindField, "kind " + kind + " is not modelled; use one of " + EmbeddedChaos.KINDS);
        if (!embedding.getAdditionalProperties().isEmpty())
            ctx.rejectUnknownFields(containerPath, embedding.getAdditionalProperties(),
                    EmbeddedChaos.KINDS.stream().map(EmbeddedChaos.FIELD_OF_KIND::get).toList());
        List<String> present = embedding.presentEmbeddings();
        if (!present.contains(field))
            throw ctx.fail(containerPath + "." + field, "required: the " + kind + " spec to create, e.g. " + field + ": {action: ..., mode: one, selector: ...}");
        for (String other : present)
            if (!other.equals(field)) throw ctx.fail(containerPath + "." + other, "does not match " + kindField + " " + kind + "; remove it or change the kind");
        FaultTranslator<?> translator = registry.find(kind).orElseThrow(() -> ctx.fail(kindField, "kind " + kind + " has no translator registered"));
        String specPath = containerPath + "." + field;
        ObjectNode spec = (ObjectNode) ctx.raw().at(YamlPaths.pointer(specPath)).deepCopy();
        if (duration != null) spec.put("duration", GoDuration.format(duration));
        ObjectNode root = mapper.createObjectNode();
        root.put("apiVersion", ManifestTranslator.API_VERSION);
        root.put("kind", kind);
        root.putObject("metadata").put("name", faultName).put("namespace", ctx.namespace());
        root.set("spec", spec);
        HasMetadata model;
        try {
            model = mapper.treeToValue(root, translator.modelType());
        } catch (IOException e) {
            throw ctx.fail(specPath, "cannot read as " + kind + ": " + e.getMessage());
        }
        return ManifestTranslator.translateTyped(translator, model, ctx.embedded(specPath, faultName, at));
    }

    static Duration longest(List<Fault> faults) {
        Duration d = Duration.ZERO;
        for (Fault f : faults) if (f.duration().compareTo(d) > 0) d = f.duration();
        return d;
    }

    static boolean hasDuration(JsonNode embeddedSpec) { return embeddedSpec.has("duration"); }
}
