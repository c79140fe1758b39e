package dev.homeostat.chaos;

import dev.homeostat.units.GoDuration;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.homeostat.chaos.crd.ChaosMeshKinds;
import dev.homeostat.chaos.model.EmbeddedChaos;
import dev.homeostat.chaos.model.ScheduleSpec;
import dev.homeostat.simulator.fault.Fault;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Translates an experiment embedded in a Schedule or a Workflow template with the translator of its kind, as if it
 * were its own manifest named {@code faultName} and applied at {@code at}; errors name the embedded path. A Schedule
 * of {@code type: Workflow} runs the embedded workflow instead.
 */
final class EmbeddedExperiments {
    private final TranslatorRegistry registry;
    private final ObjectMapper mapper = new ObjectMapper();

    EmbeddedExperiments(TranslatorRegistry registry) { this.registry = registry; }

    /**
     * @param containerPath path of the holder of the embedded specs, e.g. {@code spec} or {@code spec.templates[2]}; its
     *                      {@code type} or {@code templateType} names the kind
     * @param length        replaces the embedded spec's {@code duration} when not null (a Workflow step's deadline)
     * @param cutAtMs       no fault runs past this (a Workflow deadline); {@link Long#MAX_VALUE} for none
     */
    List<Fault> translate(String kind, String containerPath, EmbeddedChaos embedding, ManifestContext ctx, String faultName, Duration at,
                          Duration length, long cutAtMs) {
        if (kind.equals("Workflow") && embedding instanceof ScheduleSpec s) {
            if (s.getWorkflow() == null) throw ctx.fail(containerPath + ".workflow", "required for type Workflow: the workflow to run at each firing (entry, templates)");
            List<Fault> faults = new WorkflowTranslator(registry).run(s.getWorkflow(), containerPath + ".workflow", faultName, ctx, at, cutAtMs);
            return cut(faults, cutAtMs, () -> faults);
        }
        String kindField = containerPath + (embedding instanceof ScheduleSpec ? ".type" : ".templateType");
        String field = EmbeddedChaos.FIELD_OF_KIND.get(kind);
        if (field == null) {
            var known = ChaosMeshKinds.find(kind);
            throw ctx.fail(kindField, known.isPresent() ? known.get().support().sentence() : "unknown kind \"" + kind + "\"; use one of " + EmbeddedChaos.KINDS);
        }
        List<String> present = embedding.presentEmbeddings();
        if (!present.contains(field))
            throw ctx.fail(containerPath + "." + field, "required: the " + kind + " spec to create, e.g. " + field + ": {action: …, …}");
        for (String other : present)
            if (!other.equals(field)) throw ctx.fail(containerPath + "." + other, "does not match " + kindField.substring(kindField.lastIndexOf('.') + 1)
                    + " " + kind + "; remove it or change the kind");
        FaultTranslator<?> translator = registry.find(kind).orElseThrow(() -> ctx.fail(kindField, "kind " + kind + " has no translator in this registry"));
        String specPath = containerPath + "." + field;
        List<Fault> faults = once(kind, translator, specPath, ctx, faultName, at, length);
        return cut(faults, cutAtMs, () -> once(kind, translator, specPath, ctx, faultName, at, Duration.ofMillis(cutAtMs - at.toMillis())));
    }

    /** The faults as they are, or translated again to end at {@code cutAtMs} when one runs past it. */
    private static List<Fault> cut(List<Fault> faults, long cutAtMs, java.util.function.Supplier<List<Fault>> shortened) {
        if (cutAtMs == Long.MAX_VALUE) return faults;
        for (Fault f : faults)
            if (f.start().plus(f.duration()).toMillis() > cutAtMs) return shortened.get();
        return faults;
    }

    private List<Fault> once(String kind, FaultTranslator<?> translator, String specPath, ManifestContext ctx, String faultName, Duration at, Duration duration) {
        JsonNode written = ctx.at(specPath);
        ObjectNode spec = written.isObject() ? (ObjectNode) written.deepCopy() : mapper.createObjectNode();
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
        ManifestContext embedded = ctx.embedded(specPath, faultName, at);
        RemoteClusterCheck.check(embedded);
        return DocumentTranslator.translateChecked(translator, model, embedded);
    }

    static Duration longest(List<Fault> faults) {
        Duration d = Duration.ZERO;
        for (Fault f : faults) if (f.duration().compareTo(d) > 0) d = f.duration();
        return d;
    }
}
