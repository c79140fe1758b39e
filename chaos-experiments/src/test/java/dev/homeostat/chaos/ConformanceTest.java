package dev.homeostat.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homeostat.chaos.crd.ChaosMeshKinds;
import dev.homeostat.chaos.crd.OrchestrationSchema;
import dev.homeostat.chaos.crd.SelectorSchema;
import dev.homeostat.chaos.crd.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The conformance folder ({@code src/test/resources/conformance}): one manifest per kind, action, template type and
 * field shape Chaos Mesh documents, each with its expectation in a header line {@code # expect: …}:
 * {@code simulated} (validates, nothing noted, faults), {@code planned} (validates with a "planned:" note),
 * {@code accepted} (validates; not asserted in simulation), {@code paused}, {@code not modelled yet: FIELD} and
 * {@code refused: FIELD} (one problem at FIELD in that category). The injection check of the simulated ones runs in
 * src/test's ConformanceInSimulationTest.
 */
class ConformanceTest {
    static final Path FOLDER = Path.of("src/test/resources/conformance");
    private static final Duration RUN = Duration.ofMinutes(40);

    record Case(Path file, String expect) {
        @Override public String toString() { return FOLDER.relativize(file).toString(); }
    }

    static List<Case> cases() throws IOException {
        try (Stream<Path> walk = Files.walk(FOLDER)) {
            return walk.filter(p -> p.toString().endsWith(".yaml")).sorted().map(p -> new Case(p, expectation(p))).toList();
        }
    }

    static String expectation(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith("# expect: ")).findFirst()
                    .map(l -> l.substring("# expect: ".length()).strip()).orElseThrow(() -> new AssertionError(file + ": no '# expect:' line"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void conformanceManifest_validatesOrIsRefusedAsItsHeaderSays(Case c) {
        ManifestCheck check = ChaosManifests.check(c.file(), Horizon.until(RUN));
        List<String> planned = check.notes().stream().map(ManifestNote::message).filter(m -> m.startsWith("planned: ")).toList();
        switch (c.expect().replaceAll(":.*", "")) {
            case "simulated", "accepted" -> {
                assertThat(check.problems()).as("problems").isEmpty();
                assertThat(planned).as("nothing planned is used").isEmpty();
                assertThat(ChaosManifests.contents(c.file(), Duration.ZERO, Horizon.until(RUN)).faults()).as("faults").isNotEmpty();
            }
            case "planned" -> {
                assertThat(check.problems()).as("problems").isEmpty();
                assertThat(planned).as("a planned note").isNotEmpty();
            }
            case "paused" -> {
                assertThat(check.problems()).isEmpty();
                assertThat(ChaosManifests.contents(c.file(), Duration.ZERO, Horizon.until(RUN)).faults()).isEmpty();
                assertThat(check.notes()).anySatisfy(n -> assertThat(n.message()).startsWith("paused"));
            }
            case "not modelled yet", "refused" -> {
                String field = c.expect().substring(c.expect().indexOf(':') + 1).strip();
                assertThat(check.problems()).singleElement().satisfies(p -> {
                    assertThat(p.field()).isEqualTo(field);
                    if (c.expect().startsWith("not modelled yet")) assertThat(p.message()).startsWith("not modelled yet: ");
                    else assertThat(p.message()).matches("(not modelled|cannot exist in a simulation): .*");
                    assertThat(p.message()).as("one sentence").doesNotContain(". ");
                });
            }
            default -> throw new AssertionError(c + ": unknown expectation " + c.expect());
        }
    }

    @Test
    void folder_coversEveryKindActionTemplateTypeAndTopLevelField() throws IOException {
        var kinds = new TreeSet<String>();
        var actions = new TreeSet<String>();
        var templateTypes = new TreeSet<String>();
        var fieldsByKind = new java.util.HashMap<String, Set<String>>();
        var selectorFields = new TreeSet<String>();
        for (Case c : cases()) {
            for (YamlDocument doc : YamlDocuments.parse(c.toString(), Files.readString(c.file()))) {
                JsonNode root = doc.root();
                if (!root.path("apiVersion").asText().startsWith("chaos-mesh.org/")) continue;
                String kind = root.path("kind").asText();
                kinds.add(kind);
                collect(kind, root.path("spec"), actions, templateTypes, fieldsByKind, selectorFields);
            }
        }
        assertThat(kinds).containsAll(List.of("PodChaos", "NetworkChaos", "StressChaos", "IOChaos", "HTTPChaos", "TimeChaos", "DNSChaos", "Schedule", "Workflow", "StatusCheck"));
        for (ChaosMeshKinds.Kind k : ChaosMeshKinds.experiments()) {
            Shape.Text action = k.spec().field("action").map(f -> (Shape.Text) f.shape()).orElse(null);
            if (action != null) for (String a : action.oneOf()) assertThat(actions).as(k.name() + " actions").contains(k.name() + "/" + a);
            var own = new TreeSet<>(k.spec().fields().keySet());
            own.removeAll(List.of("selector", "mode", "value", "remoteCluster", "containerNames", "duration"));
            assertThat(fieldsByKind.getOrDefault(k.name(), Set.of())).as(k.name() + " fields").containsAll(own);
        }
        assertThat(templateTypes).containsAll(OrchestrationSchema.STRUCTURE_TYPES);
        assertThat(selectorFields).containsAll(SelectorSchema.SELECTOR.fields().keySet());
        var common = new HashSet<String>();
        fieldsByKind.values().forEach(common::addAll);
        assertThat(common).containsAll(List.of("mode", "value", "remoteCluster", "containerNames", "duration"));
        assertThat(fieldsByKind.get("Schedule")).containsAll(List.of("schedule", "type", "concurrencyPolicy", "historyLimit", "startingDeadlineSeconds", "workflow"));
        assertThat(fieldsByKind.get("Template")).containsAll(List.of("name", "templateType", "deadline", "children", "task", "conditionalBranches",
                "schedule", "statusCheck", "abortWithStatusCheck"));
    }

    @Test
    void folder_usesEveryFieldOfEveryExperimentKind_atEveryDepth() throws IOException {
        var used = new java.util.HashMap<String, Set<String>>();
        for (Case c : cases())
            for (YamlDocument doc : YamlDocuments.parse(c.toString(), Files.readString(c.file()))) {
                JsonNode root = doc.root();
                if (root.path("apiVersion").asText().startsWith("chaos-mesh.org/")) paths(root.path("kind").asText(), root.path("spec"), used);
            }
        var missing = new TreeSet<String>();
        for (ChaosMeshKinds.Kind k : ChaosMeshKinds.experiments())
            for (String path : dev.homeostat.chaos.crd.ConformanceTable.paths(k.spec()))
                // the fields every kind shares are one field of the selector's code, covered once (folder_coversEvery…)
                if (!SHARED.contains(path) && !path.startsWith("selector.") && !used.getOrDefault(k.name(), Set.of()).contains(path))
                    missing.add(k.name() + ": " + path);
        var orchestration = java.util.Map.of("Schedule", OrchestrationSchema.SCHEDULE, "Workflow", OrchestrationSchema.WORKFLOW,
                "StatusCheck", OrchestrationSchema.STATUS_CHECK);
        orchestration.forEach((kind, spec) -> {
            for (String path : dev.homeostat.chaos.crd.ConformanceTable.paths(spec))
                if (ownField(path) && !used.getOrDefault(kind, Set.of()).contains(path)) missing.add(kind + ": " + path);
        });
        assertThat(missing).as("fields of the CRDs no conformance manifest uses").isEmpty();
    }

    /**
     * A field of a Schedule, Workflow or StatusCheck of its own: not an embedded experiment (the kind's own table, and one
     * code path for every kind), nor a Workflow under a Schedule or a Schedule under a Workflow step (their own specs).
     */
    private static boolean ownField(String path) {
        String last = path.substring(path.lastIndexOf('.') + 1);
        return ChaosMeshKinds.byEmbedField(last).isEmpty() && !path.startsWith("workflow.") && !path.contains("schedule.");
    }

    private static final Set<String> SHARED = Set.of("selector", "mode", "value", "remoteCluster", "containerNames", "duration");

    /** The field paths of {@code spec} ({@code a.b}, {@code a[].b}), under {@code kind}, and of the experiments it embeds. */
    private static void paths(String kind, JsonNode spec, java.util.Map<String, Set<String>> used) {
        walk(kind, "", spec, used);
        for (ChaosMeshKinds.Kind k : ChaosMeshKinds.embeddable())
            if (spec.has(k.embedField())) paths(k.name(), spec.path(k.embedField()), used);
        if (spec.has("workflow")) paths("Workflow", spec.path("workflow"), used);
        for (JsonNode t : spec.path("templates")) {
            for (ChaosMeshKinds.Kind k : ChaosMeshKinds.embeddable())
                if (t.has(k.embedField())) paths(k.name(), t.path(k.embedField()), used);
            if (t.has("schedule")) paths("Schedule", t.path("schedule"), used);
            if (t.has("statusCheck")) walk("StatusCheck", "", t.path("statusCheck"), used);
        }
    }

    private static void walk(String kind, String prefix, JsonNode node, java.util.Map<String, Set<String>> used) {
        if (node.isArray()) {
            for (JsonNode item : node) walk(kind, prefix.isEmpty() ? "" : prefix + "[]", item, used);
            return;
        }
        if (!node.isObject()) return;
        String base = prefix.isEmpty() ? "" : prefix.endsWith("[]") ? prefix + "." : prefix + ".";
        node.fieldNames().forEachRemaining(f -> {
            used.computeIfAbsent(kind, k -> new TreeSet<>()).add(base + f);
            walk(kind, base + f, node.path(f), used);
        });
    }

    private static void collect(String kind, JsonNode spec, Set<String> actions, Set<String> templateTypes,
                                java.util.Map<String, Set<String>> fieldsByKind, Set<String> selectorFields) {
        if (!spec.isObject()) return;
        spec.fieldNames().forEachRemaining(f -> fieldsByKind.computeIfAbsent(kind, k -> new TreeSet<>()).add(f));
        if (spec.has("action")) actions.add(kind + "/" + spec.path("action").asText());
        if (kind.equals("HTTPChaos"))
            for (String a : List.of("abort", "delay", "replace", "patch")) if (spec.has(a)) actions.add("HTTPChaos/" + a);
        spec.path("selector").fieldNames().forEachRemaining(selectorFields::add);
        for (ChaosMeshKinds.Kind k : ChaosMeshKinds.embeddable())
            if (spec.has(k.embedField())) collect(k.name(), spec.path(k.embedField()), actions, templateTypes, fieldsByKind, selectorFields);
        if (spec.has("workflow")) collect("Workflow", spec.path("workflow"), actions, templateTypes, fieldsByKind, selectorFields);
        for (JsonNode t : spec.path("templates")) {
            templateTypes.add(t.path("templateType").asText());
            collect("Template", t, actions, templateTypes, fieldsByKind, selectorFields);
            if (t.has("schedule")) collect("Schedule", t.path("schedule"), actions, templateTypes, fieldsByKind, selectorFields);
        }
    }
}
