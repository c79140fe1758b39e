package dev.homeostat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homeostat.chaos.ChaosManifests;
import dev.homeostat.chaos.Horizon;
import dev.homeostat.chaos.LegacyManifests;
import dev.homeostat.chaos.ManifestCheck;
import dev.homeostat.chaos.ManifestException;
import dev.homeostat.chaos.YamlDocument;
import dev.homeostat.chaos.YamlDocuments;
import dev.homeostat.chaos.crd.ChaosMeshKinds;
import dev.homeostat.testbed.run.ScenarioRunner;
import dev.homeostat.testbed.scenario.ManifestScenario;
import dev.homeostat.testbed.scenario.ScenarioLoader;
import dev.homeostat.testbed.scenario.SelectorCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How many Chaos Mesh objects of a folder are accepted and take effect: by default Chaos Mesh's own sample manifests
 * ({@code chaos-experiments/src/test/resources/upstream}, Apache-2.0), or any folder given as
 * {@code -Dsamples.dir=/abs/path} (e.g. real-world manifests kept outside the repository). Every Chaos Mesh object of
 * every {@code .yaml}/{@code .yml} file is one row (a file may hold several, separated by {@code ---}); each is validated
 * alone, and one that is accepted runs in the scenario {@code homeostat chaos run --simulate} runs it in
 * ({@link ManifestScenario}: a cluster built from its selectors by {@link SelectorCluster}, a workload per selector and namespace
 * with what it selects by, StatefulSets for pods named by ordinal, the nodes it names; three pods (more when the mode is a
 * percentage: {@link SelectorCluster#replicasFor}), 700 requests/s: about 60 % busy, so that extra work such as duplicated
 * packets shows), applied at 5m of 40m (longer when a Schedule first fires later: {@link ManifestScenario#runMinutes()}), and counts as effective when the simulator's injection check
 * sees its signal move (a standalone StatusCheck, which injects nothing: when its verdict is journalled). A selector
 * without namespaces selects in the object's own namespace ({@code default} when it names none), as Chaos Mesh defaults it;
 * the cluster is named after the manifest's {@code remoteCluster} when it has one, the cluster Chaos Mesh injects it into.
 * The report goes to stdout and {@code src/test/target/upstream-acceptance.md} (the upstream samples) or
 * {@code src/test/target/samples-acceptance-<folder name>.md}; the figures are in chaos-experiments/README.md with this command:
 * {@code mvn -B -q -pl src/test -am test -Dtest=UpstreamSamplesTest -Dsurefire.failIfNoSpecifiedTests=false [-Dsamples.dir=/abs/path]}.
 * Only the upstream samples are held to "accepted with nothing planned takes effect"; a foreign folder is measured.
 */
class UpstreamSamplesTest {
    private static final Path ROOT = RepositoryPaths.root();
    private static final Path UPSTREAM = ROOT.resolve("chaos-experiments/src/test/resources/upstream/chaos-mesh");
    /** The kinds the simulator models, as the conformance table lists them. */
    private static final List<String> SUPPORTED = ChaosMeshKinds.all().stream().filter(ChaosMeshKinds.Kind::supported).map(ChaosMeshKinds.Kind::name).toList();

    private static final String INVALID = "refused: invalid for Chaos Mesh too";

    /**
     * {@code upgraded}: for an object Chaos Mesh refuses that {@code homeostat chaos upgrade} rewrites, the verdict on
     * what it writes (and why, when not effective); else "".
     */
    record Row(String file, String kind, String verdict, String detail, String upgraded) {
        Row(String file, String kind, String verdict, String detail) { this(file, kind, verdict, detail, ""); }
    }

    @Test
    void samples_acceptedAndEffective_report(@TempDir Path dir) throws IOException {
        String foreign = System.getProperty("samples.dir", "");
        Path samples = foreign.isBlank() ? UPSTREAM : Path.of(foreign).toAbsolutePath().normalize();
        boolean upstream = foreign.isBlank();
        assertThat(samples).as("-Dsamples.dir: a folder of Chaos Mesh manifests").isDirectory();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(samples)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
        var rows = new ArrayList<Row>();
        for (Path file : files) {
            String text = Files.readString(file);
            List<YamlDocument> docs;
            try {
                docs = YamlDocuments.parse(file.toString(), text);
            } catch (ManifestException e) {
                // not YAML at all: kubectl refuses it too; one row when it names Chaos Mesh
                if (text.contains("chaos-mesh.org")) rows.add(new Row(samples.relativize(file).toString(), "?", INVALID, e.getMessage()));
                continue;
            }
            for (YamlDocument doc : docs) {
                JsonNode root = doc.root();
                String kind = root.path("kind").asText();
                if (ChaosMeshKinds.find(kind).isEmpty() && !root.path("apiVersion").asText().contains("chaos-mesh.org")) continue;
                String name = samples.relativize(file) + (docs.size() > 1 ? "#" + doc.index() : "");
                Path alone = alone(file, text, doc, docs.size(), dir.resolve("doc-" + rows.size()));
                Row row = row(name, kind, alone, root, dir.resolve("run-" + rows.size()), upstream);
                rows.add(row.verdict().equals(INVALID) ? upgraded(row, alone, dir.resolve("upgraded-" + rows.size())) : row);
            }
        }
        String report = report(rows);
        System.out.println(report);
        Files.createDirectories(ROOT.resolve("src/test/target"));
        String reportName = upstream ? "upstream-acceptance.md" : "samples-acceptance-" + samples.getFileName() + ".md";
        Files.writeString(ROOT.resolve("src/test/target").resolve(reportName), report);
        assertThat(rows).as("Chaos Mesh objects in " + samples).isNotEmpty();
        if (upstream)
            assertThat(rows.stream().filter(r -> r.verdict().startsWith("refused")).map(Row::detail))
                    .as("one sentence per refusal").allSatisfy(d -> assertThat(d).doesNotContain(". ").doesNotContain("kind kind"));
    }

    @Test
    void multiDocumentFile_eachObjectCheckedAlone_atItsOwnLines(@TempDir Path dir) throws IOException {
        String text = """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: PodChaos
                metadata: {name: kill-cart}
                spec: {action: pod-kill, mode: one, selector: {labelSelectors: {app: cart}}}
                ---
                # the second object: a 1.x field
                apiVersion: chaos-mesh.org/v1alpha1
                kind: PodChaos
                metadata: {name: fail-cart}
                spec:
                  action: pod-failure
                  mode: one
                  selector: {labelSelectors: {app: cart}}
                  scheduler: {cron: "@every 5m"}
                """;
        Path file = dir.resolve("two.yaml");
        Files.writeString(file, text);
        List<YamlDocument> docs = YamlDocuments.parse(file.toString(), text);
        assertThat(ChaosManifests.check(alone(file, text, docs.get(0), 2, dir.resolve("a")), Horizon.firstFiring()).problems()).isEmpty();
        var second = ChaosManifests.check(alone(file, text, docs.get(1), 2, dir.resolve("b")), Horizon.firstFiring()).problems();
        assertThat(second).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("spec.scheduler");
            assertThat(p.line()).isEqualTo(14);
        });
        assertThat(SelectorCluster.replicasFor("fixed-percent", "30")).isEqualTo(4);
        assertThat(SelectorCluster.replicasFor("random-max-percent", "30%")).isEqualTo(14);
        assertThat(SelectorCluster.replicasFor("one", "")).isEqualTo(3);
    }

    /** The file with every other document blanked, so that the object is checked alone with its lines where they are. */
    private static Path alone(Path file, String text, YamlDocument doc, int documents, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path out = dir.resolve(file.getFileName().toString());
        if (documents == 1) {
            Files.writeString(out, text);
            return out;
        }
        String[] lines = text.split("\n", -1);
        int from = doc.line() - 1, to = lines.length;
        for (int i = from - 1; i >= 0; i--) if (lines[i].startsWith("---")) { from = i + 1; break; } else if (i == 0) from = 0;
        for (int i = doc.line(); i < lines.length; i++) if (lines[i].startsWith("---")) { to = i; break; }
        var kept = new StringBuilder();
        for (int i = 0; i < lines.length; i++) kept.append(i >= from && i < to ? lines[i] : "").append(i + 1 < lines.length ? "\n" : "");
        Files.writeString(out, kept);
        return out;
    }

    static Row row(String name, String kind, Path manifest, JsonNode root, Path dir, boolean strict) throws IOException {
        ManifestCheck check = ChaosManifests.check(manifest, Horizon.firstFiring());
        if (!check.problems().isEmpty()) {
            var p = check.problems().getFirst();
            String category = p.message().startsWith("not modelled yet: ") ? "refused: planned" : p.message().startsWith("not modelled: ") ? "refused: not modelled"
                    : p.message().startsWith("cannot exist in a simulation: ") ? "refused: cannot exist"
                    // a selector no pod can match (a namespace no namespace can be named): Chaos Mesh takes it and injects nothing
                    : p.message().endsWith("so the selector matches no pod") ? "refused: selects no pod (Chaos Mesh accepts it, injects nothing)" : INVALID;
            return new Row(name, kind, category, p.field() + ": " + p.message());
        }
        boolean planned = check.notes().stream().anyMatch(n -> n.message().startsWith("planned: "));
        String noEffect;
        try {
            noEffect = noEffect(manifest, root, dir);
        } catch (RuntimeException e) {
            // accepted alone, but no cluster can be built for it (a selector naming what cannot exist): it acts on nothing
            noEffect = "no scenario can hold it: " + e.getMessage();
        }
        boolean effective = noEffect == null;
        if (strict && !planned)
            assertThat(effective).as(name + ": accepted with nothing planned, so it must take effect: " + noEffect).isTrue();
        // why it has no effect first, then the validator's notes (a note need not be the reason)
        var detail = new ArrayList<String>();
        if (!effective) detail.add(noEffect);
        check.notes().forEach(n -> detail.add(n.field() + ": " + n.message()));
        return new Row(name, kind, effective ? "accepted, effective" : "accepted, no effect", String.join("; ", detail));
    }

    /**
     * The user's next step for an object Chaos Mesh refuses because an older API wrote it so (1.x's {@code scheduler},
     * the pre-2.0 Workflow fields): {@code homeostat chaos upgrade}, then the same verdict on what it writes.
     */
    private static Row upgraded(Row refused, Path manifest, Path dir) throws IOException {
        var upgraded = LegacyManifests.upgrade(manifest.toString(), Files.readString(manifest));
        if (upgraded.changes().isEmpty()) return refused;
        Files.createDirectories(dir);
        Path rewritten = dir.resolve(manifest.getFileName());
        Files.writeString(rewritten, upgraded.yaml());
        JsonNode root = YamlDocuments.parse(rewritten.toString(), upgraded.yaml()).getFirst().root();
        Row after = row(refused.file(), root.path("kind").asText(), rewritten, root, dir.resolve("run"), false);
        String effective = "accepted, effective";
        return new Row(refused.file(), refused.kind(), refused.verdict(), refused.detail(),
                after.verdict().equals(effective) ? effective : after.verdict() + ": " + after.detail().replace("|", "\\|"));
    }

    private static String report(List<Row> rows) {
        var supported = rows.stream().filter(r -> SUPPORTED.contains(r.kind())).toList();
        long accepted = supported.stream().filter(r -> r.verdict().startsWith("accepted")).count();
        long effective = supported.stream().filter(r -> r.verdict().equals("accepted, effective")).count();
        var byVerdict = new TreeMap<String, Long>();
        for (Row r : supported) byVerdict.merge(r.verdict(), 1L, Long::sum);
        var out = new StringBuilder("Chaos Mesh objects: " + rows.size() + "; of a supported kind: " + supported.size() + "; accepted: " + accepted
                + " (" + Math.round(100.0 * accepted / supported.size()) + " %); accepted and effective: " + effective + " ("
                + Math.round(100.0 * effective / supported.size()) + " %)\n" + byVerdict + "\n");
        var rewritten = supported.stream().filter(r -> !r.upgraded().isEmpty()).toList();
        long acceptedAfter = accepted + rewritten.stream().filter(r -> r.upgraded().startsWith("accepted")).count();
        long effectiveAfter = effective + rewritten.stream().filter(r -> r.upgraded().equals("accepted, effective")).count();
        out.append("after homeostat chaos upgrade (").append(rewritten.size()).append(" refused objects it rewrites): accepted: ").append(acceptedAfter)
                .append(" (").append(Math.round(100.0 * acceptedAfter / supported.size())).append(" %); accepted and effective: ").append(effectiveAfter)
                .append(" (").append(Math.round(100.0 * effectiveAfter / supported.size())).append(" %)\n\n| file | kind | verdict | detail | upgraded |\n|---|---|---|---|---|\n");
        for (Row r : rows) out.append("| ").append(r.file()).append(" | ").append(r.kind()).append(" | ").append(r.verdict()).append(" | ")
                .append(r.detail().replace("|", "\\|")).append(" | ").append(r.upgraded()).append(" |\n");
        return out.toString();
    }

    /** Runs the manifest in a cluster built from its selectors ({@link ManifestScenario}); null when it took effect, else why not. */
    private static String noEffect(Path manifest, JsonNode root, Path dir) throws IOException {
        Files.createDirectories(dir);
        var built = ManifestScenario.of("upstream", manifest, List.of(root), manifest.toAbsolutePath().toString(),
                ROOT.resolve("remediation/policies/default.yaml").toString(), 1);
        Path scenario = dir.resolve("scenario.yaml");
        Files.writeString(scenario, built.yaml());
        var effect = built.effect(ScenarioRunner.run(new ScenarioLoader().load(scenario), 1, null));
        return effect.tookEffect() ? null : effect.detail();
    }
}
