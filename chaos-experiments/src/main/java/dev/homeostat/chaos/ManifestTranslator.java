package dev.homeostat.chaos;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.homeostat.simulator.fault.Fault;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Chaos Mesh manifests (YAML exactly as {@code kubectl apply} takes it) → simulator faults, with a
 * chosen {@link TranslatorRegistry}. {@link ChaosManifests} is the static entry point over the defaults.
 *
 * <p>Each document of a file is read into its fabric8 Chaos Mesh model (picked by {@code kind} from
 * the {@link TranslatorRegistry}), validated — anything this module does not model is an error, never
 * silently dropped — and translated into faults that start when the manifest is applied. Errors are
 * {@link ManifestException}s naming file, line, field path and the fix.
 */
public final class ManifestTranslator {
    /** The only apiVersion Chaos Mesh serves its experiments under. */
    public static final String API_VERSION = "chaos-mesh.org/v1alpha1";
    private static final List<String> TOP_LEVEL = List.of("apiVersion", "kind", "metadata", "spec", "status");
    private static final List<String> METADATA_FIELDS = List.of("name", "namespace", "labels", "annotations");

    /** How far Schedules create experiments when the caller does not say how long the run is. */
    public static final Duration DEFAULT_HORIZON = Duration.ofHours(24);

    private final TranslatorRegistry registry;
    private final ObjectMapper mapper = new ObjectMapper();

    /** With the default translators ({@link TranslatorRegistry#defaults()}). */
    public ManifestTranslator() {
        this(TranslatorRegistry.defaults());
    }

    public ManifestTranslator(TranslatorRegistry registry) {
        if (registry == null) throw new IllegalArgumentException("registry: required; use TranslatorRegistry.defaults()");
        this.registry = registry;
    }

    /**
     * The faults of every experiment in {@code manifest} (one or more documents separated by
     * {@code ---}), in document order, all starting at {@code appliedAt}.
     */
    public List<Fault> translate(Path manifest, Duration appliedAt) {
        return translate(manifest, appliedAt, DEFAULT_HORIZON);
    }

    /**
     * As {@link #translate(Path, Duration)} for a run that lasts {@code horizon}: a Schedule creates its
     * experiments up to then (without it, up to {@link #DEFAULT_HORIZON}).
     */
    public List<Fault> translate(Path manifest, Duration appliedAt, Duration horizon) {
        return faults(experiments(manifest, appliedAt, horizon));
    }

    /** As {@link #translate(Path, Duration)} for YAML held in memory; {@code source} names it in errors. */
    public List<Fault> translate(String source, String yaml, Duration appliedAt) {
        return faults(experiments(source, yaml, appliedAt));
    }

    /** The experiments of {@code manifest} with their models and faults. */
    public List<ChaosExperiment> experiments(Path manifest, Duration appliedAt) {
        return experiments(manifest, appliedAt, DEFAULT_HORIZON);
    }

    /** The experiments of {@code manifest}, Schedules expanded up to {@code horizon}. */
    public List<ChaosExperiment> experiments(Path manifest, Duration appliedAt, Duration horizon) {
        if (manifest == null) throw new IllegalArgumentException("manifest: required, the path of a Chaos Mesh YAML file");
        String source = manifest.toString();
        String yaml;
        try {
            yaml = Files.readString(manifest);
        } catch (NoSuchFileException e) {
            throw new ManifestException(source, 0, "", "no such file; check the path (relative paths resolve against the working directory)");
        } catch (MalformedInputException e) {
            throw new ManifestException(source, 0, "", "not UTF-8 text; save the manifest as UTF-8");
        } catch (IOException e) {
            throw new ManifestException(source, 0, "", "cannot read: " + e);
        }
        return experiments(source, yaml, appliedAt, horizon);
    }

    /** The experiments of {@code yaml} with their models and faults; {@code source} names it in errors. */
    public List<ChaosExperiment> experiments(String source, String yaml, Duration appliedAt) {
        return experiments(source, yaml, appliedAt, DEFAULT_HORIZON);
    }

    /** As {@link #experiments(String, String, Duration)}, Schedules expanded up to {@code horizon}. */
    public List<ChaosExperiment> experiments(String source, String yaml, Duration appliedAt, Duration horizon) {
        if (horizon == null || horizon.isNegative())
            throw new IllegalArgumentException("horizon: must be >= 0 (the run's length), was " + horizon);
        if (appliedAt == null || appliedAt.isNegative())
            throw new IllegalArgumentException("appliedAt: must be >= 0 (an offset from the start of the run), was " + appliedAt);
        if (yaml == null) throw new IllegalArgumentException("yaml: required");
        List<YamlDocument> documents = YamlDocuments.parse(source, yaml);
        if (documents.isEmpty())
            throw new ManifestException(source, 0, "", "no Chaos Mesh experiment in this file; expected a document with apiVersion: "
                    + API_VERSION + ", kind, metadata and spec");
        var experiments = new ArrayList<ChaosExperiment>();
        var firstLineOfName = new HashMap<String, Integer>();
        for (YamlDocument doc : documents) {
            ChaosExperiment e = translate(source, doc, appliedAt, horizon);
            Integer earlier = firstLineOfName.putIfAbsent(e.name(), doc.lineOf("metadata.name"));
            if (earlier != null)
                throw new ManifestException(source, doc.lineOf("metadata.name"), "metadata.name",
                        "\"" + e.name() + "\" is already the name of the experiment on line " + earlier
                                + "; give each experiment its own name (fault names must be unique in a run)");
            experiments.add(e);
        }
        return List.copyOf(experiments);
    }

    /**
     * Checks {@code fileOrDir} (a file, or every {@code .yaml}/{@code .yml} file below a directory, in
     * path order) without stopping at the first bad file: one problem per bad file, none when all are good.
     */
    public List<ManifestProblem> validate(Path fileOrDir) {
        if (fileOrDir == null) throw new IllegalArgumentException("fileOrDir: required, a manifest file or a directory of them");
        if (!Files.exists(fileOrDir))
            return List.of(new ManifestProblem(fileOrDir, 0, "", "no such file or directory; check the path"));
        List<Path> files;
        if (Files.isDirectory(fileOrDir)) {
            try (Stream<Path> walk = Files.walk(fileOrDir)) {
                files = walk.filter(Files::isRegularFile)
                        .filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml"))
                        .sorted(Comparator.comparing(Path::toString))
                        .toList();
            } catch (IOException | java.io.UncheckedIOException e) {
                return List.of(new ManifestProblem(fileOrDir, 0, "", "cannot list the directory: " + e.getMessage()));
            }
        } else {
            files = List.of(fileOrDir);
        }
        var problems = new ArrayList<ManifestProblem>();
        for (Path file : files) {
            try {
                experiments(file, Duration.ZERO);
            } catch (ManifestException e) {
                problems.add(ManifestProblem.of(file, e));
            }
        }
        return List.copyOf(problems);
    }

    private ChaosExperiment translate(String source, YamlDocument doc, Duration appliedAt, Duration horizon) {
        JsonNode root = doc.root();
        if (!root.isObject())
            throw new ManifestException(source, doc.line(), "", "document " + doc.index()
                    + " is not a mapping; a Chaos Mesh manifest has apiVersion, kind, metadata and spec");
        var unknown = new ArrayList<String>();
        root.fieldNames().forEachRemaining(k -> { if (!TOP_LEVEL.contains(k)) unknown.add(k); });
        if (!unknown.isEmpty())
            throw fail(source, doc, unknown.getFirst(), "unknown top-level field; a manifest has " + String.join(", ", TOP_LEVEL));
        JsonNode apiVersion = root.path("apiVersion");
        if (!apiVersion.isTextual())
            throw fail(source, doc, "apiVersion", "required: apiVersion: " + API_VERSION);
        if (!apiVersion.asText().equals(API_VERSION))
            throw fail(source, doc, "apiVersion", "\"" + apiVersion.asText() + "\" is not a Chaos Mesh experiment; use " + API_VERSION);
        JsonNode kindNode = root.path("kind");
        String kinds = String.join(", ", registry.kinds());
        if (!kindNode.isTextual() || kindNode.asText().isBlank())
            throw fail(source, doc, "kind", "required; one of " + kinds);
        String kind = kindNode.asText();
        FaultTranslator<?> translator = registry.find(kind).orElseThrow(() -> fail(source, doc, "kind",
                "kind " + kind + " is not modelled yet; supported kinds: " + kinds));

        HasMetadata model = read(source, doc, translator.modelType());
        ObjectMeta meta = model.getMetadata();
        if (meta == null) throw fail(source, doc, "metadata", "required: metadata.name and metadata.namespace");
        if (meta.getName() == null || meta.getName().isBlank())
            throw fail(source, doc, "metadata.name", "required: the experiment's name, which also names its faults"
                    + (meta.getGenerateName() != null ? " (generateName is not supported: fault names must be stable)" : ""));
        String namespace = meta.getNamespace() == null || meta.getNamespace().isBlank() ? "default" : meta.getNamespace();
        var ctx = new ManifestContext(source, doc, appliedAt, meta.getName(), namespace, horizon);
        ctx.rejectUnknownFields("metadata", meta.getAdditionalProperties(), METADATA_FIELDS);
        List<Fault> faults;
        try {
            faults = translateTyped(translator, model, ctx);
        } catch (ManifestException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            // A simulator fault record refused a value this module did not check first.
            throw ctx.fail("spec", e.getMessage());
        }
        return new ChaosExperiment(kind, meta.getName(), doc.line(), model, faults);
    }

    static <T extends HasMetadata> List<Fault> translateTyped(FaultTranslator<T> translator, HasMetadata model, ManifestContext ctx) {
        return translator.translate(translator.modelType().cast(model), ctx);
    }

    private <T> T read(String source, YamlDocument doc, Class<T> type) {
        try {
            return mapper.treeToValue(doc.root(), type);
        } catch (JsonMappingException e) {
            String path = path(e.getPath());
            String expected = e instanceof MismatchedInputException m && m.getTargetType() != null ? describe(m.getTargetType()) : "another type";
            JsonNode found = doc.root().at(pointer(e.getPath()));
            throw fail(source, doc, path, "expected " + expected + (found.isMissingNode() ? "" : ", found " + found));
        } catch (IOException e) {
            throw fail(source, doc, "", "cannot read as " + type.getSimpleName() + ": " + e.getMessage());
        }
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        var out = new StringBuilder();
        for (var r : refs) {
            if (r.getFieldName() != null) out.append(out.isEmpty() ? "" : ".").append(r.getFieldName());
            else if (r.getIndex() >= 0) out.append('[').append(r.getIndex()).append(']');
        }
        return out.toString();
    }

    private static String pointer(List<JsonMappingException.Reference> refs) {
        var out = new StringBuilder();
        for (var r : refs) {
            if (r.getFieldName() != null) out.append('/').append(r.getFieldName().replace("~", "~0").replace("/", "~1"));
            else if (r.getIndex() >= 0) out.append('/').append(r.getIndex());
        }
        return out.toString();
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) return "a whole number";
        if (type == String.class) return "a string";
        if (type == Boolean.class || type == boolean.class) return "true or false";
        if (List.class.isAssignableFrom(type)) return "a list";
        if (Map.class.isAssignableFrom(type)) return "a map of key: value";
        return "a mapping (" + type.getSimpleName() + ")";
    }

    private static ManifestException fail(String source, YamlDocument doc, String field, String problem) {
        return new ManifestException(source, doc.lineOf(field), field, problem);
    }

    private static List<Fault> faults(List<ChaosExperiment> experiments) {
        return experiments.stream().flatMap(e -> e.faults().stream()).toList();
    }
}
