package dev.homeostat.chaos;

import dev.homeostat.units.GoDuration;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * What a {@link FaultTranslator} knows about the experiment it translates besides the model: where it
 * came from (for errors that name file, line and field), when it is applied, and its name and
 * namespace. Helpers here keep the error messages of all translators alike.
 */
public final class ManifestContext {
    private final String source;
    private final YamlDocument document;
    private final Duration appliedAt;
    private final String name;
    private final String namespace;
    /** Where this experiment's {@code spec} really is in the document ({@code spec}, or e.g. {@code spec.templates[2].podChaos}). */
    private final String specPath;
    private final JsonNode raw;

    private final Duration horizon;

    ManifestContext(String source, YamlDocument document, Duration appliedAt, String name, String namespace) {
        this(source, document, appliedAt, name, namespace, ManifestTranslator.DEFAULT_HORIZON);
    }

    ManifestContext(String source, YamlDocument document, Duration appliedAt, String name, String namespace, Duration horizon) {
        this(source, document, appliedAt, name, namespace, "spec", document.root(), horizon);
    }

    private ManifestContext(String source, YamlDocument document, Duration appliedAt, String name, String namespace,
                            String specPath, JsonNode raw, Duration horizon) {
        this.horizon = horizon;
        this.source = source;
        this.document = document;
        this.appliedAt = appliedAt;
        this.name = name;
        this.namespace = namespace;
        this.specPath = specPath;
        this.raw = raw;
    }

    /**
     * The context of an experiment embedded in a Schedule or Workflow: its spec sits at {@code embeddedSpec}
     * (a dotted path); errors the embedded translator reports at {@code spec.x} name {@code embeddedSpec.x}.
     */
    ManifestContext embedded(String embeddedSpec, String faultName, Duration at) {
        var root = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        root.set("spec", document.root().at(YamlPaths.pointer(embeddedSpec)));
        return new ManifestContext(source, document, at, faultName, namespace, embeddedSpec, root, horizon);
    }

    /** File (or source name) of the manifest. */
    public String source() { return source; }

    /** When the manifest is applied, as an offset from the start of the run: Chaos Mesh injects on apply. */
    public Duration appliedAt() { return appliedAt; }

    /** How far (offset from the start of the run) a Schedule creates experiments: the run's length. */
    public Duration horizon() { return horizon; }

    /** Where this experiment's spec is in the document ({@code spec} unless embedded). */
    public String specPath() { return specPath; }

    /** {@code metadata.name}. */
    public String name() { return name; }

    /** {@code metadata.namespace}, {@code default} when absent (kubectl's default context namespace). */
    public String namespace() { return namespace; }

    /** The document as written (e.g. to tell {@code value: 2} from {@code value: "2"}). */
    public JsonNode raw() { return raw; }

    /** An error at {@code field} (dotted path) with the line of that field, or of its nearest present parent. */
    public ManifestException fail(String field, String problem) {
        String real = field;
        if (!specPath.equals("spec") && (field.equals("spec") || field.startsWith("spec.") || field.startsWith("spec[")))
            real = specPath + field.substring(4);
        return new ManifestException(source, document.lineOf(real), real, problem);
    }

    /** A percent written as a string, as Chaos Mesh's NetworkChaos does ({@code "25"}, {@code "0.5"}), in [0, 100]. */
    public double percent(String field, String value, String why) {
        if (value == null || value.isBlank()) throw fail(field, "required " + why + "; write a percent such as \"25\"");
        try {
            double p = Double.parseDouble(value.strip());
            if (p >= 0 && p <= 100) return p;
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw fail(field, "invalid percent \"" + value + "\"; write a number in 0..100 such as \"25\"");
    }

    /**
     * Fails on the first field that fabric8 collected in {@code additionalProperties} at {@code path}:
     * a typo, or a Chaos Mesh field this module does not model.
     */
    public void rejectUnknownFields(String path, Map<String, Object> additionalProperties, List<String> supported) {
        if (additionalProperties == null || additionalProperties.isEmpty()) return;
        String key = additionalProperties.keySet().stream().sorted().findFirst().orElseThrow();
        throw fail(path.isEmpty() ? key : path + "." + key,
                "unknown field, or a Chaos Mesh field not modelled yet; fields supported here: " + String.join(", ", supported));
    }

    /** Fails when {@code present}: the field exists in Chaos Mesh but has no simulator counterpart yet. */
    public void rejectNotModelled(String field, boolean present, String fix) {
        if (present) throw fail(field, "not modelled yet by the simulator; " + fix);
    }

    /** {@code value} as a Go duration that must be present and positive. */
    public Duration requiredDuration(String field, String value, String why) {
        if (value == null || value.isBlank())
            throw fail(field, "required " + why + "; write a Go duration such as 30s, 5m or 1h30m");
        Duration d = optionalDuration(field, value).orElseThrow();
        if (d.isZero()) throw fail(field, "must be longer than 0 " + why + "; write e.g. 30s, 5m or 1h30m");
        return d;
    }

    /** {@code value} as a Go duration when present. */
    public Optional<Duration> optionalDuration(String field, String value) {
        if (value == null) return Optional.empty();
        try {
            return Optional.of(GoDuration.parse(value));
        } catch (IllegalArgumentException e) {
            throw fail(field, e.getMessage());
        }
    }

    /**
     * Names for the {@code count} faults of this experiment: {@code metadata.name} for a single fault,
     * {@code name#1 … name#n} when one experiment yields several.
     */
    public List<String> faultNames(int count) {
        if (count == 1) return List.of(name);
        return IntStream.rangeClosed(1, count).mapToObj(i -> name + "#" + i).toList();
    }
}
