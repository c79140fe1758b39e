package dev.homeostat.chaos;

import dev.homeostat.units.GoDuration;
import com.fasterxml.jackson.databind.JsonNode;
import dev.homeostat.chaos.crd.SchemaCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * What a {@link FaultTranslator} knows about the experiment it translates besides the model: where it came from (for
 * errors that name file, line and field), when it is applied, how far Schedules fire, its name and namespace, and
 * where its findings go. Helpers here keep the messages of all translators alike: one sentence per refusal, starting
 * with its category ({@code not modelled:}, {@code not modelled yet:}, {@code cannot exist in a simulation:}).
 */
public final class ManifestContext implements SchemaCheck.Sink {
    /** Notes and deferred refusals of one document, shared by the contexts of its embedded experiments. */
    static final class Findings {
        final Set<ManifestNote> notes = new LinkedHashSet<>();
        final List<ManifestException> deferred = new ArrayList<>();
    }

    private final String source;
    private final YamlDocument document;
    private final Duration appliedAt;
    private final String name;
    private final String namespace;
    /** Where this experiment's {@code spec} really is in the document ({@code spec}, or e.g. {@code spec.templates[2].podChaos}). */
    private final String specPath;
    private final JsonNode raw;
    private final Horizon horizon;
    private final TargetCluster cluster;
    private final Findings findings;

    ManifestContext(String source, YamlDocument document, Duration appliedAt, String name, String namespace, Horizon horizon, TargetCluster cluster) {
        this(source, document, appliedAt, name, namespace, "spec", document.root(), horizon, cluster, new Findings());
    }

    private ManifestContext(String source, YamlDocument document, Duration appliedAt, String name, String namespace,
                            String specPath, JsonNode raw, Horizon horizon, TargetCluster cluster, Findings findings) {
        this.source = source;
        this.document = document;
        this.appliedAt = appliedAt;
        this.name = name;
        this.namespace = namespace;
        this.specPath = specPath;
        this.raw = raw;
        this.horizon = horizon;
        this.cluster = cluster;
        this.findings = findings;
    }

    /**
     * The context of an experiment embedded in a Schedule or Workflow: its spec sits at {@code embeddedSpec}
     * (a dotted path); errors the embedded translator reports at {@code spec.x} name {@code embeddedSpec.x}.
     */
    ManifestContext embedded(String embeddedSpec, String faultName, Duration at) {
        var root = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        root.set("spec", document.root().at(YamlPaths.pointer(embeddedSpec)));
        return new ManifestContext(source, document, at, faultName, namespace, embeddedSpec, root, horizon, cluster, findings);
    }

    /** The same experiment with another horizon (a Schedule step of a Workflow fires until its deadline). */
    ManifestContext withHorizon(Horizon other) {
        return new ManifestContext(source, document, appliedAt, name, namespace, specPath, raw, other, cluster, findings);
    }

    /** The same experiment with findings of its own: a run-time translation (a Workflow's Task branch) adds nothing to the check's notes. */
    ManifestContext detached() {
        return new ManifestContext(source, document, appliedAt, name, namespace, specPath, raw, horizon, cluster, new Findings());
    }

    /** The cluster the manifest is applied to, which an experiment's {@code spec.remoteCluster} must name. */
    public TargetCluster cluster() { return cluster; }

    /** File (or source name) of the manifest. */
    public String source() { return source; }

    /** When the manifest is applied, as an offset from the start of the run: Chaos Mesh injects on apply. */
    public Duration appliedAt() { return appliedAt; }

    /** How far Schedules fire. */
    public Horizon horizon() { return horizon; }

    /** Where this experiment's spec is in the document ({@code spec} unless embedded). */
    public String specPath() { return specPath; }

    /** {@code metadata.name}. */
    public String name() { return name; }

    /** {@code metadata.namespace}, {@code default} when absent (kubectl's default context namespace). */
    public String namespace() { return namespace; }

    /** The document as written (e.g. to tell {@code value: 2} from {@code value: "2"}); the spec under {@code spec} when embedded. */
    public JsonNode raw() { return raw; }

    /** The field at {@code field} (dotted path under this experiment, e.g. {@code spec.stressors.memory.oomScoreAdj}) as written. */
    public JsonNode at(String field) {
        return raw.at(YamlPaths.pointer(field));
    }

    private String real(String field) {
        if (!specPath.equals("spec") && (field.equals("spec") || field.startsWith("spec.") || field.startsWith("spec[")))
            return specPath + field.substring(4);
        return field;
    }

    /** An error at {@code field} (dotted path) with the line of that field, or of its nearest present parent. */
    @Override public ManifestException fail(String field, String problem) {
        String real = real(field);
        return new ManifestException(source, document.lineOf(real), real, problem);
    }

    /** {@code not modelled: why} at {@code field}. */
    public ManifestException notModelled(String field, String why) {
        return fail(field, "not modelled: " + why);
    }

    /** {@code cannot exist in a simulation: why} at {@code field}. */
    public ManifestException cannotExist(String field, String why) {
        return fail(field, "cannot exist in a simulation: " + why);
    }

    /** Refuses {@code field} with {@code not modelled yet: why} once the rest of the document has been checked. */
    public void notModelledYet(String field, String why) {
        defer(field, "not modelled yet: " + why);
    }

    @Override public void defer(String field, String sentence) {
        findings.deferred.add(fail(field, sentence));
    }

    @Override public void note(String field, String sentence) {
        String real = real(field);
        findings.notes.add(new ManifestNote(source, document.lineOf(real), real, sentence));
    }

    /** The first deferred refusal, if any: thrown once the document has no plainer error. */
    Optional<ManifestException> deferred() {
        return findings.deferred.stream().findFirst();
    }

    List<ManifestNote> notes() { return List.copyOf(findings.notes); }

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

    /** {@code value} as a Go duration that must be present and positive. */
    public Duration requiredDuration(String field, String value, String why) {
        Duration d = present(field, value, why);
        if (d.isZero()) throw fail(field, "must be longer than 0 " + why + "; write e.g. 30s, 5m or 1h30m");
        return d;
    }

    private Duration present(String field, String value, String why) {
        if (value == null || value.isBlank())
            throw fail(field, "required " + why + "; write a Go duration such as 30s, 5m or 1h30m");
        return optionalDuration(field, value).orElseThrow();
    }

    /**
     * {@code value} as a Go duration that must be present and may be zero: Chaos Mesh's webhook only parses a delay
     * ({@code webhook:"Duration"}), so a 0 delay is accepted live and delays nothing; a note says so.
     */
    public Duration presentDuration(String field, String value, String why) {
        Duration d = present(field, value, why);
        if (d.isZero()) note(field, "\"" + value + "\" delays nothing: Chaos Mesh accepts a 0 delay and applies it, which changes no request's time");
        return d;
    }

    /**
     * An experiment's {@code spec.duration}: as written (positive), or, absent as Chaos Mesh allows, until the experiment
     * is deleted, which in a run of known length is its end ({@link #UNTIL_DELETED} when the run's length is unknown).
     */
    public Duration duration(String field, String value, String why) {
        if (value != null && !value.isBlank()) return requiredDuration(field, value, why);
        return switch (horizon) {
            case Horizon.Until u -> u.end().compareTo(appliedAt) > 0 ? u.end().minus(appliedAt) : Duration.ofMillis(1);
            case Horizon.FirstFiring f -> UNTIL_DELETED;
        };
    }

    /** The length given to an experiment without a duration when the run's length is unknown (a check, a live plan). */
    public static final Duration UNTIL_DELETED = Duration.ofDays(365);

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

    /** The inverse of {@link #faultNames}: the name of the experiment (or Workflow step, or Schedule firing) a fault belongs to. */
    public static String experimentName(String faultName) {
        return faultName.replaceFirst("#\\d+$", "");
    }
}
