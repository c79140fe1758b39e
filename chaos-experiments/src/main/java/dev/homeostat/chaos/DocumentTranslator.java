package dev.homeostat.chaos;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homeostat.chaos.crd.ChaosMeshKinds;
import dev.homeostat.chaos.crd.OrchestrationSchema;
import dev.homeostat.chaos.crd.SchemaCheck;
import dev.homeostat.chaos.crd.Shape;
import dev.homeostat.chaos.crd.Suggest;
import dev.homeostat.simulator.fault.Fault;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One YAML document → one experiment, or a skipped object. In order: the envelope (apiVersion, kind), the CRD schema
 * of the kind ({@link SchemaCheck}: unknown fields, types, refused fields), the model (fabric8's, or this module's for
 * Schedule and Workflow), metadata, the kind's {@link FaultTranslator}, and last the refusals deferred until the
 * document had no plainer error.
 */
final class DocumentTranslator {
    /** The only apiVersion Chaos Mesh serves its objects under. */
    static final String API_VERSION = ChaosMeshKinds.GROUP + "/v1alpha1";
    /** Chaos Mesh's annotation that pauses an experiment: nothing is injected while it is "true". */
    static final String PAUSE_ANNOTATION = "experiment.chaos-mesh.org/pause";

    /** A translated document: the experiment, or the object skipped. */
    sealed interface Outcome {
        record Translated(ChaosExperiment experiment, List<ManifestNote> notes) implements Outcome { }

        record Skipped(SkippedObject object) implements Outcome { }
    }

    private final TranslatorRegistry registry;
    private final TargetCluster cluster;
    private final ObjectMapper mapper = new ObjectMapper();

    DocumentTranslator(TranslatorRegistry registry, TargetCluster cluster) {
        this.registry = registry;
        this.cluster = cluster;
    }

    Outcome translate(String source, YamlDocument doc, Duration appliedAt, Horizon horizon) {
        JsonNode root = doc.root();
        if (!root.isObject())
            throw new ManifestException(source, doc.line(), "", "document " + doc.index()
                    + " is not a mapping; a Chaos Mesh manifest has apiVersion, kind, metadata and spec");
        JsonNode apiVersion = root.path("apiVersion");
        JsonNode kindNode = root.path("kind");
        String kind = kindNode.isTextual() ? kindNode.asText() : null;
        if (apiVersion.isTextual() && !apiVersion.asText().startsWith(ChaosMeshKinds.GROUP + "/")) {
            // A Chaos Mesh kind under another group is a mistake (Chaos Mesh 1.x's pingcap.com, a scaffold's group), not another object.
            if (kind != null && ChaosMeshKinds.find(kind).isPresent())
                throw fail(source, doc, "apiVersion", "\"" + apiVersion.asText() + "\" is not Chaos Mesh's API group; " + kind + " is served under " + API_VERSION);
            return new Outcome.Skipped(new SkippedObject(source, doc.line(), apiVersion.asText(), kind));
        }
        if (!apiVersion.isTextual())
            throw fail(source, doc, "apiVersion", "required: apiVersion: " + API_VERSION);
        if (!apiVersion.asText().equals(API_VERSION))
            throw fail(source, doc, "apiVersion", "\"" + apiVersion.asText() + "\" is not a version Chaos Mesh serves; use " + API_VERSION);
        if (kind == null || kind.isBlank())
            throw fail(source, doc, "kind", "required; one of " + String.join(", ", registry.kinds()));
        FaultTranslator<?> translator = translatorOf(source, doc, kind);

        JsonNode metadata = root.path("metadata");
        String namespace = metadata.path("namespace").isTextual() && !metadata.path("namespace").asText().isBlank() ? metadata.path("namespace").asText() : "default";
        String generated = GeneratedName.of(source, doc, metadata);
        var ctx = new ManifestContext(source, doc, appliedAt, generated != null ? generated : metadata.path("name").asText(""), namespace, horizon, cluster);
        schemaOf(kind).ifPresent(schema -> SchemaCheck.check("", root, schema, ctx));
        HasMetadata model = read(source, doc, translator.modelType());
        ObjectMeta meta = model.getMetadata();
        if (meta == null) throw fail(source, doc, "metadata", "required: metadata.name (and metadata.namespace, default: default)");
        if (generated != null) {
            // the name the API server would give it on kubectl create, so a live run creates what the simulation reported
            meta.setName(generated);
            ctx.note("metadata.generateName", "kubectl apply refuses an object without metadata.name; kubectl create takes generateName, and the "
                    + "API server names it " + meta.getGenerateName() + " and 5 random characters: here " + generated + ", fixed by the file "
                    + "and the document so that runs repeat");
        }
        if (meta.getName() == null || meta.getName().isBlank())
            throw fail(source, doc, "metadata.name", "required: the experiment's name, which also names its faults");
        if (metadata.path("namespace").isTextual() && ChaosSelectors.namespaceProblem(namespace) != null)
            throw fail(source, doc, "metadata.namespace", ChaosSelectors.namespaceProblem(namespace) + ", and kubectl refuses it");
        if (meta.getName().length() > 253 || !meta.getName().matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*"))
            throw fail(source, doc, "metadata.name", "\"" + meta.getName() + "\" is not a Kubernetes object name (kubectl refuses it); use lowercase "
                    + "letters, digits, '-' and '.', starting and ending with a letter or digit");

        RemoteClusterCheck.check(ctx);
        List<Fault> faults;
        if (paused(meta)) {
            ctx.note("metadata.annotations", "paused (" + PAUSE_ANNOTATION + ": \"true\"): Chaos Mesh injects nothing until the annotation is removed, nor does the simulation");
            faults = List.of();
        } else {
            faults = translateChecked(translator, model, ctx);
        }
        ctx.deferred().ifPresent(e -> { throw e; });
        return new Outcome.Translated(new ChaosExperiment(kind, meta.getName(), doc.line(), model, faults), ctx.notes());
    }

    static List<Fault> translateChecked(FaultTranslator<?> translator, HasMetadata model, ManifestContext ctx) {
        try {
            return translateTyped(translator, model, ctx);
        } catch (ManifestException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            // A simulator fault record refused a value this module did not check first.
            throw ctx.fail("spec", e.getMessage());
        }
    }

    static <T extends HasMetadata> List<Fault> translateTyped(FaultTranslator<T> translator, HasMetadata model, ManifestContext ctx) {
        return translator.translate(translator.modelType().cast(model), ctx);
    }

    private FaultTranslator<?> translatorOf(String source, YamlDocument doc, String kind) {
        Optional<FaultTranslator<?>> registered = registry.find(kind);
        if (registered.isPresent()) return registered.get();
        Optional<ChaosMeshKinds.Kind> known = ChaosMeshKinds.find(kind);
        if (known.isPresent() && !known.get().supported()) throw fail(source, doc, "kind", known.get().support().sentence());
        if (known.isPresent())
            throw fail(source, doc, "kind", "not translated here: " + kind + " has no translator in this registry; use TranslatorRegistry.defaults()");
        var candidates = new java.util.ArrayList<>(ChaosMeshKinds.names());
        candidates.addAll(registry.kinds());
        throw fail(source, doc, "kind", "unknown Chaos Mesh kind \"" + kind + "\"" + Suggest.didYouMean(kind, candidates)
                + (Suggest.closest(kind, candidates).isEmpty() ? "; supported kinds: " + String.join(", ", registry.kinds()) : ""));
    }

    /** The CRD schema of a whole document of {@code kind}; empty for a kind a custom registry added. */
    static Optional<Shape.Fields> schemaOf(String kind) {
        return specOf(kind).map(spec -> OrchestrationSchema.document(kind, spec));
    }

    static Optional<Shape.Fields> specOf(String kind) {
        return switch (kind) {
            case "Schedule" -> Optional.of(OrchestrationSchema.SCHEDULE);
            case "Workflow" -> Optional.of(OrchestrationSchema.WORKFLOW);
            case "StatusCheck" -> Optional.of(OrchestrationSchema.STATUS_CHECK);
            default -> ChaosMeshKinds.find(kind).map(ChaosMeshKinds.Kind::spec);
        };
    }

    private static boolean paused(ObjectMeta meta) {
        Map<String, String> annotations = meta.getAnnotations();
        return annotations != null && "true".equals(annotations.get(PAUSE_ANNOTATION));
    }

    private <T> T read(String source, YamlDocument doc, Class<T> type) {
        try {
            return mapper.treeToValue(doc.root(), type);
        } catch (JsonMappingException e) {
            // The schema check has already caught wrong types; what is left is e.g. a number too large for the model.
            var path = new StringBuilder();
            for (var r : e.getPath()) {
                if (r.getFieldName() != null) path.append(path.isEmpty() ? "" : ".").append(r.getFieldName());
                else if (r.getIndex() >= 0) path.append('[').append(r.getIndex()).append(']');
            }
            throw fail(source, doc, path.toString(), "cannot be read as the CRD types it: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw fail(source, doc, "", "cannot read as " + type.getSimpleName() + ": " + e.getMessage());
        }
    }

    static ManifestException fail(String source, YamlDocument doc, String field, String problem) {
        return new ManifestException(source, doc.lineOf(field), field, problem);
    }
}
