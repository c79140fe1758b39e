package dev.homeostat.chaos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.homeostat.chaos.model.EmbeddedChaos;
import java.util.ArrayList;
import java.util.List;

/**
 * Chaos Mesh 1.x manifests rewritten as 2.x takes them, as Chaos Mesh's own 2.0 migration does: the API group
 * {@code pingcap.com} becomes {@code chaos-mesh.org}, and an experiment's {@code spec.scheduler.cron} becomes a
 * Schedule of that cron embedding the experiment's spec (its {@code duration} is each firing's, as in 1.x), under the
 * experiment's name. Everything else is left as written; other objects of the file are kept. Comments are not kept:
 * the YAML is written anew.
 */
public final class LegacyManifests {
    /** The rewritten file, and one line per change ({@code file:line: what}); no change: the input as it was. */
    public record Upgraded(String yaml, List<String> changes) { }

    private static final String OLD_GROUP = "pingcap.com/";
    private static final YAMLMapper YAML = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build();

    private LegacyManifests() { }

    /** @throws ManifestException when the YAML does not parse */
    public static Upgraded upgrade(String source, String text) {
        List<YamlDocument> docs = YamlDocuments.parse(source, text);
        var changes = new ArrayList<String>();
        var out = new ArrayList<JsonNode>();
        for (YamlDocument doc : docs) out.add(upgrade(source, doc, changes));
        if (changes.isEmpty()) return new Upgraded(text, List.of());
        var yaml = new StringBuilder();
        for (JsonNode node : out) {
            if (!yaml.isEmpty()) yaml.append("---\n");
            try {
                yaml.append(YAML.writeValueAsString(node));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a parsed document always writes back: " + e.getMessage(), e);
            }
        }
        return new Upgraded(yaml.toString(), List.copyOf(changes));
    }

    private static JsonNode upgrade(String source, YamlDocument doc, List<String> changes) {
        if (!(doc.root() instanceof ObjectNode root)) return doc.root();
        String apiVersion = root.path("apiVersion").asText("");
        if (apiVersion.startsWith(OLD_GROUP)) {
            String now = "chaos-mesh.org/" + apiVersion.substring(OLD_GROUP.length());
            root.put("apiVersion", now);
            changes.add(source + ":" + doc.lineOf("apiVersion") + ": apiVersion " + apiVersion + " → " + now + " (Chaos Mesh's API group since 1.0)");
        }
        String kind = root.path("kind").asText("");
        String field = EmbeddedChaos.FIELD_OF_KIND.get(kind);
        JsonNode scheduler = root.path("spec").path("scheduler");
        if (field == null || !root.path("apiVersion").asText("").startsWith("chaos-mesh.org/") || !scheduler.isObject()) return root;
        String cron = scheduler.path("cron").asText("");
        if (cron.isBlank()) return root;
        ObjectNode experiment = ((ObjectNode) root.path("spec")).deepCopy();
        experiment.remove("scheduler");
        ObjectNode schedule = YAML.createObjectNode();
        schedule.put("apiVersion", root.path("apiVersion").asText());
        schedule.put("kind", "Schedule");
        schedule.set("metadata", root.path("metadata").deepCopy());
        ObjectNode spec = schedule.putObject("spec");
        spec.put("schedule", cron);
        spec.put("type", kind);
        spec.put("historyLimit", 1);
        spec.put("concurrencyPolicy", "Forbid");
        spec.set(field, experiment);
        changes.add(source + ":" + doc.lineOf("spec.scheduler") + ": spec.scheduler (Chaos Mesh 1.x) → a Schedule of \"" + cron + "\" creating this "
                + kind + (experiment.has("duration") ? " for its duration " + experiment.path("duration").asText() : "") + " at each firing");
        return schedule;
    }
}
