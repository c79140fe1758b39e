package dev.homeostat.chaos;

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

    ManifestContext(String source, YamlDocument document, Duration appliedAt, String name, String namespace) {
        this.source = source;
        this.document = document;
        this.appliedAt = appliedAt;
        this.name = name;
        this.namespace = namespace;
    }

    /** File (or source name) of the manifest. */
    public String source() { return source; }

    /** When the manifest is applied, as an offset from the start of the run: Chaos Mesh injects on apply. */
    public Duration appliedAt() { return appliedAt; }

    /** {@code metadata.name}. */
    public String name() { return name; }

    /** {@code metadata.namespace}, {@code default} when absent (kubectl's default context namespace). */
    public String namespace() { return namespace; }

    /** The document as written (e.g. to tell {@code value: 2} from {@code value: "2"}). */
    public JsonNode raw() { return document.root(); }

    /** An error at {@code field} (dotted path) with the line of that field, or of its nearest present parent. */
    public ManifestException fail(String field, String problem) {
        return new ManifestException(source, document.lineOf(field), field, problem);
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
