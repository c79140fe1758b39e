package dev.homeostat.chaos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.homeostat.chaos.crd.SchemaCheck;
import dev.homeostat.chaos.model.EmbeddedChaos;
import java.util.ArrayList;
import java.util.List;

/**
 * Chaos Mesh 1.x manifests rewritten as 2.x takes them, as Chaos Mesh's own 2.0 migration does: the API group
 * {@code pingcap.com} becomes {@code chaos-mesh.org}, and an experiment's {@code spec.scheduler.cron} becomes a
 * Schedule of that cron embedding the experiment's spec (its {@code duration} is each firing's, as in 1.x), under the
 * experiment's name; a Workflow's templates (a Workflow's own or a Schedule's {@code spec.workflow}) written with the
 * field names of the Workflow API before 2.0 ({@code duration}, {@code tasks}, {@code conditionalTasks}) get 2.x's
 * ({@code deadline}, {@code children}, {@code conditionalBranches}), same values. Everything else is left as written,
 * mistakes included (those are the validator's to report); other objects of the file are kept. Comments are not kept:
 * the YAML is written anew.
 */
public final class LegacyManifests {
    /** The rewritten file, and one line per change ({@code file:line: what}); no change: the input as it was. */
    public record Upgraded(String yaml, List<String> changes) { }

    private static final String OLD_GROUP = "pingcap.com/";
    /** Every string quoted: unquoted, "10", "0x1F" or "2024-01-01" would come back as another type, and the CRD refuses it. */
    private static final YAMLMapper YAML = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build();

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
        if (root.path("apiVersion").asText("").startsWith("chaos-mesh.org/")) {
            if (kind.equals("Workflow")) renameTemplateFields(source, doc, root.path("spec"), "spec.templates", changes);
            if (kind.equals("Schedule")) renameTemplateFields(source, doc, root.path("spec").path("workflow"), "spec.workflow.templates", changes);
        }
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

    /** Each template's pre-2.0 field names as 2.x's, in place and in the same position; a template holding both names is left to the validator. */
    private static void renameTemplateFields(String source, YamlDocument doc, JsonNode workflow, String path, List<String> changes) {
        if (!(workflow.path("templates") instanceof ArrayNode templates)) return;
        for (int i = 0; i < templates.size(); i++) {
            if (!(templates.get(i) instanceof ObjectNode template)) continue;
            var renames = new java.util.LinkedHashMap<String, String>();
            for (var it = template.fieldNames(); it.hasNext(); ) {
                String name = it.next(), renamed = SchemaCheck.WORKFLOW_RENAMES.get(name);
                if (renamed != null && !template.has(renamed)) renames.put(name, renamed);
            }
            if (renames.isEmpty()) continue;
            ObjectNode copy = YAML.createObjectNode();
            for (var it = template.properties().iterator(); it.hasNext(); ) {
                var e = it.next();
                copy.set(renames.getOrDefault(e.getKey(), e.getKey()), e.getValue());
            }
            templates.set(i, copy);
            String at = path + "[" + i + "]";
            renames.forEach((old, now) -> changes.add(source + ":" + doc.lineOf(at + "." + old) + ": " + at + "." + old
                    + " (the Workflow API before Chaos Mesh 2.0) → " + now));
        }
    }
}
